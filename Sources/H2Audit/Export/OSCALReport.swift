import Foundation

/// OSCAL assessment results (JSON, OSCAL 1.1.2), for compliance tools such as
/// compliance-trestle: one result for the run, whose reviewed controls are
/// the loaded requirements; per site an inventory item; per decided result
/// (met, gap, missing evidence, waived) an observation — what was found,
/// where (the site file as relevant evidence) — and a finding that targets
/// the requirement id as an objective, satisfied or not, linked to the
/// requirement's source and to its observation. Not-applicable and upcoming
/// results are left out. Files that could not be checked are observations
/// with their input-error code. UUIDs of sites, observations and findings
/// are name-based (`NameUUID`), the same in every run; the document's and
/// the result's are new each run.
///
/// Observations are streamed; findings and inventory items are spooled and
/// written after them (JSON objects have no key order).
public struct OSCALReport: ReportRenderer {
    public static let oscalVersion = "1.1.2"
    /// The namespace of h2audit's properties.
    public static let namespace = "urn:h2audit"

    var findings: Spool?
    var inventory: [String] = []
    var inventoryIDs = Set<String>()
    var firstObservation = true, firstFinding = true
    var collected = ""
    /// Relative evidence links are resolved against this folder.
    let root: String

    public init(root: String = FileManager.default.currentDirectoryPath) {
        self.root = root.hasSuffix("/") ? root : root + "/"
    }

    /// The current time in RFC 3339 with a zone (`2026-11-23T10:00:00Z`).
    static func now() -> String { JUnitReport.utcTimestamp() }

    public mutating func begin(_ context: ReportContext, to out: OutputSink) {
        findings = Spool()
        collected = Self.now()
        let packs = context.packs.map { "\($0.id) \($0.version) (\($0.requirements.count) requirements)" }.joined(separator: ", ")
        var json = JSONWriter()
        json.open()
        json.field("uuid", UUID().uuidString.lowercased())
        json.key("metadata"); json.open()
        json.field("title", "h2audit assessment results, rules in force on \(context.asOf)")
        json.field("last-modified", collected); json.field("version", "\(context.asOf)")
        json.field("oscal-version", Self.oscalVersion)
        json.key("props"); json.array([("as-of", context.asOf.description), ("pressure-reference", "gauge"), ("tool", "h2audit \(H2AuditVersion.current)")]) { json, p in
            json.open(); json.field("name", p.0); json.field("ns", Self.namespace); json.field("value", p.1); json.close()
        }
        json.close()
        json.key("import-ap"); json.open(); json.field("href", "\(Self.namespace):requirement-packs"); json.field("remarks", packs); json.close()
        var text = json.text
        text += ",\"results\":[{"
        text += "\"uuid\":\"\(UUID().uuidString.lowercased())\",\"title\":\"h2audit check\","
        text += "\"description\":" + ReportRecord.json("Sites checked against \(packs), rules in force on \(context.asOf).") + ","
        text += "\"start\":\"\(collected)\","
        text += "\"reviewed-controls\":{\"description\":\"Every requirement of the loaded packs.\",\"control-selections\":[{\"include-all\":{}}]},"
        text += "\"observations\":["
        out.write("{\"assessment-results\":" + text)
    }

    static func siteUUID(_ site: String) -> String { NameUUID.of("site/" + site) }

    /// A relative URI of a file for evidence links.
    func evidence(_ path: String) -> String {
        let relative = path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
        let encoded = relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
        return relative.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// Observations, findings and the inventory item of one file, separated by U+0001 (never in JSON text).
    public func render(_ result: FileResult) -> String {
        var observations: [String] = [], found: [String] = []
        var item = ""
        switch result {
        case .failed(let file, let diagnostics):
            let subject = NameUUID.of("file/" + file)
            for (i, d) in diagnostics.enumerated() {
                var json = JSONWriter()
                json.open()
                json.field("uuid", NameUUID.of("input-error/\(file)/\(i)/\(d.message)"))
                json.field("title", "input error")
                json.field("description", "\(d.location): could not be checked: \(d.message)")
                json.key("props"); json.array([("code", d.code.rawValue), ("status", "input-error")]) { json, p in
                    json.open(); json.field("name", p.0); json.field("ns", Self.namespace); json.field("value", p.1); json.close()
                }
                json.key("methods"); json.array(["TEST"]) { json, m in json.value(m) }
                json.key("subjects"); json.array([subject]) { json, s in
                    json.open(); json.field("subject-uuid", s); json.field("type", "inventory-item"); json.field("title", file); json.close()
                }
                json.key("relevant-evidence"); json.array([file]) { json, f in
                    json.open(); json.field("href", evidence(f)); json.field("description", d.location); json.close()
                }
                json.field("collected", collected)
                json.close()
                observations.append(json.text)
            }
            item = inventoryItem(uuid: subject, description: "\(file) (could not be checked)", props: [("file", file)])
        case .checked(let report):
            let subject = Self.siteUUID(report.siteID)
            for f in report.findings where f.status != .notApplicable && f.status != .upcoming {
                let r = f.requirement
                let witnesses = f.witnesses  // spelled first: the fingerprint then reads their paths, not a pass of its own
                let fingerprint = FindingFingerprint.of(site: report.siteID, finding: f)
                let observation = NameUUID.of("observation/\(report.siteID)/\(r.id)/\(fingerprint)")
                var what = "\(r.id) on \(report.siteID): \(f.status.rawValue)"
                if let alternative = f.alternative { what += " (met by \(alternative))" }
                for w in witnesses.prefix(8) { what += "; " + w.sentence }
                if !f.missing.isEmpty { what += "; missing: " + f.missing.prefix(8).map(\.path).joined(separator: ", ") }
                if let note = f.note { what += "; " + note }
                var json = JSONWriter()
                json.open()
                json.field("uuid", observation)
                json.field("title", "\(r.id) on \(report.siteID)")
                json.field("description", what)
                json.key("props"); json.array([("status", f.status.rawValue), ("fingerprint", fingerprint)]) { json, p in
                    json.open(); json.field("name", p.0); json.field("ns", Self.namespace); json.field("value", p.1); json.close()
                }
                json.key("methods"); json.array(["TEST"]) { json, m in json.value(m) }
                json.key("subjects"); json.array([subject]) { json, s in
                    json.open(); json.field("subject-uuid", s); json.field("type", "inventory-item"); json.field("title", report.siteName); json.close()
                }
                json.key("relevant-evidence"); json.array([f.mark]) { json, mark in
                    json.open(); json.field("href", evidence(report.file)); json.field("description", "\(mark)"); json.close()
                }
                json.field("collected", collected)
                json.close()
                observations.append(json.text)

                let satisfied = f.status == .met
                var finding = JSONWriter()
                finding.open()
                finding.field("uuid", NameUUID.of("finding/\(report.siteID)/\(r.id)/\(fingerprint)"))
                finding.field("title", "\(r.id): \(r.title)")
                finding.field("description", satisfied ? "\(report.siteName) meets \(r.id)." : "\(report.siteName): \(f.status.rawValue). Fix: \(r.remediationLine)")
                finding.key("props")
                finding.array([("site", report.siteID), ("status", f.status.rawValue), ("severity", r.severity.rawValue), ("basis", r.basis.rawValue),
                               ("pack", r.pack), ("violation", f.isViolation ? "true" : "false")]) { json, p in
                    json.open(); json.field("name", p.0); json.field("ns", Self.namespace); json.field("value", p.1); json.close()
                }
                if let url = r.source.url {
                    finding.key("links"); finding.array([url]) { json, u in
                        json.open(); json.field("href", SARIFReport.absoluteURI(u)); json.field("rel", "reference"); json.field("text", r.source.citation); json.close()
                    }
                }
                finding.key("target"); finding.open()
                finding.field("type", "objective-id"); finding.field("target-id", r.id); finding.field("title", r.title)
                finding.key("status"); finding.open()
                finding.field("state", satisfied ? "satisfied" : "not-satisfied")
                finding.field("reason", satisfied ? "pass" : f.status == .waived ? "other" : "fail")
                if f.status == .waived, let note = f.note { finding.field("remarks", note) }
                finding.close()
                finding.close()
                finding.key("related-observations"); finding.array([observation]) { json, o in
                    json.open(); json.field("observation-uuid", o); json.close()
                }
                finding.field("remarks", "Source: \(r.source.citation)")
                finding.close()
                found.append(finding.text)
            }
            var props = [("site-id", report.siteID), ("file", report.file)]
            if let country = report.country { props.append(("country", country)) }
            if let op = report.operator { props.append(("operator", op)) }
            props += report.roles.map { ("role", $0) }
            item = inventoryItem(uuid: subject, description: "\(report.siteName) [\(report.siteID)]", props: props)
        }
        return observations.joined(separator: ",") + "\u{1}" + found.joined(separator: ",") + "\u{1}" + item
    }

    func inventoryItem(uuid: String, description: String, props: [(String, String)]) -> String {
        var json = JSONWriter()
        json.open()
        json.field("uuid", uuid); json.field("description", description)
        json.key("props"); json.array(props) { json, p in
            json.open(); json.field("name", p.0); json.field("ns", Self.namespace); json.field("value", p.1); json.close()
        }
        json.close()
        return json.text
    }

    public mutating func add(_ result: FileResult, rendered: String, to out: OutputSink) {
        let parts = rendered.split(separator: "\u{1}", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return }
        if !parts[0].isEmpty {
            out.write(firstObservation ? "\n" : ",\n")
            out.write(String(parts[0]))
            firstObservation = false
        }
        if !parts[1].isEmpty {
            findings?.write((firstFinding ? "\n" : ",\n") + parts[1])
            firstFinding = false
        }
        // Two files of one site id share one inventory item (the first).
        let subject: String
        switch result {
        case .checked(let report): subject = Self.siteUUID(report.siteID)
        case .failed(let file, _): subject = NameUUID.of("file/" + file)
        }
        if !parts[2].isEmpty, inventoryIDs.insert(subject).inserted { inventory.append(String(parts[2])) }
    }

    public mutating func finish(_ summary: RunSummary, to out: OutputSink) {
        if firstObservation {  // OSCAL lists hold at least one item
            var json = JSONWriter()
            json.open()
            json.field("uuid", UUID().uuidString.lowercased()); json.field("description", "No result was decided: no file was checked, or nothing applied.")
            json.key("methods"); json.array(["TEST"]) { json, m in json.value(m) }
            json.field("collected", collected)
            json.close()
            out.write("\n" + json.text)
        }
        out.write("\n]")
        if !firstFinding {
            out.write(",\"findings\":[")
            findings?.copy(to: out)
            out.write("\n]")
        }
        if !inventory.isEmpty {
            out.write(",\"local-definitions\":{\"inventory-items\":[\n")
            out.write(inventory.joined(separator: ",\n"))
            out.write("\n]}")
        }
        out.write(",\"end\":\"\(Self.now())\"}]}}\n")
    }
}
