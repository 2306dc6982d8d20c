import AvstemCore
import Foundation

/// One statement file format. A reader is stateless; the registry picks one by name or by
/// sniffing the first bytes of a file, so adding MT940, Nets OCR, OFX or CSV profiles means
/// adding a type to `StatementFormats.readers` and nothing else.
public protocol StatementReader: Sendable {
    /// The `--format` value that selects this reader (`camt`, `mt940`, …).
    static var name: String { get }
    /// True when the first bytes of a file look like this format. Content only, never the file name.
    static func sniff(_ head: [UInt8]) -> Bool
    init()
    func read(url: URL) throws -> StatementFile
}

public enum StatementFormats {
    /// The readers `auto` tries, in order.
    public static let readers: [any StatementReader.Type] = [CamtReader.self, MT940Reader.self, NetsOCRReader.self, OFXReader.self, CSVProfileReader.self]

    /// How many bytes `auto` looks at. camt puts its namespace in the first few hundred bytes;
    /// the margin covers long XML prologues and comments.
    static let sniffLength = 8192

    public static var formatNames: [String] { ["auto"] + readers.map { $0.name } + ["csv:PROFILE"] }

    public static func read(url: URL, format: String = "auto") throws -> StatementFile {
        if CSVProfileReader.profileName(in: format) != nil { return try CSVProfileReader.read(url: url, format: format) }
        let reader = try readerType(for: url, format: format)
        return try reader.init().read(url: url)
    }

    /// The `--format` value `auto` would choose for the file.
    public static func detect(url: URL) throws -> String {
        try readerType(for: url, format: "auto").name
    }

    static func readerType(for url: URL, format: String) throws -> any StatementReader.Type {
        let file = url.lastPathComponent
        let wanted = format.lowercased()
        if wanted == "auto" {
            let head = try readHead(url)
            if let r = readers.first(where: { $0.sniff(head) }) { return r }
            throw UserError(file: file, "not a recognised statement format (supported: \(readers.map { $0.name }.joined(separator: ", "))); give --format to choose one")
        }
        if let r = readers.first(where: { $0.name == wanted }) { return r }
        throw UserError(file: file, "unknown format '\(format)' (use one of \(formatNames.joined(separator: ", ")))")
    }

    static func readHead(_ url: URL) throws -> [UInt8] {
        let file = url.lastPathComponent
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { throw UserError(file: file, "no such file") }
        if isDir.boolValue { throw UserError(file: file, "is a folder, not a statement file") }
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw UserError(file: file, "cannot be read") }
        defer { try? handle.close() }
        // The throwing read: the legacy readData(ofLength:) traps on I/O errors.
        var head: [UInt8]
        do { head = [UInt8](try handle.read(upToCount: sniffLength) ?? Data()) } catch {
            throw UserError(file: file, "cannot be read: \(error.localizedDescription)")
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        return head
    }
}

extension Array where Element == UInt8 {
    /// Byte-wise search; sniffing must not assume the head is valid UTF-8 (it may end mid-character).
    func firstRange(of needle: String) -> Range<Int>? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, count >= n.count else { return nil }
        var i = 0
        while i <= count - n.count {
            if self[i] == n[0] {
                var j = 1
                while j < n.count && self[i + j] == n[j] { j += 1 }
                if j == n.count { return i..<(i + n.count) }
            }
            i += 1
        }
        return nil
    }
}
