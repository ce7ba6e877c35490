import Foundation

/// Runs `work` for indices `0..<count` on the cooperative thread pool and
/// hands the results to `emit` in index order. At most `window` results are
/// in flight or waiting, so memory does not grow with `count`.
///
/// `stop` is asked after each emitted result; when it says yes (the report
/// can no longer be written), no more work is started and the rest is dropped.
public func parallelOrdered<T: Sendable>(count: Int, window: Int = ProcessInfo.processInfo.activeProcessorCount * 4,
                                          work: @escaping @Sendable (Int) -> T, emit: (Int, T) -> Void,
                                          stop: () -> Bool = { false }) async {
    let window = max(1, window)
    await withTaskGroup(of: (Int, T).self) { group in
        var next = 0, emitted = 0
        var waiting: [Int: T] = [:]
        while next < count && next < window {
            let i = next
            group.addTask { (i, work(i)) }
            next += 1
        }
        var stopped = false
        for await (index, value) in group {
            if stopped { continue }
            waiting[index] = value
            while let ready = waiting.removeValue(forKey: emitted) {
                emit(emitted, ready)
                emitted += 1
            }
            if stop() {
                stopped = true
                group.cancelAll()
                waiting.removeAll()
                continue
            }
            while next < count && next - emitted < window {
                let i = next
                group.addTask { (i, work(i)) }
                next += 1
            }
        }
    }
}

/// Loads, validates and checks site files in parallel, emitting results in
/// input order.
public struct AuditRunner: Sendable {
    public let checker: Checker
    public let limits: LoadLimits
    private let workers: CheckerPool

    public init(checker: Checker, limits: LoadLimits = .default) {
        self.checker = checker
        self.limits = limits
        self.workers = CheckerPool(checker)
    }

    /// Checks one file; never throws: an unreadable file becomes a `.failed` record.
    public func check(path: String) -> FileResult {
        let worker = workers.take()
        defer { workers.giveBack(worker) }
        do {
            let site = try Site.load(path: path, limits: limits, schema: worker.schema)
            let future = site.eventsAfter(checker.asOf)
            if !future.isEmpty { return .failed(file: path, diagnostics: future) }
            return .checked(worker.checker.check(site))
        } catch {
            return .failed(file: path, diagnostics: Self.condense(error.diagnostics, file: path))
        }
    }

    /// Most diagnostics reported for one file; the rest are counted.
    public static let maxDiagnostics = 20

    /// Keeps a file that is not a site (`/etc/passwd` behind a link, a
    /// report) from being echoed line by line as "unknown key" errors: when
    /// every error is an unknown top-level key, one error says so with a
    /// short, escaped excerpt; otherwise at most `maxDiagnostics` are kept.
    public static func condense(_ diagnostics: [Diagnostic], file: String) -> [Diagnostic] {
        func unknownTopLevel(_ d: Diagnostic) -> Bool {
            d.message.hasPrefix("unknown key '") && d.message.contains("' in site") && d.mark?.column == 1
        }
        let unknown = diagnostics.filter(unknownTopLevel)
        if unknown.count > 1 && diagnostics.allSatisfy({ unknownTopLevel($0) || $0.message.hasPrefix("site is missing required key") })
            && diagnostics.contains(where: { $0.message.hasPrefix("site is missing required key 'id'") }) {
            let first = unknown[0].message.dropFirst("unknown key '".count).prefix { $0 != "'" }
            return [Diagnostic(code: .notASite, file: file, mark: unknown[0].mark,
                               message: "not a site file: none of its \(unknown.count) top-level keys is a site key (the first is '\(Escape.excerpt(String(first), limit: 12))')")]
        }
        // No message quotes more than a short excerpt of what it found.
        let shortened = diagnostics.map { d -> Diagnostic in
            guard d.message.count > 300 else { return d }
            var d = d
            d.message = String(d.message.prefix(300)) + "…"
            return d
        }
        guard shortened.count > maxDiagnostics else { return shortened }
        return Array(shortened.prefix(maxDiagnostics))
            // A count, not a cause: the omitted errors keep their own codes out of the report.
            + [Diagnostic(code: .invalidValue, file: file, message: "... and \(diagnostics.count - maxDiagnostics) more errors")]
    }

    /// Checks `files`, calling `emit` once per file, in order.
    public func run(_ files: [String], emit: (FileResult) -> Void) async {
        await parallelOrdered(count: files.count, work: { [self] i in check(path: files[i]) }, emit: { _, result in emit(result) })
    }

    /// Checks `files`, passes each result through `pipeline` and renders
    /// the listed part with `render` (one text per report) on the worker
    /// that checked it; `emit` gets the kept result (for the summary) and
    /// the texts, once per file, in order.
    public func run(_ files: [String], pipeline: ResultPipeline, render: @escaping @Sendable (FileResult) -> [String],
                    emit: (FileResult, [String]) -> Void, stop: () -> Bool = { false }) async {
        await parallelOrdered(count: files.count, work: { [self] i in
            let (kept, listed) = pipeline.process(check(path: files[i]))
            return (kept, render(listed))
        }, emit: { _, pair in emit(pair.0, pair.1) }, stop: stop)
    }

    /// Checks `files` and renders each file's part of the report on the
    /// worker that checked it; `emit` gets both, once per file, in order.
    public func run<R: ReportRenderer>(_ files: [String], renderer: R, emit: (FileResult, String) -> Void,
                                       stop: () -> Bool = { false }) async {
        await parallelOrdered(count: files.count, work: { [self] i in
            let result = check(path: files[i])
            return (result, renderer.render(result))
        }, emit: { _, pair in emit(pair.0, pair.1) }, stop: stop)
    }
}

/// What one task needs to check files, for one task at a time: a task
/// takes a worker (an independent copy is made when none is free) and gives
/// it back when done. Reference counts are atomic, and an object that two
/// threads retain and release for every site (a requirement, a closure
/// context, a schema) bounces its cache line between cores; with a worker per
/// running task those counts stay on one core.
final class CheckerPool: @unchecked Sendable {
    struct Worker {
        let checker: Checker
        let schema: ObjectSchema
    }

    private let original: Checker
    private var free: [Worker]
    private let lock = NSLock()

    init(_ checker: Checker) {
        original = checker
        free = [Worker(checker: checker, schema: SiteSchema.site)]
    }

    func take() -> Worker {
        lock.lock()
        let worker = free.popLast()
        lock.unlock()
        return worker ?? Worker(checker: original.independentCopy(), schema: SiteSchema.site.deepCopy())
    }

    func giveBack(_ worker: Worker) {
        lock.lock()
        free.append(worker)
        lock.unlock()
    }
}
