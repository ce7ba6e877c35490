import ArgumentParser
import H2Audit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the site file schema: Markdown (every key, type, unit and default) or a JSON Schema for editors.",
        discussion: """
        Examples:
          h2audit schema > docs/site-schema.md
          h2audit schema --format json-schema > docs/site.schema.json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown
        case jsonSchema = "json-schema"
    }

    @Option(name: .long, help: "markdown (the reference) or json-schema (draft 2020-12, for editors: see the README).")
    var format: Format = .markdown

    func run() throws {
        let out = OutputSink(fd: 1)
        switch format {
        case .markdown: out.write(SchemaReference.markdown())
        case .jsonSchema: out.write(SiteJSONSchema.json())
        }
        try finish(out)
    }
}
