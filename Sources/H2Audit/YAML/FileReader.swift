#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole regular file with POSIX calls, refusing directories, special
/// files and files over a size limit before reading them.
enum FileReader {
    static func read(path: String, displayName: String, maxBytes: Int) throws(InputError) -> [UInt8] {
        func fail(_ code: InputErrorCode, _ message: String) -> InputError {
            InputError(Diagnostic(code: code, file: displayName, message: message))
        }
        let fd = PathBytes.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        if fd < 0 { throw fail(.unreadable, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw fail(.unreadable, "cannot stat: \(String(cString: strerror(errno)))") }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw fail(.unreadable, "is a directory, not a YAML file") }
        if kind != S_IFREG { throw fail(.unreadable, "is not a regular file") }
        let size = Int(info.st_size)
        if size > maxBytes {
            throw fail(.limitExceeded, "file is \(size) bytes, more than the limit of \(maxBytes) bytes (--max-file-size)")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + done, size - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail(.unreadable, "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            done += n
        }
        if done < size { bytes.removeLast(size - done) }
        return bytes
    }
}
