/// Where each part of the journal screen sits for a terminal size. Shared by the renderer
/// and the reducer (page size, mouse hit testing) so they cannot disagree.
public struct JournalLayout: Sendable, Equatable {
    public struct Rect: Sendable, Equatable {
        public var x, y, width, height: Int
        public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
    }

    public static let minWidth = 60
    public static let minHeight = 14

    public let width: Int
    public let height: Int
    /// The detail pane sits beside the lines on wide terminals, below them otherwise.
    public let detailBeside: Bool
    public let columnHeaderY: Int
    public let grid: Rect
    public let detail: Rect
    public var footerY: Int { height - 2 }
    public var statusY: Int { height - 1 }
    public var tooSmall: Bool { width < Self.minWidth || height < Self.minHeight }

    public init(width: Int, height: Int) {
        self.width = width; self.height = height
        columnHeaderY = 2
        let top = 3
        let body = max(1, height - top - 2)
        detailBeside = width >= 140
        if detailBeside {
            let dw = min(72, max(50, width * 5 / 16))
            grid = Rect(x: 0, y: top, width: width - dw - 1, height: body)
            detail = Rect(x: width - dw, y: columnHeaderY, width: dw, height: body + 1)
        } else {
            let dh = max(4, body / 3 + 1)
            grid = Rect(x: 0, y: top, width: width, height: max(1, body - dh))
            detail = Rect(x: 0, y: top + max(1, body - dh), width: width, height: dh)
        }
    }

    public var pageSize: Int { max(1, grid.height - 1) }

    /// The apply-manually dialog: nearly the whole screen.
    public var applyBox: Rect { Rect(x: 0, y: 1, width: width, height: max(8, height - 2)) }
    /// Candidate rows inside the apply dialog: below line info and column titles, above totals.
    public var applyRows: Rect { Rect(x: applyBox.x + 1, y: applyBox.y + 3, width: applyBox.width - 2, height: max(1, applyBox.height - 7)) }
}

/// A table column. Columns with a `flex` weight share what is left in proportion; low-priority
/// columns are dropped first when the screen is narrow.
public struct Column: Sendable {
    public var title: String
    public var width: Int
    public var align: Align
    public var flex: Int
    public var priority: Int

    public init(_ title: String, width: Int, align: Align = .left, flex: Int = 0, priority: Int = 0) {
        self.title = title; self.width = width; self.align = align; self.flex = flex; self.priority = priority
    }

    /// Positions for the columns that fit in `total`, one space apart, in the given order.
    /// Returned entries keep the caller's column index, so rows can look their value up.
    /// `hidden` columns get no room at all (the user chose them away).
    public static func layout(_ columns: [Column], total: Int, x: Int = 0, hidden: Set<Int> = []) -> [(index: Int, x: Int, width: Int)] {
        var keep = columns.indices.filter { !hidden.contains($0) }
        func need(_ idx: [Int]) -> Int { idx.reduce(0) { $0 + columns[$1].width } + max(0, idx.count - 1) }
        while need(keep) > total, keep.count > 1 {
            // Drop the lowest priority (highest number), the rightmost of equals.
            let victim = keep.enumerated().max { a, b in
                columns[a.element].priority != columns[b.element].priority
                    ? columns[a.element].priority < columns[b.element].priority : a.offset < b.offset
            }!.offset
            keep.remove(at: victim)
        }
        let spare = max(0, total - need(keep))
        let flexes = keep.filter { columns[$0].flex > 0 }
        let weights = flexes.reduce(0) { $0 + columns[$1].flex }
        var out: [(Int, Int, Int)] = []
        var cx = x
        var given = 0
        for (n, i) in keep.enumerated() {
            var w = columns[i].width
            if let fi = flexes.firstIndex(of: i) {
                // The last flexible column takes the rounding remainder so the row ends exactly at `total`.
                let share = fi == flexes.count - 1 ? spare - given : spare * columns[i].flex / weights
                w += share; given += share
            }
            out.append((i, cx, w))
            cx += w + (n == keep.count - 1 ? 0 : 1)
        }
        return out
    }
}
