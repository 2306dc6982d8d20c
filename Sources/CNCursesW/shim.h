#ifndef AVSTEM_CNCURSESW_SHIM_H
#define AVSTEM_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's defines: without these the wide-character API is missing.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <curses.h>

// Macros and globals that do not import into Swift 6.
static inline int avstem_key_f(int n) { return KEY_F(n); }
static inline attr_t avstem_a_bold(void) { return A_BOLD; }
static inline attr_t avstem_a_reverse(void) { return A_REVERSE; }
static inline attr_t avstem_a_underline(void) { return A_UNDERLINE; }
static inline attr_t avstem_a_dim(void) { return A_DIM; }
static inline attr_t avstem_a_normal(void) { return A_NORMAL; }
static inline int avstem_color_pair(int n) { return COLOR_PAIR(n); }
static inline int avstem_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int avstem_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline int avstem_colors(void) { return COLORS; }
static inline mmask_t avstem_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t avstem_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline mmask_t avstem_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t avstem_button5_pressed(void) { return BUTTON5_PRESSED; }
#endif
