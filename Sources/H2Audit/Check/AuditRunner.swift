import Dispatch

/// Loads, validates and checks site files in parallel, handing results to
/// `emit` in input order. Files are processed in chunks, so memory depends
/// on the chunk size, not on the number of files.
public struct AuditRunner: Sendable {
    public let checker: Checker
    public let limits: LoadLimits
    public var chunkSize: Int = 256

    public init(checker: Checker, limits: LoadLimits = .default) {
        self.checker = checker
        self.limits = limits
    }

    /// Checks one file; never throws: an unreadable file becomes a `.failed` record.
    public func check(path: String) -> FileResult {
        do {
            let site = try Site.load(path: path, limits: limits)
            return .checked(checker.check(site))
        } catch {
            return .failed(file: path, diagnostics: error.diagnostics)
        }
    }

    /// Checks `files`, calling `progress` after each chunk and `emit` once per file in order.
    public func run(_ files: [String], progress: ((Int) -> Void)? = nil, emit: (FileResult) -> Void) {
        var start = 0
        while start < files.count {
            let end = min(start + chunkSize, files.count)
            let slice = Array(files[start..<end])
            let results = ResultSlots(count: slice.count)
            DispatchQueue.concurrentPerform(iterations: slice.count) { i in
                results.set(i, check(path: slice[i]))
            }
            for result in results.values { emit(result) }
            start = end
            progress?(end)
        }
    }
}

/// Write-once slots filled by concurrent workers, each index by one worker.
private final class ResultSlots: @unchecked Sendable {
    private var storage: [FileResult?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: FileResult) {
        storage.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    var values: [FileResult] { storage.map { $0! } }
}
