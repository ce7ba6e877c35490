import Foundation

/// One report of a run (`--output FORMAT=PATH`, `--output PATH`, `-` for
/// standard output): the format and where it goes.
public struct OutputSpec: Sendable, Equatable {
    public var format: ReportFormat
    /// nil: standard output.
    public var path: String?

    public init(format: ReportFormat, path: String?) {
        self.format = format
        self.path = path
    }

    /// Reads `FORMAT=PATH` (FORMAT one of `formats`), or a plain `PATH` in
    /// `defaultFormat`; `-` is standard output. A prefix before `=` that is
    /// not a format name is part of a plain path (`a=b.json`).
    public static func parse(_ text: String, defaultFormat: ReportFormat, formats: [ReportFormat]) throws(OutputSpecError) -> OutputSpec {
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals]), path = String(text[text.index(after: equals)...])
            if let format = ReportFormat(rawValue: name) {
                guard formats.contains(format) else {
                    throw OutputSpecError(message: "--output \(text): check does not write \(name) here; it writes \(formats.map(\.rawValue).joined(separator: ", "))")
                }
                guard !path.isEmpty else { throw OutputSpecError(message: "--output \(text): no path after '='; use '-' for standard output") }
                return OutputSpec(format: format, path: path == "-" ? nil : path)
            }
            if !name.contains("/") && !name.contains("."), let guess = Suggest.closest(to: name, in: formats.map(\.rawValue)).first {
                throw OutputSpecError(message: "--output \(text): unknown format '\(name)'; did you mean '\(guess)'?")
            }
        }
        guard !text.isEmpty else { throw OutputSpecError(message: "--output: empty path; use '-' for standard output") }
        return OutputSpec(format: defaultFormat, path: text == "-" ? nil : text)
    }

    /// Refuses two reports to standard output or to one file.
    public static func conflicts(_ specs: [OutputSpec]) -> String? {
        if specs.filter({ $0.path == nil }).count > 1 { return "--output: only one report can go to standard output ('-')" }
        var seen: Set<String> = []
        for spec in specs {
            guard let path = spec.path, !path.hasPrefix("/dev/") else { continue }
            let key = URL(fileURLWithPath: path).standardizedFileURL.path
            if !seen.insert(key).inserted { return "--output: two reports would be written to \(path)" }
        }
        return nil
    }
}

/// A malformed `--output` (a usage error).
public struct OutputSpecError: Error, Sendable {
    public let message: String
}
