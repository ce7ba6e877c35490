#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// File names are bytes. A name that is not UTF-8 is kept in a `String` with
/// each byte that is not part of valid UTF-8 stored as the private-use
/// scalar U+10FF00 + byte, so that it can be opened again (`withCString`)
/// and shown by its bytes (`Escape.text` prints `\xFF`).
public enum PathBytes {
    static let base: UInt32 = 0x10FF00

    /// The `String` for the bytes of a name.
    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let array = Array(bytes)
        if let s = String(validating: array, as: UTF8.self), !s.unicodeScalars.contains(where: isByte) { return s }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < array.count {
            let lead = array[i]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            if length > 0, i + length <= array.count,
               let s = String(validating: array[i..<(i + length)], as: UTF8.self), s.unicodeScalars.count == 1,
               let scalar = s.unicodeScalars.first, !isByte(scalar) {
                scalars.append(scalar)
                i += length
            } else {
                scalars.append(Unicode.Scalar(base + UInt32(lead))!)
                i += 1
            }
        }
        return String(scalars)
    }

    /// A scalar that stands for one raw byte of a file name.
    public static func isByte(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= base + 0x80 && scalar.value <= base + 0xFF }

    /// The bytes of a path, raw bytes restored.
    public static func bytes(_ path: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if isByte(scalar) { out.append(UInt8(scalar.value - base)) } else { out.append(contentsOf: String(scalar).utf8) }
        }
        return out
    }

    /// Calls `body` with the NUL-terminated bytes of `path`.
    public static func withCString<T>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        if !path.unicodeScalars.contains(where: isByte) { return try path.withCString(body) }
        let chars = bytes(path).map { CChar(bitPattern: $0) } + [0]
        return try chars.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}

/// Expands command-line paths into the site files to check, in a stable order.
public enum InputFiles {
    public struct Expansion: Sendable {
        public var files: [String] = []
        /// Paths that could not be expanded (missing, unreadable folder, loop, a link out of the tree).
        public var errors: [Diagnostic] = []
        /// For each of `errors`, the index in `files` it comes before: the
        /// report shows errors where their paths fall in the sorted walk.
        public var errorPositions: [Int] = []
        /// The errors that come before `files[index]` (all that are left at `files.count`) and after `files[index - 1]`.
        public func errors(before index: Int) -> [Diagnostic] {
            zip(errors, errorPositions).filter { $0.1 == index || (index == files.count && $0.1 > index) }.map(\.0)
        }
        /// Files found and left out on purpose (hidden names, this run's own
        /// output), to be listed: warnings of code `unreadable` (not read).
        public var skipped: [Diagnostic] = []
        /// The folders among the paths given.
        public var folders: [String] = []
    }

    static func matches(_ name: String, glob: String) -> Bool {
        fnmatch(glob, name, 0) == 0
    }

    /// `.yaml` or `.yml`, in any case.
    public static func hasSiteExtension(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    struct Identity: Hashable { let device: UInt64; let inode: UInt64 }

    static func status(_ path: String, follow: Bool = true) -> stat? {
        var info = stat()
        let rc = PathBytes.withCString(path) { follow ? stat($0, &info) : lstat($0, &info) }
        return rc == 0 ? info : nil
    }

    static func canonical(_ path: String) -> String? {
        PathBytes.withCString(path) { p in
            guard let r = realpath(p, nil) else { return nil }
            defer { free(r) }
            return PathBytes.decode(UnsafeBufferPointer(start: UnsafeRawPointer(r).assumingMemoryBound(to: UInt8.self), count: strlen(r)))
        }
    }

    /// Folders are searched recursively for `*.yaml` and `*.yml` (any case);
    /// files named directly are taken whatever their extension. `exclude`
    /// globs match the path or the file name. Hidden names (a leading dot)
    /// are not searched and are listed in `skipped`. A symbolic link inside a
    /// folder that leads outside every folder given is an error unless
    /// `followLinks`. The same file named several ways is checked once, and
    /// a file that is `notThis` (standard output redirected into a folder
    /// being checked) is skipped.
    public static func expand(_ paths: [String], exclude: [String] = [], followLinks: Bool = false,
                              notThis: (device: UInt64, inode: UInt64)? = nil) -> Expansion {
        var result = Expansion()
        func excluded(_ path: String) -> Bool {
            let name = (path as NSString).lastPathComponent
            return exclude.contains { matches(path, glob: $0) || matches(name, glob: $0) }
        }
        var roots: [String] = []
        for path in paths {
            if let info = status(path), info.st_mode & S_IFMT == S_IFDIR, let c = canonical(path) { roots.append(c) }
        }
        var seen = Set<Identity>()
        if let notThis { seen.insert(Identity(device: notThis.device, inode: notThis.inode)) }
        func take(_ path: String, _ info: stat) -> Bool {
            let id = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if let notThis, id == Identity(device: notThis.device, inode: notThis.inode) {
                result.skipped.append(Diagnostic(.warning, code: .unreadable, file: path, message: "skipped: it is this run's standard output"))
                return false
            }
            return seen.insert(id).inserted
        }
        for path in paths {
            guard let info = status(path) else {
                // A dangling or looping symlink exists as a link but not as a target.
                let message = status(path, follow: false) != nil
                    ? "symbolic link that leads nowhere (broken or looping)" : "no such file or folder"
                result.errors.append(Diagnostic(code: .unreadable, file: path, message: message))
                result.errorPositions.append(result.files.count)
                continue
            }
            if info.st_mode & S_IFMT != S_IFDIR {
                if !excluded(path) && take(path, info) { result.files.append(path) }
                continue
            }
            if hasSiteExtension(path) {
                result.errors.append(Diagnostic(code: .unreadable, file: path, message: "is a directory, not a YAML file"))
                result.errorPositions.append(result.files.count)
                continue
            }
            result.folders.append(path)
            var found: [(String, stat)] = []
            var visited = Set<String>()
            let errorsBefore = result.errors.count, filesBefore = result.files.count
            walk(path, into: &found, result: &result, visited: &visited, roots: roots, followLinks: followLinks, excluded: excluded)
            for (file, info) in found.sorted(by: { $0.0 < $1.0 }) where take(file, info) { result.files.append(file) }
            // The walk's errors at their sorted places among the files it found.
            let walked = result.files[filesBefore...]
            for error in result.errors[errorsBefore...] {
                result.errorPositions.append(filesBefore + walked.filter { $0 < error.file }.count)
            }
        }
        return result
    }

    static func names(in directory: String) -> [String]? {
        PathBytes.withCString(directory) { p -> [String]? in
            guard let dir = opendir(p) else { return nil }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    let length = bytes.firstIndex(of: 0) ?? bytes.count
                    return PathBytes.decode(bytes[0..<length])
                }
                if name != "." && name != ".." { names.append(name) }
            }
            return names
        }
    }

    static func inside(_ path: String, _ roots: [String]) -> Bool {
        roots.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    static func walk(_ directory: String, into found: inout [(String, stat)], result: inout Expansion,
                     visited: inout Set<String>, roots: [String], followLinks: Bool, excluded: (String) -> Bool) {
        let real = canonical(directory) ?? directory
        guard visited.insert(real).inserted else { return }  // symlink cycle
        guard let names = names(in: directory) else {
            result.errors.append(Diagnostic(code: .unreadable, file: directory, message: "cannot list folder: \(String(cString: strerror(errno)))"))
            return
        }
        for name in names.sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            if excluded(path) { continue }
            let isSite = hasSiteExtension(name)
            if name.hasPrefix(".") {
                if isSite || (status(path).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false) {
                    result.skipped.append(Diagnostic(.warning, code: .unreadable, file: path, message: "skipped: hidden name (name it on the command line to check it)"))
                }
                continue
            }
            guard let link = status(path, follow: false) else { continue }
            let isLink = link.st_mode & S_IFMT == S_IFLNK
            guard let info = status(path) else {
                if isSite {
                    result.errors.append(Diagnostic(code: .unreadable, file: path, message: "symbolic link that leads nowhere (broken or looping)"))
                }
                continue
            }
            let isDir = info.st_mode & S_IFMT == S_IFDIR
            if isLink && !followLinks && (isSite || isDir) {
                if let target = canonical(path), !inside(target, roots) {
                    result.errors.append(Diagnostic(code: .unreadable, file: path, message: "symbolic link to \(target), outside the folders given; not followed (--follow-links follows it)"))
                    continue
                }
            }
            if isDir {
                if isSite {
                    result.errors.append(Diagnostic(code: .unreadable, file: path, message: "is a directory, not a YAML file"))
                }
                walk(path, into: &found, result: &result, visited: &visited, roots: roots, followLinks: followLinks, excluded: excluded)
            } else if isSite {
                found.append((path, info))
            }
        }
    }
}

/// The outcome for one input file: a report, or the reasons it could not be checked.
public enum FileResult: Sendable {
    case checked(SiteReport)
    case failed(file: String, diagnostics: [Diagnostic])

    public var file: String {
        switch self {
        case .checked(let report): return report.file
        case .failed(let file, _): return file
        }
    }
}
