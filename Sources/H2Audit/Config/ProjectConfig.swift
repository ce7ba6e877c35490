import Foundation

/// A `.h2audit.yaml` found from the working folder upward: the settings a
/// team or a regulator's office runs `check` with (regimes, as-of date,
/// fail-on, excludes, outputs, baseline, waivers file, filters). Flags
/// override it; `--show-config` prints each value and where it came from.
/// Paths in it (outputs, baseline, waivers) are relative to its folder.
public struct ProjectConfig: Sendable {
    public static let fileName = ".h2audit.yaml"

    /// A value and where in the file it is written.
    public struct Setting<Value: Sendable>: Sendable {
        public var value: Value
        public var mark: SourceMark
    }

    public let path: String
    public var regime: Setting<String>?
    public var asOf: Setting<Day>?
    public var failOn: Setting<Severity>?
    public var exclude: Setting<[String]>?
    public var outputs: Setting<[String]>?
    public var baseline: Setting<String>?
    public var waivers: Setting<String>?
    public var minSeverity: Setting<Severity>?
    public var status: Setting<[String]>?
    public var only: Setting<[String]>?
    public var skip: Setting<[String]>?
    public var softFail: Setting<Bool>?

    /// The keys a configuration may have.
    public static let keys = ["regime", "as_of", "fail_on", "exclude", "outputs", "baseline", "waivers", "min_severity", "status", "only", "skip", "soft_fail"]

    /// The nearest `.h2audit.yaml` in `folder` or a folder above it.
    public static func discover(from folder: String = FileManager.default.currentDirectoryPath) -> String? {
        var dir = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent(fileName).path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Loads a configuration; every problem is an error at its line and column.
    public static func load(path: String) throws(InputError) -> ProjectConfig {
        let root = try YAMLLoader().load(path: path)
        var config = ProjectConfig(path: path)
        if root.isNull { return config }  // an empty file: nothing set
        var r = MappingReader(root, what: "configuration", keys: keys)
        let folder = (path as NSString).deletingLastPathComponent
        func relative(_ p: String) -> String {
            p == "-" || p.hasPrefix("/") || folder.isEmpty ? p : (folder as NSString).appendingPathComponent(p)
        }
        func severity(_ key: String) -> Setting<Severity>? {
            guard let text = r.text(key) else { return nil }
            guard let s = Severity(rawValue: text) else {
                r.fail(.wrongType, key, "'\(key)' must be one of \(Severity.allCases.reversed().map(\.rawValue).joined(separator: ", ")), not '\(Escape.excerpt(text))'")
                return nil
            }
            return Setting(value: s, mark: r.mark(key))
        }
        func texts(_ key: String) -> Setting<[String]>? { r.texts(key).map { Setting(value: $0, mark: r.mark(key)) } }
        if let list = r.texts("regime") { config.regime = Setting(value: list.joined(separator: ","), mark: r.mark("regime")) }
        if let text = r.text("as_of") {
            if let day = Day(text) { config.asOf = Setting(value: day, mark: r.mark("as_of")) } else {
                r.fail(.wrongType, "as_of", "'as_of' must be a date YYYY-MM-DD, not '\(Escape.excerpt(text))'")
            }
        }
        config.failOn = severity("fail_on")
        config.minSeverity = severity("min_severity")
        config.exclude = texts("exclude")
        config.status = texts("status")
        config.only = texts("only")
        config.skip = texts("skip")
        if let outputs = texts("outputs") {
            // FORMAT=PATH keeps its format; the path is relative to the configuration's folder.
            config.outputs = Setting(value: outputs.value.map { spec in
                if let eq = spec.firstIndex(of: "="), ReportFormat(rawValue: String(spec[..<eq])) != nil {
                    return String(spec[...eq]) + relative(String(spec[spec.index(after: eq)...]))
                }
                return relative(spec)
            }, mark: outputs.mark)
        }
        if let flag = r.flag("soft_fail") { config.softFail = Setting(value: flag, mark: r.mark("soft_fail")) }
        if let text = r.text("baseline") { config.baseline = Setting(value: relative(text), mark: r.mark("baseline")) }
        if let text = r.text("waivers") { config.waivers = Setting(value: relative(text), mark: r.mark("waivers")) }
        if !r.errors.isEmpty { throw InputError(r.errors) }
        return config
    }

    init(path: String) { self.path = path }
}
