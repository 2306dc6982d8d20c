import AvstemCore
import Foundation

/// A small element tree for one camt block (an entry, a statement header). The reader streams
/// the file and builds trees only for the block at hand, so memory stays flat on large files.
final class XNode {
    /// Local name: namespace prefixes are dropped because banks use every version's namespace.
    let name: String
    /// Line of the start tag, for error messages.
    let line: Int
    /// Character data while the element is open; its trimmed value once it has closed.
    @exclusivity(unchecked) var text = ""
    /// The `Ccy` attribute, the only attribute camt's meaning depends on.
    @exclusivity(unchecked) var ccy: String?
    @exclusivity(unchecked) var children: [XNode] = []

    init(name: String, line: Int) { self.name = name; self.line = line }

    var value: String { text }

    /// Called at the end tag: containers drop their indentation, leaves keep trimmed text.
    func close() {
        text = children.isEmpty ? XNode.trim(text) : ""
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
    func leaves(prefix: String, skip: (XNode) -> Bool = { _ in false }, into out: inout [StatementEntry.Detail]) {
        // One byte buffer for the path: building a String per level cost more than the parse.
        var path = Array(prefix.utf8)
        leaves(path: &path, skip: skip, into: &out)
    }

    private func leaves(path: inout [UInt8], skip: (XNode) -> Bool, into out: inout [StatementEntry.Detail]) {
        let mark = path.count
        for c in children where !skip(c) {
            if mark > 0 { path.append(UInt8(ascii: "/")) }
            path.append(contentsOf: c.name.utf8)
            if c.children.isEmpty {
                if !c.text.isEmpty { out.append(.init(String(decoding: path, as: UTF8.self), c.text)) }
                if let ccy = c.ccy {
                    path.append(contentsOf: "/@Ccy".utf8)
                    out.append(.init(String(decoding: path, as: UTF8.self), ccy))
                }
            } else {
                c.leaves(path: &path, skip: skip, into: &out)
            }
            path.removeSubrange(mark...)
        }
    }
}
