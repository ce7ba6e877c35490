/// A position in an input file: 1-based line and column, as editors show them.
public struct SourceMark: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceMark, b: SourceMark) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in an input file, with the place it was found and a
/// machine-readable code for its cause. The code is set where the problem is
/// found, never read back from the message: a message can be reworded
/// without moving a filing to another group.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    /// Why the input could not be used (README, "Input-error codes"):
    /// reports write it beside the message of a file that could not be checked.
    public var code: InputErrorCode
    public var file: String
    /// Where in `file` the problem is; `nil` when the whole file is concerned
    /// (unreadable, too large, empty).
    public var mark: SourceMark?
    public var message: String
    /// A second position that explains the first, e.g. the earlier duplicate key.
    public var related: SourceMark?

    /// A problem with `file`, at `mark` when it has a place; `code` has no
    /// default, so every place that finds a problem names its cause.
    public init(_ severity: Severity = .error, code: InputErrorCode, file: String, mark: SourceMark? = nil,
                message: String, related: SourceMark? = nil) {
        self.severity = severity
        self.code = code
        self.file = file
        self.mark = mark
        self.message = message
        self.related = related
    }

    /// An error at `mark`, of cause `code`.
    public static func error(_ code: InputErrorCode, at mark: SourceMark, _ message: String, related: SourceMark? = nil) -> Diagnostic {
        Diagnostic(.error, code: code, file: mark.file, mark: mark, message: message, related: related)
    }

    public var location: String { mark.map(\.description) ?? file }

    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let related { text += " (see \(related))" }
        return text
    }
}

/// A file that could not be loaded, with every problem found in it.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
