#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What every renderer knows about the run.
public struct ReportContext: Sendable {
    /// When the report was made, for the cover of a page (`Cover.generationTime`).
    public var generated: Date = Cover.generationTime()
    public var asOf: Day
    public var packs: [RequirementPack]
    public var failOn: Severity
    /// Also list met and not-applicable results in human-readable formats.
    public var verbose: Bool
    /// The requirement selection and listing filters in words (`FindingFilter`), for the text summary.
    public var filterNote: String?

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
///
/// A write that fails (disk full, `/dev/full`, a closed standard output,
/// EPIPE with SIGPIPE ignored) is never ignored: the first error is kept in
/// `failure`, later writes are dropped, and the command ends with exit 74.
public final class OutputSink: @unchecked Sendable {
    private var buffer: [UInt8] = []
    let fd: Int32?
    public private(set) var captured: [UInt8] = []
    /// The `errno` of the first write (or close) that failed.
    public private(set) var failure: Int32?

    /// Writes to `fd` (1 = stdout).
    public init(fd: Int32) { self.fd = fd }
    /// Keeps everything in memory; read it with `text`.
    public init() { self.fd = nil }

    /// Opens `path` for writing in place (no temporary file, no rename); see
    /// `ReportFile` for reports.
    public static func file(_ path: String) -> OutputSink? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        return fd < 0 ? nil : OutputSink(fd: fd)
    }

    public var failed: Bool { failure != nil }
    /// The reason of the failure, as `strerror` words it.
    public var failureReason: String? { failure.map { String(cString: strerror($0)) } }

    public func write(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func line(_ text: String = "") { write(text); write("\n") }

    /// Writes raw bytes (a spooled part of a report).
    func write(bytes: ArraySlice<UInt8>) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Marks the sink failed with `code` (a part of the report could not be kept), unless it failed already.
    func fail(_ code: Int32) { if failure == nil { failure = code } }

    public func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        if let fd {
            if (fd == 1 && StandardStreams.outputWasClosed) || (fd == 2 && StandardStreams.errorWasClosed) { failure = EBADF; return }
            var done = 0
            while done < buffer.count {
                let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, buffer.count - done) }
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { failure = ENOSPC; return }
                done += n
            }
        } else {
            captured += buffer
        }
    }

    /// Flushes and closes (descriptors above 2); a failed close is a failure too.
    public func close() {
        flush()
        if let fd, fd > 2, Glibc.close(fd) != 0, failure == nil, errno != EINTR { failure = errno }
    }

    public var text: String { flush(); return String(decoding: captured, as: UTF8.self) }
}

/// Keeps the three standard descriptors open, so that a file the run opens
/// never takes the number of a closed standard output (and gets the report,
/// or error messages, written into it).
public enum StandardStreams {
    /// Standard output was closed when the process started: writing the report there fails with EBADF.
    nonisolated(unsafe) public static var outputWasClosed = false
    nonisolated(unsafe) static var errorWasClosed = false

    /// Call first thing in `main`: fills closed descriptors 0, 1 and 2 with
    /// `/dev/null`. A descriptor that is open with close-on-exec set was not
    /// inherited (the runtime took the free number before `main`): the
    /// stream it stands for was closed too.
    public static func secure() {
        for fd: Int32 in 0...2 {
            let flags = fcntl(fd, F_GETFD)
            if flags == -1 && errno == EBADF {
                let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
                if opened >= 0 && opened != fd { _ = dup2(opened, fd); Glibc.close(opened) }
            } else if flags == -1 || flags & FD_CLOEXEC == 0 {
                continue
            }
            if fd == 1 { outputWasClosed = true }
            if fd == 2 { errorWasClosed = true }
        }
        Interrupts.install()
    }
}
/// The report formats of `check`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, jsonl, sarif, junit, csv
    /// One row per filing, worst first (`TriageReport`).
    case triage, triageCSV = "triage-csv", triageJSON = "triage-json"
    /// The run's gaps and missing evidence by fingerprint, for `--baseline` (`BaselineReport`).
    case baseline
    /// OSCAL assessment results (`OSCALReport`).
    case oscal
    /// `markdown` only with `--compare`; `html` is the site audit page, or the comparison page with `--compare`.
    case markdown, html

    /// The formats `check` writes without `--compare`.
    public static let checkFormats: [ReportFormat] = [.text, .json, .jsonl, .sarif, .junit, .csv, .html, .triage, .triageCSV, .triageJSON, .baseline, .oscal]
    /// The formats of `check --compare`.
    public static let compareFormats: [ReportFormat] = [.text, .json, .markdown, .html, .csv]

    /// The renderer of this format; `text` chooses how much the text report
    /// shows, `top` how many rows the triage view lists.
    public func renderer(color: Bool = false, text: TextReport.Detail = .full, top: Int? = nil) -> any ReportRenderer {
        switch self {
        case .text: return TextReport(color: color, detail: text)
        case .json: return JSONReport()
        case .jsonl: return JSONLinesReport()
        case .sarif: return SARIFReport()
        case .junit: return JUnitReport()
        case .csv: return CSVReport()
        case .html: return SiteAuditReport()
        case .triage: return TriageReport(style: .text, top: top)
        case .triageCSV: return TriageReport(style: .csv, top: top)
        case .triageJSON: return TriageReport(style: .json, top: top)
        case .baseline: return BaselineReport()
        case .oscal: return OSCALReport()
        case .markdown: return TextReport()  // `check` refuses it without --compare
        }
    }
}
