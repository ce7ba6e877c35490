import ArgumentParser
import Foundation
import H2Audit

/// Which regimes to load: `--regime`, with the help of the command that has it.
struct RegimeOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Regimes to check against, comma-separated pack ids or country codes (kr, jp). Default: each site against its own country's pack.", valueName: "LIST"))
    var regime: String?

    var regimes: [String] { Self.split(regime) }

    static func split(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}

/// Where packs come from (the regimes are chosen by each command).
struct PackOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Add a requirement pack of your own (repeatable).", valueName: "FILE"))
    var pack: [String] = []

    @Option(name: .long, help: ArgumentHelp("Folder of the national packs. Default: $H2AUDIT_ROADMAPS, then share/h2audit/roadmaps beside the binary, then a roadmaps/ folder above the binary or the working directory.", valueName: "DIR"))
    var roadmaps: String?

    var directory: String? { roadmaps ?? PackLocator.roadmapsDirectory() }

    func loadPacks(regimes: [String]) throws(InputError) -> [RequirementPack] {
        try PackLocator.load(directory: directory, regimes: regimes, extra: pack)
    }

    /// Loads the packs or ends the run: no pack found exits 78, an unknown
    /// regime 64, a pack that does not load 2.
    func packsOrExit(regimes: [String] = []) throws -> [RequirementPack] {
        if let problem = PackLocator.missingPacks(directory: directory, extra: pack) {
            let err = OutputSink(fd: 2)
            err.safeLine("h2audit: \(problem)")
            err.flush()
            throw ExitCode(ExitStatus.noPacks)
        }
        do { return try loadPacks(regimes: regimes) } catch {
            if error.diagnostics.count == 1, error.diagnostics[0].file == "--regime" {
                throw ValidationError(error.diagnostics[0].message)
            }
            throw failOnPackErrors(error)
        }
    }

    /// Every file a pack may be read from: the pack files given and the
    /// YAML files of the roadmaps folder (packs, traces, crosswalks).
    var packInputs: (files: [String], folders: [String]) {
        let folder = directory.map { [$0] } ?? []
        let files = folder.flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).map { (dir as NSString).appendingPathComponent($0) }
        }
        return (pack + files, folder)
    }
}

/// Resource bounds for reading input files.
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: "Largest input file, in bytes.")
    var maxFileSize: Int = LoadLimits.default.maxFileBytes
    @Option(name: .long, help: "Deepest nesting of YAML lists and mappings.")
    var maxDepth: Int = LoadLimits.default.maxDepth
    /// Deeper trees would overflow the stack of the validator and of the
    /// tree's own release (SIGSEGV at 50,000 levels); 1,000 is far above any site.
    static let maxDepthBound = 1_000
    @Option(name: .long, help: "Most nodes YAML aliases may add by expansion.")
    var maxAliasExpansion: Int = LoadLimits.default.maxAliasExpansion
    @Option(name: .long, help: "Most YAML nodes in one file.")
    var maxNodes: Int = LoadLimits.default.maxNodes

    var limits: LoadLimits {
        LoadLimits(maxFileBytes: maxFileSize, maxDepth: maxDepth, maxAliasExpansion: maxAliasExpansion, maxNodes: maxNodes)
    }

    func validate() throws {
        guard maxFileSize > 0, maxDepth > 0, maxAliasExpansion >= 0, maxNodes > 0 else {
            throw ValidationError("limits must be positive")
        }
        guard maxDepth <= Self.maxDepthBound else {
            throw ValidationError("--max-depth must be at most \(Self.maxDepthBound)")
        }
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {
    /// Listed as `check`'s values; markdown and html are accepted with `--compare`, whose help names them.
    public static var allValueStrings: [String] { checkFormats.map(\.rawValue) }
    public static var defaultCompletionKind: CompletionKind { .list(allCases.map(\.rawValue)) }
}

/// Flushes a report written to standard output; a failed write (closed
/// stdout, /dev/full, EPIPE with SIGPIPE ignored) ends the run with 74.
func finish(_ out: OutputSink, what: String = "standard output") throws {
    out.flush()
    if let reason = out.failureReason {
        let err = OutputSink(fd: 2)
        err.safeLine("h2audit: cannot write the report to \(what): \(reason)")
        err.flush()
        throw ExitCode(ExitStatus.ioError)
    }
}

/// Ends the run with 74 and the reason a report file could not be written.
func writeFailure(_ error: ReportWriteError) -> ExitCode {
    let err = OutputSink(fd: 2)
    err.safeLine("h2audit: \(error)")
    err.flush()
    return ExitCode(ExitStatus.ioError)
}

/// Opens `--output` (or standard output), refusing one that would overwrite
/// an input (exit 64) before anything is opened for writing.
func openReport(_ output: String?, inputs: [String], folders: [String]) throws -> (sink: OutputSink, file: ReportFile?) {
    guard let output else { return (OutputSink(fd: 1), nil) }
    if let refusal = OutputGuard.refusal(output: output, files: inputs, folders: folders) {
        throw ValidationError(refusal)
    }
    do {
        let file = try ReportFile.open(output)
        return (file.sink, file)
    } catch {
        throw writeFailure(error)
    }
}

/// Completes a report: renames a report file into place or flushes standard output.
func closeReport(_ sink: OutputSink, _ file: ReportFile?) throws {
    if let file {
        do { try file.commit() } catch { throw writeFailure(error) }
    } else {
        try finish(sink)
    }
}

/// Prints the diagnostics of an input that could not be loaded; exit status 2.
func inputFailure(_ what: String, _ error: InputError) -> ExitCode {
    let err = OutputSink(fd: 2)
    err.safeLine("h2audit: \(what) could not be loaded:")
    for d in error.diagnostics { err.safeLine("  \(d)") }
    err.flush()
    return ExitCode(ExitStatus.inputErrors)
}

/// Prints diagnostics of packs that failed to load and exits 2.
func failOnPackErrors(_ error: InputError) -> ExitCode { inputFailure("the requirement packs", error) }

/// `--color auto|always|never` for the text formats.
struct ColorOption: ParsableArguments {
    enum Choice: String, CaseIterable, ExpressibleByArgument { case auto, always, never }

    @Option(name: .long, help: ArgumentHelp("Colour the text report: auto (on a terminal, unless NO_COLOR is set), always, never.", valueName: "WHEN"))
    var color: Choice = .auto

    func enabled(fd: Int32) -> Bool {
        Paint.decide(color.rawValue, fd: fd, environment: ProcessInfo.processInfo.environment)
    }
}
