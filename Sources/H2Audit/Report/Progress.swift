#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A progress bar on standard error, drawn only when standard error is a
/// terminal and the run is long enough to need one.
public struct ProgressBar {
    let total: Int
    public let enabled: Bool
    let start = Date()
    var lastDraw = Date.distantPast
    let sink = OutputSink(fd: 2)

    /// Draws for runs of more than `threshold` files on a terminal.
    public init(total: Int, threshold: Int = 20, force: Bool? = nil) {
        self.total = total
        self.enabled = force ?? (isatty(2) == 1 && total > threshold)
    }

    public mutating func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let rate = Double(done) / max(now.timeIntervalSince(start), 0.001)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        sink.write("\r[\(bar)] \(done)/\(total) files, \(Int(rate))/s ")
        sink.flush()
    }

    public func finish() {
        guard enabled else { return }
        sink.write("\r\u{1B}[K")
        sink.flush()
    }
}
