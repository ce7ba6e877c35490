import ArgumentParser
import Foundation
import H2Audit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a skeleton site file with every key the applicable requirements may read.",
        discussion: """
        The keys come from the requirements of the country's pack that apply under the roles given. Each key has a comment with its meaning, its type or unit, and the requirements that read it. Unknown values are written `~`, which `check` reports as missing evidence; `check FILE --todo` lists what is still unknown.

        Examples:
          h2audit init --country KR --role production --role storage
          h2audit init --country JP --role refuelling_station --output my-station.yaml
        """
    )

    @Option(name: .long, help: "Jurisdiction: KR or JP.")
    var country: String

    @Option(name: .long, help: ArgumentHelp("A role the site plays (repeatable): \(SiteSchema.roles.joined(separator: ", ")).", valueName: "ROLE"))
    var role: [String]

    @Option(name: .long, help: ArgumentHelp("The site's id.", valueName: "ID"))
    var id: String = "new-site"

    @Option(name: .long, help: ArgumentHelp("The site's name.", valueName: "NAME"))
    var name: String = "New hydrogen site"

    @Option(name: .long, help: ArgumentHelp("Write the skeleton to FILE instead of standard output (an existing file is kept unless --force).", valueName: "FILE"))
    var output: String?

    @Flag(name: .long, help: "Overwrite an existing --output file.")
    var force = false

    @Option(name: .long, help: ArgumentHelp("Folder of the national packs (default as for `check`).", valueName: "DIR"))
    var roadmaps: String?

    func validate() throws {
        guard ["KR", "JP"].contains(country.uppercased()) else { throw ValidationError("--country must be KR or JP, found '\(country)'") }
        guard !role.isEmpty else { throw ValidationError("give at least one --role: \(SiteSchema.roles.joined(separator: ", "))") }
        for r in role where !SiteSchema.roles.contains(r) {
            var message = "unknown role '\(r)'; roles are \(SiteSchema.roles.joined(separator: ", "))"
            if let guess = Suggest.closest(to: r, in: SiteSchema.roles).first { message += "; did you mean '\(guess)'?" }
            throw ValidationError(message)
        }
        guard !id.allSatisfy(\.isWhitespace), !name.allSatisfy(\.isWhitespace) else { throw ValidationError("--id and --name cannot be empty") }
    }

    func run() throws {
        let options = try PackOptions.parse(roadmaps.map { ["--roadmaps", $0] } ?? [])
        let packs = try options.packsOrExit()
        let country = country.uppercased()
        var roles: [String] = []
        for r in role where !roles.contains(r) { roles.append(r) }
        let command = (["h2audit", "init", "--country", country] + roles.flatMap { ["--role", $0] }).joined(separator: " ")
        let text = SiteSkeleton.yaml(packs: packs, country: country, roles: roles, id: Self.scalar(id), name: Self.scalar(name),
                                     asOf: Day.today(), command: command)
        guard let output else {
            let out = OutputSink(fd: 1)
            out.write(text)
            try finish(out)
            return
        }
        if !force && FileManager.default.fileExists(atPath: output) {
            throw ValidationError("\(output) exists; give --force to overwrite it")
        }
        guard let sink = OutputSink.file(output) else {
            throw ValidationError("cannot open \(output) for writing")
        }
        sink.write(text)
        sink.close()
        try finish(sink, what: output)
        let err = OutputSink(fd: 2)
        err.safeLine("h2audit: wrote \(output); fill it in, then `h2audit check \(output) --todo` lists what is still unknown")
        err.flush()
    }

    /// A YAML scalar of `text`: plain where that reads back as the same text, single-quoted otherwise.
    static func scalar(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || " -_./()".contains($0) }
            && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.hasPrefix("-") && text.first?.isNumber == false
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
