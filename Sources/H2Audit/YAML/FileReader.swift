#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a regular file with POSIX calls, refusing directories, special
/// files and files over a size limit before reading them: whole (`read`),
/// or in chunks as a parser asks for them (`open`, then `ChunkReader`).
enum FileReader {
    static func failure(_ code: InputErrorCode, _ file: String, _ message: String) -> InputError {
        InputError(Diagnostic(code: code, file: file, message: message))
    }

    /// Opens `path` for reading once it is known to be a regular file of at
    /// most `maxBytes`: the descriptor, which the caller closes, and the size.
    static func open(path: String, displayName: String, maxBytes: Int) throws(InputError) -> (fd: Int32, size: Int) {
        let fd = PathBytes.withCString(path) { Glibc.open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        if fd < 0 { throw failure(.unreadable, displayName, "cannot open: \(String(cString: strerror(errno)))") }
        var info = stat()
        let problem: (InputErrorCode, String)?
        if fstat(fd, &info) != 0 {
            problem = (.unreadable, "cannot stat: \(String(cString: strerror(errno)))")
        } else if info.st_mode & S_IFMT == S_IFDIR {
            problem = (.unreadable, "is a directory, not a YAML file")
        } else if info.st_mode & S_IFMT != S_IFREG {
            problem = (.unreadable, "is not a regular file")
        } else if Int(info.st_size) > maxBytes {
            problem = (.limitExceeded, "file is \(Int(info.st_size)) bytes, more than the limit of \(maxBytes) bytes (--max-file-size)")
        } else {
            problem = nil
        }
        if let (code, message) = problem {
            close(fd)
            throw failure(code, displayName, message)
        }
        return (fd, Int(info.st_size))
    }

    /// Up to `count` bytes into `buffer`, retrying when interrupted: the
    /// number read (0 at the end of the file), or -1 with `errno` set.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// The whole file.
    static func read(path: String, displayName: String, maxBytes: Int) throws(InputError) -> [UInt8] {
        let (fd, size) = try open(path: path, displayName: displayName, maxBytes: maxBytes)
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { buffer in read(fd, into: buffer.baseAddress! + done, count: size - done) }
            if n < 0 { throw failure(.unreadable, displayName, "cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            done += n
        }
        if done < size { bytes.removeLast(size - done) }
        return bytes
    }
}

/// Hands an open file to libyaml in the chunks it asks for, keeping none of
/// them, and remembers why reading stopped: a read error, or a file that
/// grew past the size limit while it was read.
final class ChunkReader {
    let fd: Int32
    let maxBytes: Int
    private(set) var total = 0
    /// The input error that stopped the reading, if any.
    private(set) var problem: (code: InputErrorCode, message: String)?

    init(fd: Int32, maxBytes: Int) {
        self.fd = fd
        self.maxBytes = maxBytes
    }

    /// libyaml's read handler: 1 with the bytes read (0 at the end), 0 on an error.
    func read(into buffer: UnsafeMutablePointer<UInt8>, size: Int, sizeRead: UnsafeMutablePointer<Int>) -> Int32 {
        let n = FileReader.read(fd, into: buffer, count: size)
        if n < 0 {
            problem = (.unreadable, "cannot read: \(String(cString: strerror(errno)))")
            return 0
        }
        total += n
        if total > maxBytes {
            problem = (.limitExceeded, "file grew past the limit of \(maxBytes) bytes while it was read (--max-file-size)")
            return 0
        }
        sizeRead.pointee = n
        return 1
    }
}
