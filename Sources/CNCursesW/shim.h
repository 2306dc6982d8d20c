#ifndef AVSTEM_CNCURSESW_SHIM_H
#define AVSTEM_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's defines: without these the wide-character API is missing.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
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
// The user's locale, or C.UTF-8 when it is not UTF-8 (a bare C locale in CI, cron, ssh
// without LANG): curses cannot draw æøå or 作 in a single-byte locale.
static inline void avstem_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (!cs || strcmp(cs, "UTF-8") != 0) {
        if (!setlocale(LC_CTYPE, "C.UTF-8")) setlocale(LC_CTYPE, "en_US.UTF-8");
    }
}

// Accessors for globals Swift 6 refuses as shared mutable state.
static inline WINDOW *avstem_stdscr(void) { return stdscr; }
static inline FILE *avstem_stdout(void) { return stdout; }
static inline FILE *avstem_stdin(void) { return stdin; }
static inline int avstem_color_pairs(void) { return COLOR_PAIRS; }
static inline mmask_t avstem_mouse_buttons(void) {
    return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}

// Termination requests are noted here and acted on by the main loop, which restores the
// terminal itself: nothing unsafe runs inside the handler.
static volatile sig_atomic_t avstem_pending_signal_value = 0;
static void avstem_note_signal(int sig) { avstem_pending_signal_value = sig; }
// A crash must not leave the user's terminal in raw mode: endwin is not async-signal-safe,
// but the process is dying anyway and a usable shell is worth the risk (tig does the same).
static void avstem_crash_restore(int sig) { endwin(); signal(sig, SIG_DFL); raise(sig); }
static inline void avstem_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = avstem_note_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) signal(crashes[i], avstem_crash_restore);
}
static inline void avstem_reset_signal_handlers(void) {
    int all[] = { SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) signal(all[i], SIG_DFL);
}
static inline int avstem_take_signal(void) { int s = avstem_pending_signal_value; avstem_pending_signal_value = 0; return s; }
#endif
