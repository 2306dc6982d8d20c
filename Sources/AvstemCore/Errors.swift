/// A user error: bad input, refused operation. Names what and where, in one line; the
/// executable prints it and exits 1. Anything else that escapes is an internal failure (exit 2).
public struct UserError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }

    /// `file:line: reason` — the shape every reader uses.
    public init(file: String, line: Int? = nil, column: String? = nil, _ reason: String) {
        var where_ = file
        if let line { where_ += ":\(line)" }
        if let column { where_ += " (\(column))" }
        self.message = "\(where_): \(reason)"
    }

    public var description: String { message }
}
