import Foundation

/// A small element tree for one camt block (an entry, a statement header). The reader streams
/// the file and builds trees only for the block at hand, so memory stays flat on large files.
final class XNode {
    /// Local name: namespace prefixes are dropped because banks use every version's namespace.
    let name: String
    /// Line of the start tag, for error messages.
    let line: Int
    var text = ""
    /// The `Ccy` attribute, the only attribute camt's meaning depends on.
    var ccy: String?
    var children: [XNode] = []

    init(name: String, line: Int) { self.name = name; self.line = line }

    var value: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    func child(_ name: String) -> XNode? { children.first { $0.name == name } }

    func all(_ name: String) -> [XNode] { children.filter { $0.name == name } }

    /// The first node at `path` ("A/B/C") in document order, trying every branch.
    func node(_ path: String) -> XNode? { node(path.split(separator: "/")[...]) }

    private func node(_ path: ArraySlice<Substring>) -> XNode? {
        guard let head = path.first else { return self }
        for c in children where c.name == head {
            if let found = c.node(path.dropFirst()) { return found }
        }
        return nil
    }

    /// Every node at `path`, in document order.
    func nodes(_ path: String) -> [XNode] {
        var out: [XNode] = []
        collect(path.split(separator: "/")[...], into: &out)
        return out
    }

    private func collect(_ path: ArraySlice<Substring>, into out: inout [XNode]) {
        guard let head = path.first else { out.append(self); return }
        for c in children where c.name == head { c.collect(path.dropFirst(), into: &out) }
    }

    /// Trimmed text at `path`, nil when absent or empty.
    func string(_ path: String) -> String? {
        guard let v = node(path)?.value, !v.isEmpty else { return nil }
        return v
    }

    /// Every leaf under this node as (relative path, value), in document order, for the
    /// "bank transaction details" view. `skip` prunes subtrees.
    func leaves(prefix: String, skip: (XNode) -> Bool = { _ in false }, into out: inout [(String, String)]) {
        for c in children where !skip(c) {
            let p = prefix.isEmpty ? c.name : prefix + "/" + c.name
            if c.children.isEmpty {
                let v = c.value
                if !v.isEmpty { out.append((p, v)) }
                if let ccy = c.ccy { out.append((p + "/@Ccy", ccy)) }
            } else {
                c.leaves(prefix: p, skip: skip, into: &out)
            }
        }
    }
}
