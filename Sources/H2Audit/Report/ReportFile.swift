#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Why a report file could not be opened or written (exit 74, EX_IOERR).
public struct ReportWriteError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "cannot write the report to \(Escape.text(path)): \(reason)" }
}

/// A report written to `--output`.
///
/// A regular file (or a path that does not exist yet) is written to a
/// temporary file in the same folder (`.NAME.h2audit-XXXXXX`, mode of the
/// file it replaces) and renamed over the final name only after a complete,
/// flushed and synced write: an interrupted run (SIGINT, SIGTERM, SIGHUP)
/// removes its temporary file and leaves the previous report, or none; two
/// runs writing one file each rename a complete report, the last one wins.
/// A device, FIFO or socket (`/dev/null`, `/dev/full`, `/dev/stdout`) is
/// written to directly and never renamed over. A symbolic link is followed:
/// its target is replaced, as `>` would write it.
public final class ReportFile {
    public let path: String
    public let sink: OutputSink
    /// The final name the temporary file is renamed to; nil when writing directly.
    let target: String?
    let temporary: String?
    /// The temporary file's slot in `Interrupts`.
    let slot: Int?

    private init(path: String, sink: OutputSink, target: String?, temporary: String?, slot: Int? = nil) {
        self.path = path
        self.sink = sink
        self.target = target
        self.temporary = temporary
        self.slot = slot
    }

    static func reason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// Opens `path` for a report; nothing under the final name changes until `commit`.
    public static func open(_ path: String) throws(ReportWriteError) -> ReportFile {
        func fail(_ why: String) -> ReportWriteError { ReportWriteError(path: path, reason: why) }
        guard !path.isEmpty else { throw fail("empty path") }
        var target = path
        var info = stat()
        var mode: mode_t = 0o666 & ~currentUmask()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                guard stat(path, &info) == 0 else { throw fail("symbolic link that leads nowhere") }
                // /dev/stdout and the like: links into /proc are written through, never resolved.
                let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? ""
                if link.hasPrefix("/proc/") || path.hasPrefix("/dev/") || path.hasPrefix("/proc/") {
                    return try direct(path, info)
                }
                guard let resolved = realpath(path, nil) else { throw fail(reason()) }
                target = String(cString: resolved)
                free(resolved)
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                if path.hasPrefix("/proc/") || path.hasPrefix("/dev/") { return try direct(path, info) }
                mode = info.st_mode & 0o7777
            case S_IFDIR: throw fail("is a directory")
            default: return try direct(path, info)
            }
        } else if errno != ENOENT {
            throw fail(reason())
        }
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let dir = folder.isEmpty ? "." : folder
        var folderInfo = stat()
        guard stat(dir, &folderInfo) == 0 else { throw fail("folder \(Escape.text(dir)): \(reason())") }
        guard folderInfo.st_mode & S_IFMT == S_IFDIR else { throw fail("\(Escape.text(dir)) is not a folder") }
        var template = Array((dir + "/." + name + ".h2audit-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw fail(reason()) }
        let temporary = String(cString: template)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fchmod(fd, mode)
        let slot = Interrupts.remove(temporary)
        return ReportFile(path: path, sink: OutputSink(fd: fd), target: target, temporary: temporary, slot: slot)
    }

    private static func direct(_ path: String, _ info: stat) throws(ReportWriteError) -> ReportFile {
        let fd = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw ReportWriteError(path: path, reason: reason()) }
        return ReportFile(path: path, sink: OutputSink(fd: fd), target: nil, temporary: nil)
    }

    /// True when the report goes to a device, FIFO or socket, not through a rename.
    public var isDirect: Bool { temporary == nil }

    /// Flushes, syncs and renames the complete report into place.
    public func commit() throws(ReportWriteError) {
        sink.flush()
        if sink.failure == nil, let temporary, let fd = sink.fd, fsync(fd) != 0 {
            let code = errno
            abandon()
            throw ReportWriteError(path: path, reason: Self.reason(code))
        }
        sink.close()
        if let failure = sink.failure {
            abandon()
            throw ReportWriteError(path: path, reason: Self.reason(failure))
        }
        guard let temporary, let target else { return }
        if rename(temporary, target) != 0 {
            let code = errno
            abandon()
            throw ReportWriteError(path: path, reason: Self.reason(code))
        }
        Interrupts.forget(slot)
    }

    /// Removes the temporary file; the final name is left as it was.
    public func abandon() {
        sink.close()
        if let temporary { unlink(temporary) }
        Interrupts.forget(slot)
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}

/// Removes the temporary report files when the run is interrupted, then
/// dies of the same signal (exit status 128 + signal, as before). A run
/// writing several reports (`--output FORMAT=PATH` repeated) has one
/// temporary file per report: each takes a slot of a fixed table that the
/// signal handler reads without allocating.
enum Interrupts {
    static let slots = 64
    nonisolated(unsafe) static let pending: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slots)
        table.initialize(repeating: nil, count: slots)
        return table
    }()
    nonisolated(unsafe) static var installed = false

    /// Registers `path` for removal; returns its slot (nil when the table is full).
    static func remove(_ path: String) -> Int? {
        guard let slot = (0..<slots).first(where: { pending[$0] == nil }) else { return nil }
        pending[slot] = strdup(path)
        install()
        return slot
    }

    /// Installs the handlers (once). Called at start-up too: a SIGINT that
    /// arrives while the packs load ends the run at once, instead of being
    /// lost when the run inherited SIGINT ignored (a background job of a
    /// non-interactive shell) and has not yet opened its reports.
    static func install() {
        if !installed {
            installed = true
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { sig in
                    for i in 0..<Interrupts.slots { if let p = Interrupts.pending[i] { unlink(p) } }
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
                sigemptyset(&action.sa_mask)
                action.sa_flags = 0
                sigaction(sig, &action, nil)
            }
        }
    }

    static func forget(_ slot: Int?) {
        guard let slot, let p = pending[slot] else { return }
        pending[slot] = nil
        free(p)
    }
}

/// Refuses an `--output` that would overwrite an input: a site file, a pack,
/// or a file with a site extension inside a folder being checked.
public enum OutputGuard {
    struct Identity: Hashable { let device: UInt64; let inode: UInt64 }

    static func identity(_ path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    static func canonical(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// The canonical path `output` would be written to (the link target, or
    /// the canonical folder plus the name for a file that does not exist yet).
    static func destination(_ output: String) -> String? {
        if let c = canonical(output) { return c }
        let folder = (output as NSString).deletingLastPathComponent
        guard let f = canonical(folder.isEmpty ? "." : folder) else { return nil }
        return (f as NSString).appendingPathComponent((output as NSString).lastPathComponent)
    }

    /// The reason `output` must not be written, or nil when it is safe.
    /// `files` are input files (sites and packs); `folders` input folders.
    public static func refusal(output: String, files: [String], folders: [String]) -> String? {
        if output.hasPrefix("/dev/") || output.hasPrefix("/proc/") { return nil }
        if let id = identity(output) {
            var info = stat()
            if stat(output, &info) == 0 && info.st_mode & S_IFMT != S_IFREG { return nil }
            for file in files where identity(file) == id {
                return "--output \(Escape.text(output)) is the input \(Escape.text(file)); refusing to overwrite it"
            }
        }
        guard let dest = destination(output) else { return nil }
        if InputFiles.hasSiteExtension(dest) {
            for folder in folders {
                guard let f = canonical(folder) else { continue }
                if dest.hasPrefix(f.hasSuffix("/") ? f : f + "/") {
                    return "--output \(Escape.text(output)) is a site file name inside the input folder \(Escape.text(folder)); it would be read as a site by the next run"
                }
            }
        }
        return nil
    }
}
