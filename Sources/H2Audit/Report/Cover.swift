import Foundation

/// The block at the top of every page a client keeps (HTML and Markdown):
/// which packs and versions, the rules of which day, when the page was
/// made, from which files, and what the page is not.
public struct Cover: Sendable {
    public var title: String
    public var packs: [RequirementPack]
    public var asOf: Day?
    public var generated: Date
    public var inputs: [String]
    /// Further lines of the cover, label and text.
    public var notes: [(label: String, text: String)] = []

    /// Most input files listed by name; the rest are counted.
    public static let maxInputs = 20

    public static let disclaimer = "This page is a screening against the rules encoded in the packs above, not legal advice. "
        + "It is no substitute for the legal texts cited or for the authority's decision, and a rule the packs do not encode is not checked."

    public init(title: String, packs: [RequirementPack], asOf: Day?, generated: Date, inputs: [String],
                notes: [(label: String, text: String)] = []) {
        self.title = title; self.packs = packs; self.asOf = asOf; self.generated = generated; self.inputs = inputs; self.notes = notes
    }

    /// The time the run started, or `SOURCE_DATE_EPOCH` (seconds since
    /// 1970, UTC) when set, so that reruns can be byte-identical.
    public static func generationTime(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) -> Date {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) { return Date(timeIntervalSince1970: epoch) }
        return now
    }

    /// `2026-11-23T10:15:00Z`.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    var packLines: [String] { packs.map { "\($0.id) \($0.version): \($0.title) (\($0.requirements.count) requirements)" } }
    var shownInputs: [String] { Array(inputs.prefix(Self.maxInputs)) }
    var moreInputs: Int { max(0, inputs.count - Self.maxInputs) }

    public var html: String {
        let e = HTMLPage.escape
        var out = "<header class=\"cover\"><h1>\(e(title))</h1><dl>"
        out += "<dt>Requirement packs</dt><dd>" + packLines.map(e).joined(separator: "<br>") + "</dd>"
        if let asOf { out += "<dt>Rules in force on</dt><dd>\(asOf)</dd>" }
        out += "<dt>Generated</dt><dd>\(Self.timestamp(generated)) by h2audit \(e(H2AuditVersion.current))</dd>"
        out += "<dt>Input files</dt><dd>" + (inputs.isEmpty ? "none" : shownInputs.map { "<code>\(e($0))</code>" }.joined(separator: "<br>"))
        if moreInputs > 0 { out += "<br>… and \(moreInputs) more" }
        out += "</dd>"
        for note in notes { out += "<dt>\(e(note.label))</dt><dd>\(e(note.text))</dd>" }
        out += "<dt>Pressures</dt><dd>gauge</dd></dl><p class=\"disclaimer\"><b>Not legal advice.</b> \(e(Self.disclaimer))</p></header>"
        return out
    }

    public var markdown: String {
        var out = "# \(Escape.markdown(title))\n\n"
        out += "| | |\n|---|---|\n"
        out += "| Requirement packs | " + packLines.map(Escape.markdown).joined(separator: "<br>") + " |\n"
        if let asOf { out += "| Rules in force on | \(asOf) |\n" }
        out += "| Generated | \(Self.timestamp(generated)) by h2audit \(H2AuditVersion.current) |\n"
        var files = shownInputs.map { Escape.markdown($0) }.joined(separator: "<br>")
        if inputs.isEmpty { files = "none" }
        if moreInputs > 0 { files += "<br>… and \(moreInputs) more" }
        out += "| Input files | \(files) |\n"
        for note in notes { out += "| \(Escape.markdown(note.label)) | \(Escape.markdown(note.text)) |\n" }
        out += "| Pressures | gauge |\n\n"
        out += "> **Not legal advice.** \(Self.disclaimer)\n"
        return out
    }
}

/// Links from a requirement to the legal text it cites: the pack's
/// `source.url` when it is a web address (never a file path, which would
/// not travel with the page), with the document and article as the text.
public enum Citation {
    /// The address to link to, percent-encoded; nil unless http or https.
    public static func href(_ url: String?) -> String? {
        guard let url = url?.trimmingCharacters(in: .whitespaces), url.hasPrefix("https://") || url.hasPrefix("http://"),
              !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }) else { return nil }
        var out = ""
        for scalar in url.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar) } else {
                for byte in String(scalar).utf8 { out += String(format: "%%%02X", byte) }
            }
        }
        return out
    }

    /// The in-page anchor of a requirement's entry in the sources list.
    public static func anchor(_ requirement: Requirement) -> String {
        "src-" + String(requirement.id.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }

    /// `<a href="#src-KR-HRS-002"><code>KR-HRS-002</code></a>`: the id, linked to its source entry.
    static func htmlID(_ r: Requirement) -> String {
        "<a class=\"req\" href=\"#\(anchor(r))\"><code>\(HTMLPage.escape(r.id))</code></a>"
    }

    /// The sources list that closes a page: one entry per requirement cited, in first-cited order.
    static func htmlList(_ requirements: [Requirement]) -> String {
        let e = HTMLPage.escape
        let unique = Self.unique(requirements)
        guard !unique.isEmpty else { return "" }
        var out = "<h2 id=\"sources\">Sources cited</h2><p class=\"note\">Each requirement and the legal text it encodes; the links lead to the official text.</p><table class=\"sources\"><thead><tr><th>requirement</th><th>document and article</th><th>legal text</th></tr></thead><tbody>"
        for r in unique {
            let link = href(r.source.url).map { "<a href=\"\(e($0))\">\(e(host($0)))</a>" } ?? "no web address in the pack"
            out += "<tr id=\"\(anchor(r))\"><td><code>\(e(r.id))</code> \(e(r.title))</td><td>\(e(r.source.citation))</td><td>\(link)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// The sources list of every requirement a page links to (`href="#src-…"`),
    /// in first-linked order, so that every such link on the page resolves.
    static func htmlList(citedIn body: String, packs: [RequirementPack]) -> String {
        let byAnchor = Dictionary(packs.flatMap(\.requirements).map { (anchor($0), $0) }, uniquingKeysWith: { a, _ in a })
        var cited: [Requirement] = []
        var rest = body[...]
        while let start = rest.range(of: "href=\"#src-") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: "\"") else { break }
            if let r = byAnchor["src-" + tail[..<end]] { cited.append(r) }
            rest = tail[end...]
        }
        return htmlList(cited)
    }

    /// `[KR-HRS-002](https://...)` in Markdown: the id linked to the legal text.
    static func markdownID(_ r: Requirement) -> String {
        guard let url = href(r.source.url) else { return "**\(Escape.markdown(r.id))**" }
        return "[**\(Escape.markdown(r.id))**](\(markdownURL(url)))"
    }

    static func markdownList(_ requirements: [Requirement]) -> String {
        let unique = Self.unique(requirements)
        guard !unique.isEmpty else { return "" }
        var out = "\n## Sources cited\n\n"
        for r in unique {
            out += "- \(markdownID(r)) \(Escape.markdown(r.title)): \(Escape.markdown(r.source.citation))"
            if let url = href(r.source.url) { out += " (<\(markdownURL(url))>)" }
            out += "\n"
        }
        return out
    }

    /// Parentheses and angle brackets escaped for a Markdown link destination.
    static func markdownURL(_ url: String) -> String {
        url.replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
            .replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E")
    }

    /// `laws.e-gov.go.jp`: the site a link leads to, as its text.
    static func host(_ url: String) -> String {
        URL(string: url)?.host ?? url
    }

    static func unique(_ requirements: [Requirement]) -> [Requirement] {
        var seen = Set<String>()
        return requirements.filter { seen.insert($0.id).inserted }
    }
}
