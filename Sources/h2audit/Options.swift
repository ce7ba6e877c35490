import ArgumentParser
import H2Audit

/// Which packs to load.
struct PackOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Regimes to check against, comma-separated pack ids or country codes (kr, jp). Default: each site against its own country's pack.", valueName: "LIST"))
    var regime: String?

    @Option(name: .long, help: ArgumentHelp("Add a requirement pack of your own (repeatable).", valueName: "FILE"))
    var pack: [String] = []

    @Option(name: .long, help: ArgumentHelp("Folder of the national packs. Default: $H2AUDIT_ROADMAPS, then share/h2audit/roadmaps beside the binary, then a roadmaps/ folder above the binary or the working directory.", valueName: "DIR"))
    var roadmaps: String?

    var regimes: [String] { (regime ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }

    func loadPacks() throws(InputError) -> [RequirementPack] {
        try PackLocator.load(directory: roadmaps ?? PackLocator.roadmapsDirectory(), regimes: regimes, extra: pack)
    }
}

/// Resource bounds for reading input files.
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: "Largest input file, in bytes.")
    var maxFileSize: Int = LoadLimits.default.maxFileBytes
    @Option(name: .long, help: "Deepest nesting of YAML lists and mappings.")
    var maxDepth: Int = LoadLimits.default.maxDepth
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
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// Prints the diagnostics of an input that could not be loaded; exit status 2.
func inputFailure(_ what: String, _ error: InputError) -> ExitCode {
    let err = OutputSink(fd: 2)
    err.line("h2audit: \(what) could not be loaded:")
    for d in error.diagnostics { err.line("  \(d)") }
    err.flush()
    return ExitCode(2)
}

/// Prints diagnostics of packs that failed to load and exits 2.
func failOnPackErrors(_ error: InputError) -> ExitCode { inputFailure("the requirement packs", error) }
