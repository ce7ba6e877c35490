#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every renderer knows about the run.
public struct ReportContext: Sendable {
    public var asOf: Day
    public var packs: [RequirementPack]
    public var failOn: Severity
    /// Also list met and not-applicable results in human-readable formats.
    public var verbose: Bool

    public init(asOf: Day, packs: [RequirementPack], failOn: Severity = .major, verbose: Bool = false) {
        self.asOf = asOf
        self.packs = packs
        self.failOn = failOn
        self.verbose = verbose
    }
}

/// A report format. Renderers stream: each file's part is rendered by the
/// worker that checked it (`render`, pure, any thread, any order), then
/// written in input order (`add`), where separators and running state live.
public protocol ReportRenderer: Sendable {
    mutating func begin(_ context: ReportContext, to out: OutputSink)
    /// This file's part of the report.
    func render(_ result: FileResult) -> String
    /// Writes a rendered part; called once per file, in input order.
    mutating func add(_ result: FileResult, rendered: String, to out: OutputSink)
    mutating func finish(_ summary: RunSummary, to out: OutputSink)
}

extension ReportRenderer {
    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) { out.write(rendered) }

    /// Renders and writes one file (serial use).
    public mutating func add(_ result: FileResult, to out: OutputSink) {
        add(result, rendered: render(result), to: out)
    }
}

/// Buffered output to a file descriptor or to memory (tests).
public final class OutputSink: @unchecked Sendable {
    private var buffer: [UInt8] = []
    private let fd: Int32?
    public private(set) var captured: [UInt8] = []

    /// Writes to `fd` (1 = stdout).
    public init(fd: Int32) { self.fd = fd }
    /// Keeps everything in memory; read it with `text`.
    public init() { self.fd = nil }

    /// Opens `path` for writing.
    public static func file(_ path: String) -> OutputSink? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        return fd < 0 ? nil : OutputSink(fd: fd)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func line(_ text: String = "") { write(text); write("\n") }

    public func flush() {
        guard !buffer.isEmpty else { return }
        if let fd {
            var done = 0
            while done < buffer.count {
                let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, buffer.count - done) }
                if n <= 0 { if errno == EINTR { continue }; break }
                done += n
            }
        } else {
            captured += buffer
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() {
        flush()
        if let fd, fd > 2 { Glibc.close(fd) }
    }

    public var text: String { flush(); return String(decoding: captured, as: UTF8.self) }
}

/// The report formats of `check`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, jsonl, sarif, junit, csv
    /// Only with `--compare`.
    case markdown, html

    public func renderer() -> any ReportRenderer {
        switch self {
        case .text: return TextReport()
        case .json: return JSONReport()
        case .jsonl: return JSONLinesReport()
        case .sarif: return SARIFReport()
        case .junit: return JUnitReport()
        case .csv: return CSVReport()
        case .markdown, .html: return TextReport()  // `check` refuses these without --compare
        }
    }
}
