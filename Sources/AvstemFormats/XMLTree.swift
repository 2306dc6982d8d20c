import AvstemCore
import Foundation

/// Storage for one camt block (an entry, a statement header): every element in flat arrays,
/// linked by index. The reader streams the file and builds a tree only for the block at hand,
/// so memory stays flat on large files; flat arrays instead of an object per element halve the
/// cost of building and freeing them.
final class XTree {
    @exclusivity(unchecked) var names: [String] = []
    @exclusivity(unchecked) var lines: [Int] = []
    @exclusivity(unchecked) var texts: [String] = []
    @exclusivity(unchecked) var ccys: [String?] = []
    @exclusivity(unchecked) var firstChild: [Int] = []
    @exclusivity(unchecked) var lastChild: [Int] = []
    @exclusivity(unchecked) var nextSibling: [Int] = []

    init() {
        names.reserveCapacity(64); lines.reserveCapacity(64); texts.reserveCapacity(64); ccys.reserveCapacity(64)
        firstChild.reserveCapacity(64); lastChild.reserveCapacity(64); nextSibling.reserveCapacity(64)
    }

    /// A new element, appended as the last child of `parent` (or a root when nil).
    func add(name: String, line: Int, ccy: String?, parent: Int?) -> XNode {
        let i = names.count
        names.append(name); lines.append(line); texts.append(""); ccys.append(ccy)
        firstChild.append(-1); lastChild.append(-1); nextSibling.append(-1)
        if let p = parent {
            if lastChild[p] < 0 { firstChild[p] = i } else { nextSibling[lastChild[p]] = i }
            lastChild[p] = i
        }
        return XNode(tree: self, index: i)
    }
}

/// One element of an `XTree`.
struct XNode: Equatable {
    let tree: XTree
    let index: Int

    static func == (a: XNode, b: XNode) -> Bool { a.tree === b.tree && a.index == b.index }

    /// Local name: namespace prefixes are dropped because banks use every version's namespace.
    var name: String { tree.names[index] }
    /// Line of the start tag, for error messages.
    var line: Int { tree.lines[index] }
    /// Character data while the element is open; its trimmed value once it has closed.
    var text: String { tree.texts[index] }
    var value: String { text }
    /// The `Ccy` attribute, the only attribute camt's meaning depends on.
    var ccy: String? { tree.ccys[index] }
    var isLeaf: Bool { tree.firstChild[index] < 0 }

    func appendText(_ s: String) { tree.texts[index] += s }

    /// A child of another tree (an entry's tree under its statement) only for the path stack.
    func addChild(name: String, line: Int, ccy: String?) -> XNode {
        tree.add(name: name, line: line, ccy: ccy, parent: index)
    }

    /// Called at the end tag: containers drop their indentation, leaves keep trimmed text.
    func close() {
        tree.texts[index] = isLeaf ? XNode.trim(tree.texts[index]) : ""
    }

    /// XML white space only (space, tab, CR, LF); much cheaper than Foundation's trimming.
    static func trim(_ s: String) -> String {
        let u = s.utf8
        func ws(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        guard let f = u.first, let l = u.last, ws(f) || ws(l) else { return s }
        var start = u.startIndex, end = u.endIndex
        while start < end && ws(u[start]) { start = u.index(after: start) }
        while end > start && ws(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(s[start..<end])
    }

    /// The children in document order.
    var children: XChildren { XChildren(tree: tree, first: tree.firstChild[index]) }

    func child(_ name: String) -> XNode? { children.first { $0.name == name } }

    func all(_ name: String) -> [XNode] { children.filter { $0.name == name } }

    /// The first node at the path of local names, in document order, trying every branch.
    func node(_ path: String...) -> XNode? { node(path[...]) }

    private func node(_ path: ArraySlice<String>) -> XNode? {
        guard let head = path.first else { return self }
        for c in children where c.name == head {
            if let found = c.node(path.dropFirst()) { return found }
        }
        return nil
    }

    /// Every node at `path`, in document order.
    func nodes(_ path: String...) -> [XNode] {
        var out: [XNode] = []
        collect(path[...], into: &out)
        return out
    }

    private func collect(_ path: ArraySlice<String>, into out: inout [XNode]) {
        guard let head = path.first else { out.append(self); return }
        for c in children where c.name == head { c.collect(path.dropFirst(), into: &out) }
    }

    /// Trimmed text at `path`, nil when absent or empty.
    func string(_ path: String...) -> String? {
        guard let v = node(path[...])?.text, !v.isEmpty else { return nil }
        return v
    }

    /// Every leaf under this node as (relative path, value), in document order, for the
    /// "bank transaction details" view. `skip` prunes subtrees.
    func leaves(prefix: String, names: PathNames, skip: (XNode) -> Bool = { _ in false }, into out: inout [StatementEntry.Detail]) {
        // One byte buffer for the path: building a String per level cost more than the parse.
        var path = Array(prefix.utf8)
        leaves(path: &path, names: names, skip: skip, into: &out)
    }

    private func leaves(path: inout [UInt8], names: PathNames, skip: (XNode) -> Bool, into out: inout [StatementEntry.Detail]) {
        let mark = path.count
        for c in children where !skip(c) {
            if mark > 0 { path.append(UInt8(ascii: "/")) }
            path.append(contentsOf: c.name.utf8)
            if c.isLeaf {
                if !c.text.isEmpty { out.append(.init(names.string(path), c.text)) }
                if let ccy = c.ccy {
                    path.append(contentsOf: "/@Ccy".utf8)
                    out.append(.init(names.string(path), ccy))
                }
            } else {
                c.leaves(path: &path, names: names, skip: skip, into: &out)
            }
            path.removeSubrange(mark...)
        }
    }
}

struct XChildren: Sequence, IteratorProtocol {
    let tree: XTree
    var upcoming: Int

    init(tree: XTree, first: Int) { self.tree = tree; self.upcoming = first }

    mutating func next() -> XNode? {
        guard upcoming >= 0 else { return nil }
        let n = XNode(tree: tree, index: upcoming)
        upcoming = tree.nextSibling[upcoming]
        return n
    }
}

/// Detail paths repeat in every entry; one shared string per path keeps a large file's
/// details from holding the same text hundreds of thousands of times.
final class PathNames {
    /// Keyed by an FNV-1a hash of the bytes: hashing `[UInt8]` through `Hasher` went byte by
    /// byte and cost more than the strings it saved.
    @exclusivity(unchecked) private var table: [UInt64: [([UInt8], String)]] = [:]

    func string(_ path: [UInt8]) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in path { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        if let bucket = table[h], let hit = bucket.first(where: { $0.0 == path }) { return hit.1 }
        let s = String(decoding: path, as: UTF8.self)
        table[h, default: []].append((path, s))
        return s
    }
}
