import Foundation

/// Runs `work` for indices `0..<count` on the cooperative thread pool and
/// hands the results to `emit` in index order. At most `window` results are
/// in flight or waiting, so memory does not grow with `count`.
public func parallelOrdered<T: Sendable>(count: Int, window: Int = ProcessInfo.processInfo.activeProcessorCount * 4,
                                          work: @escaping @Sendable (Int) -> T, emit: (Int, T) -> Void) async {
    let window = max(1, window)
    await withTaskGroup(of: (Int, T).self) { group in
        var next = 0, emitted = 0
        var waiting: [Int: T] = [:]
        while next < count && next < window {
            let i = next
            group.addTask { (i, work(i)) }
            next += 1
        }
        for await (index, value) in group {
            waiting[index] = value
            while let ready = waiting.removeValue(forKey: emitted) {
                emit(emitted, ready)
                emitted += 1
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
            return .failed(file: path, diagnostics: error.diagnostics)
        }
    }

    /// Checks `files`, calling `emit` once per file, in order.
    public func run(_ files: [String], emit: (FileResult) -> Void) async {
        await parallelOrdered(count: files.count, work: { [self] i in check(path: files[i]) }, emit: { _, result in emit(result) })
    }

    /// Checks `files` and renders each file's part of the report on the
    /// worker that checked it; `emit` gets both, once per file, in order.
    public func run<R: ReportRenderer>(_ files: [String], renderer: R, emit: (FileResult, String) -> Void) async {
        await parallelOrdered(count: files.count, work: { [self] i in
            let result = check(path: files[i])
            return (result, renderer.render(result))
        }, emit: { _, pair in emit(pair.0, pair.1) })
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
