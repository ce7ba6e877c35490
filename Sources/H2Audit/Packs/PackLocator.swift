import Foundation

/// Finds the `roadmaps/` folder whatever the working directory.
///
/// Order: `$H2AUDIT_ROADMAPS`; `<bin>/../share/h2audit/roadmaps` (an
/// installed binary); a `roadmaps/` folder in the executable's directory or
/// any parent (a build inside the repository); the same from the working
/// directory; the repository this binary was built from.
public enum PackLocator {
    public static let environmentVariable = "H2AUDIT_ROADMAPS"

    public static func roadmapsDirectory(executable: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        func isPackDir(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return false }
            return ((try? fm.contentsOfDirectory(atPath: path)) ?? []).contains { $0.hasSuffix(".yaml") }
        }
        if let env = ProcessInfo.processInfo.environment[environmentVariable], !env.isEmpty { return env }
        var candidates: [String] = []
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../share/h2audit/roadmaps").standardized.path)
        for start in [exe, URL(fileURLWithPath: fm.currentDirectoryPath)] {
            var dir = start
            for _ in 0..<8 {
                candidates.append(dir.appendingPathComponent("roadmaps").path)
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        // Sources/H2Audit/Packs/PackLocator.swift -> repository root.
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(built.appendingPathComponent("roadmaps").path)
        return candidates.first(where: isPackDir).map { shownRelative($0, to: fm.currentDirectoryPath) }
    }

    /// `path` relative to `directory` when it lies inside it (`roadmaps`, not
    /// `/home/me/h2audit/roadmaps`): reports then name pack files as a user
    /// in that folder writes them, and the same on every machine.
    static func shownRelative(_ path: String, to directory: String) -> String {
        let full = URL(fileURLWithPath: path).standardized.path
        let base = URL(fileURLWithPath: directory).standardized.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return full.hasPrefix(prefix) && full.count > prefix.count ? String(full.dropFirst(prefix.count)) : full
    }

    /// The pack files of a roadmaps folder: `*.yaml` with a `pack:` header,
    /// sorted by name. Trace and crosswalk files live beside them.
    public static func packFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.contains(".trace.") && !$0.hasPrefix("crosswalk") }
            .sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Why no national pack can be loaded from `directory` (missing, not a
    /// folder, no pack file in it), or nil. Checking against no pack would
    /// pass every site, so this is an error of its own (exit 78).
    public static func missingPacks(directory: String?, extra: [String]) -> String? {
        guard let directory else {
            return extra.isEmpty ? "no roadmaps/ folder found; set \(environmentVariable) or pass --roadmaps DIR or --pack FILE" : nil
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) else {
            return "the roadmaps folder \(Escape.text(directory)) does not exist (--roadmaps or \(environmentVariable))"
        }
        guard isDir.boolValue else { return "the roadmaps folder \(Escape.text(directory)) is not a folder" }
        if packFiles(in: directory).isEmpty {
            return "the roadmaps folder \(Escape.text(directory)) holds no pack file (*.yaml); nothing could be checked"
        }
        return nil
    }

    /// Packs that would shadow one another: a pack id used twice (ids and
    /// country codes select packs) or a requirement id defined in two packs.
    public static func collisions(_ packs: [RequirementPack]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var packIDs: [String: RequirementPack] = [:]
        var requirementIDs: [String: Requirement] = [:]
        for pack in packs {
            if let earlier = packIDs[pack.id.lowercased()] {
                diagnostics.append(Diagnostic(code: .duplicate, file: pack.file, message: "pack id '\(Escape.excerpt(pack.id))' is already the id of the pack in \(earlier.file); a pack cannot replace or shadow another"))
            } else {
                packIDs[pack.id.lowercased()] = pack
            }
            for requirement in pack.requirements {
                if let earlier = requirementIDs[requirement.id.lowercased()], earlier.pack != pack.id || earlier.mark.file != requirement.mark.file {
                    diagnostics.append(.error(.duplicate, at: requirement.mark, "requirement id '\(Escape.excerpt(requirement.id))' is already defined in pack \(earlier.pack); a pack cannot redefine another's requirement", related: earlier.mark))
                } else {
                    requirementIDs[requirement.id.lowercased()] = requirement
                }
            }
        }
        return diagnostics
    }

    /// Loads the national packs, keeps those named in `regimes` (pack id or
    /// country code, any case; all when empty), and adds `extra` pack files.
    public static func load(directory: String?, regimes: [String], extra: [String]) throws(InputError) -> [RequirementPack] {
        var packs: [RequirementPack] = []
        var diagnostics: [Diagnostic] = []
        let files = directory.map(packFiles(in:)) ?? []
        if let problem = missingPacks(directory: directory, extra: extra) {
            throw InputError(Diagnostic(code: .unreadable, file: directory ?? "roadmaps", message: problem))
        }
        for file in files + extra {
            do { packs.append(try PackLoader().load(path: file)) } catch { diagnostics += error.diagnostics }
        }
        diagnostics += collisions(packs)
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        let wanted = regimes.map { $0.lowercased() }.filter { !$0.isEmpty }
        if wanted.isEmpty { return packs }
        let extraFiles = Set(extra)
        var selected: [RequirementPack] = []
        for regime in wanted {
            let matches = packs.filter { $0.matches(regime) }
            if matches.isEmpty {
                let known = Array(Set(packs.flatMap { [$0.id, $0.country.lowercased()] })).sorted()
                throw InputError(Diagnostic(code: .invalidValue, file: "--regime", message: "no pack for regime '\(regime)'; known: \(known.joined(separator: ", "))"))
            }
            selected += matches.filter { p in !selected.contains { $0 === p } }
        }
        return selected + packs.filter { pack in extraFiles.contains(pack.file) && !selected.contains { $0 === pack } }
    }
}
