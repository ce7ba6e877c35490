#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text kept in an anonymous temporary file until the end of a report,
/// for formats whose header needs totals known only at the end (JUnit's
/// `<testsuites tests=...>`) or whose parts must come in another order than
/// the files (OSCAL's findings after its observations): memory stays flat
/// however many files a run checks. The file is removed when it is closed
/// or the process ends.
final class Spool: @unchecked Sendable {
    private let file: UnsafeMutablePointer<FILE>?
    /// Why the spool failed (no temporary file, a full disk), if it did.
    private(set) var failure: Int32?

    init() {
        file = tmpfile()
        if file == nil { failure = errno }
    }

    deinit { if let file { fclose(file) } }

    func write(_ text: String) {
        guard let file, failure == nil else { return }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != text.utf8.count { failure = errno == 0 ? EIO : errno }
    }

    /// Writes everything spooled to `out`, from the start.
    func copy(to out: OutputSink) {
        guard let file else { out.fail(failure ?? EIO); return }
        if let failure { out.fail(failure); return }
        fflush(file)
        rewind(file)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { out.write(bytes: buffer[0..<n]) }
            if n < buffer.count {
                if ferror(file) != 0 { out.fail(EIO) }
                break
            }
        }
    }
}
