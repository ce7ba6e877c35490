import ArgumentParser
import H2Audit

/// What AsyncParsableCommand.main() does, called here so that the standard
/// descriptors are secured first: a closed standard output must not lend its
/// number to a file the run opens (and get the report written into it).
func start() async {
    StandardStreams.secure()
    await H2AuditCommand.main()
}

await start()
