import ArgumentParser
import H2Audit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the site file schema as Markdown (every key, type, unit and default).",
        discussion: """
        Examples:
          h2audit schema > docs/site-schema.md
        """
    )

    func run() throws {
        let out = OutputSink(fd: 1)
        out.write(SchemaReference.markdown())
        try finish(out)
    }
}
