import AvstemCore
import AvstemDemo
import AvstemStore
import AvstemUI
import Foundation

/// Key-to-frame time of the journal app over the real store: each scripted key is handled
/// (including the backend calls it makes) and the next frame rendered into the cell grid.
/// Drawing the grid to a terminal is left out: that is curses' cost, the same for any app.
enum TuiBench {
    static func run(lines: Int, seed: UInt64) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avstem-tuibench-\(getpid()).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let company = Bench.company(lines: lines, entries: max(lines * 2, 20_000), seed: seed)
        let db = try AppDatabase(path: path)
        try db.importBooks(company.books)
        let journalId = try db.importStatement(StatementFile(format: "camt.053.001.02", statements: [company.statement]),
                                               source: "bench", bankAccountNo: nil).journalIds[0]
        _ = try db.applyAutomatically(journalId: journalId)
        let backend = try StoreBackend(db: db, journalId: journalId)
        let keyMap = KeyMap.defaults
        let t0 = Bench.now()
        let snap = try backend.snapshot()
        let t1 = Bench.now()
        var state = AppState(snapshot: snap, width: 160, height: 48)
        state.language = Language.fromEnvironment(ProcessInfo.processInfo.environment) // LANG=nb_NO.UTF-8 times the Norwegian screens
        let t2 = Bench.now()
        loadDetail(&state, backend)
        print(String(format: "    read the lines %.3f s, index them (sort orders, search text, figures) %.3f s, first detail pane %.3f s",
                     t1 - t0, t2 - t1, Bench.now() - t2))
        print(String(format: "  open the journal (load %d lines, first frame)  %.3f s", lines, Bench.now() - t0))
        _ = render(state, keyMap: keyMap)

        var script: [(String, Key)] = []
        script += Array(repeating: ("scroll down", Key.down), count: 300)
        script += Array(repeating: ("page down", Key.pageDown), count: 50)
        script += [("last line", .end), ("first line", .home)]
        script += Array(repeating: ("scroll up/down", Key.char("k")), count: 20) + Array(repeating: ("scroll up/down", Key.char("j")), count: 20)
        // Every filter once round, scrolling in each; every sort order once round.
        for _ in LineFilter.cycle { script += [("filter", .char("f")), ("page down", .pageDown), ("scroll down", .down)] }
        for _ in SortKey.allCases { script += [("sort", .char("s")), ("page down", .pageDown)] }
        // Incremental search: each typed key searches; then next/previous match.
        script += [("search", .char("/"))] + "faktura 4".map { ("search typing", Key.char($0)) } + [("search", .enter)]
        script += Array(repeating: ("next/previous match", Key.char("n")), count: 10) + Array(repeating: ("next/previous match", Key.char("N")), count: 5)
        script += [("search", .char("/"))] + "no such text".map { ("search typing", Key.char($0)) } + [("search", .escape)]
        for _ in 0..<20 { script += [("accept line", .char("a")), ("scroll down", .down)] }
        for _ in 0..<5 { script += [("remove line", .char("r")), ("undo", .char("u")), ("redo", .ctrl("r")), ("undo", .char("u")), ("scroll down", .down)] }
        script += [("filter", .char("f")), ("filter", .char("f"))] // for review: accepting makes lines leave the filter
        for _ in 0..<10 { script += [("accept line", .char("a"))] }
        script += [("filter", .char("F")), ("filter", .char("F"))]
        for _ in 0..<5 { script += [("mark", .char(" "))] }
        script += [("accept marked", .char("a")), ("undo", .char("u"))]
        for _ in 0..<5 { script += [("open apply manually", .enter), ("toggle entry", .char(" ")), ("close dialog", .escape), ("scroll down", .down)] }
        for _ in 0..<5 { script += [("open apply manually", .enter), ("toggle entry", .char(" ")), ("apply (confirm)", .enter), ("undo", .char("u")), ("scroll down", .down)] }
        script += [("help", .char("?")), ("close help", .escape)]

        var times: [String: [Double]] = [:]
        var all: [Double] = []
        var detail: [Double] = []
        for (label, key) in script {
            let s = Bench.now()
            let reaction = handle(.key(key), state: &state, keyMap: keyMap, backend: backend)
            _ = render(state, keyMap: keyMap)
            let ms = (Bench.now() - s) * 1000
            times[label, default: []].append(ms)
            all.append(ms)
            // As the app does: the frame first, then the detail pane is filled and drawn again.
            if reaction.contains(.loadDetail) {
                let d = Bench.now()
                settle(&state, backend: backend)
                _ = render(state, keyMap: keyMap)
                detail.append((Bench.now() - d) * 1000)
            }
        }
        func pct(_ xs: [Double], _ p: Double) -> Double {
            let s = xs.sorted()
            return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
        }
        print(String(format: "  key to next frame, all %d keys: p50 %.2f ms, p99 %.2f ms, max %.2f ms", all.count, pct(all, 0.5), pct(all, 0.99), all.max() ?? 0))
        if !detail.isEmpty {
            print(String(format: "  then the detail pane filled (candidates, %d times): p50 %.2f ms, p99 %.2f ms", detail.count, pct(detail, 0.5), pct(detail, 0.99)))
        }
        for label in times.keys.sorted() {
            let xs = times[label]!
            print("    " + label.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: " n=%4d  p50 %8.2f ms  p99 %8.2f ms", xs.count, pct(xs, 0.5), pct(xs, 0.99)))
        }
    }
}
