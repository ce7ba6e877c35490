import Foundation

/// Expands command-line paths into the site files to check, in a stable order.
public enum InputFiles {
    public struct Expansion: Sendable {
        public var files: [String] = []
        /// Paths that could not be expanded (missing, unreadable folder, loop).
        public var errors: [Diagnostic] = []
    }

    static func matches(_ name: String, glob: String) -> Bool {
        fnmatch(glob, name, 0) == 0
    }

    /// Folders are searched recursively for `*.yaml` and `*.yml`; files named
    /// directly are taken whatever their extension. `exclude` globs match the
    /// path or the file name.
    public static func expand(_ paths: [String], exclude: [String] = []) -> Expansion {
        var result = Expansion()
        let fm = FileManager.default
        func excluded(_ path: String) -> Bool {
            let name = (path as NSString).lastPathComponent
            return exclude.contains { matches(path, glob: $0) || matches(name, glob: $0) }
        }
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                // A dangling or looping symlink exists as a link but not as a target.
                let message = (try? fm.destinationOfSymbolicLink(atPath: path)) != nil
                    ? "symbolic link that leads nowhere (broken or looping)" : "no such file or folder"
                result.errors.append(Diagnostic(file: path, message: message))
                continue
            }
            if !isDir.boolValue {
                if !excluded(path) { result.files.append(path) }
                continue
            }
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                result.errors.append(Diagnostic(file: path, message: "is a directory, not a YAML file"))
                continue
            }
            var found: [String] = []
            var visited = Set<String>()
            walk(path, into: &found, errors: &result.errors, visited: &visited, excluded: excluded)
            result.files += found.sorted()
        }
        return result
    }

    static func walk(_ directory: String, into found: inout [String], errors: inout [Diagnostic],
                     visited: inout Set<String>, excluded: (String) -> Bool) {
        let fm = FileManager.default
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else { return }  // symlink cycle
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            errors.append(Diagnostic(file: directory, message: "cannot list folder"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            if excluded(path) { continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    errors.append(Diagnostic(file: path, message: "symbolic link that leads nowhere (broken or looping)"))
                }
                continue
            }
            if isDir.boolValue {
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    errors.append(Diagnostic(file: path, message: "is a directory, not a YAML file"))
                }
                walk(path, into: &found, errors: &errors, visited: &visited, excluded: excluded)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                found.append(path)
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
