import Foundation

/// Renders `Coverage` for `h2audit coverage`.
public enum CoverageReport {
    public enum Format: String, CaseIterable, Sendable { case text, json, markdown }

    static func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }

    static func stageLine(_ pack: RequirementPack) -> String {
        Stage.allCases.map { s in "\(s.rawValue) \(pack.requirements.filter { $0.stage == s }.count)" }.joined(separator: ", ")
    }

    static func basisLine(_ pack: RequirementPack) -> String {
        Basis.allCases.map { b in "\(b.rawValue) \(pack.requirements.filter { $0.basis == b }.count)" }.joined(separator: ", ")
    }

    static func tagLine(_ c: Coverage) -> String {
        Trace.tags.map { "\($0) \(c.tagCount($0))" }.joined(separator: ", ")
    }

    static func statusLine(_ counts: [(status: Trace.Duty.Status, count: Int)]) -> String {
        counts.map { "\($0.status.rawValue) \($0.count)" }.joined(separator: ", ")
    }

    static func excludedLine(_ c: Coverage) -> String {
        c.excludedCounts.isEmpty ? "none" : c.excludedCounts.map { "\($0.party.rawValue) \($0.kind.rawValue) \($0.count)" }.joined(separator: ", ")
    }

    public static func render(_ coverages: [Coverage], as format: Format) -> String {
        switch format {
        case .text: return coverages.map(text).joined(separator: "\n")
        case .markdown: return coverages.map(markdown).joined(separator: "\n")
        case .json:
            var j = JSONWriter()
            j.open()
            j.field("schema", "h2audit-coverage"); j.field("schema_version", 1)
            j.key("packs")
            j.array(coverages) { j, c in
                j.open()
                j.field("pack", c.pack.id); j.field("title", c.pack.title); j.field("brief", c.trace.brief)
                j.key("rows"); j.open(); for t in Trace.tags { j.field(t, c.tagCount(t)) }; j.close()
                j.field("law_and_eligibility_rows", c.lawAndEligibilityRows.count)
                j.field("encoded_law_and_eligibility_rows", c.encodedLawAndEligibilityRows.count)
                j.raw("\"share\":\(String(format: "%.4f", c.share))")
                j.key("duties"); j.open()
                j.field("law_and_eligibility", c.lawAndEligibilityDuties)
                for (status, count) in c.dutyCounts { j.field(status.rawValue, count) }
                j.raw("\"checked_share\":\(String(format: "%.4f", c.dutyShare))")
                j.key("site"); j.open()
                j.field("duties", c.siteDuties)
                for (status, count) in c.siteDutyCounts { j.field(status.rawValue, count) }
                j.raw("\"checked_share\":\(String(format: "%.4f", c.siteDutyShare))")
                j.close()
                j.field("excluded_from_site", c.excludedEntries)
                j.key("excluded")
                j.array(c.excludedCounts) { j, e in j.open(); j.field("party", e.party.rawValue); j.field("kind", e.kind.rawValue); j.field("count", e.count); j.close() }
                j.key("rows_without_duties"); j.array(c.rowsWithoutDuties) { j, r in j.value(r) }
                j.key("list")
                j.array(c.trace.duties) { j, d in
                    j.open(); j.field("row", d.row); j.field("duty", d.text); j.field("status", d.status.rawValue)
                    j.field("party", d.party.rawValue); j.field("kind", d.kind.rawValue)
                    j.key("requirements"); j.array(d.requirements) { j, r in j.value(r) }
                    if let reason = d.reason { j.field("reason", reason) }
                    j.close()
                }
                j.close()
                j.field("review_resolutions", c.trace.resolutions.count)
                j.field("requirements", c.pack.requirements.count)
                j.key("by_stage"); j.open(); for s in Stage.allCases { j.field(s.rawValue, c.pack.requirements.filter { $0.stage == s }.count) }; j.close()
                j.key("by_basis"); j.open(); for b in Basis.allCases { j.field(b.rawValue, c.pack.requirements.filter { $0.basis == b }.count) }; j.close()
                j.field("commitments", c.pack.commitments.count)
                j.key("sources"); j.array(c.sourceCounts) { j, s in j.open(); j.field("name", s.name); j.field("requirements", s.requirements); j.close() }
                j.key("not_checked")
                j.array(c.trace.notChecked) { j, n in
                    j.open(); j.key("rows"); j.array(n.rows) { j, r in j.value(r) }; j.field("reason", n.reason); j.close()
                }
                j.key("unaccounted"); j.array(c.unaccounted) { j, r in j.value(r) }
                j.close()
            }
            j.close()
            return j.text + "\n"
        }
    }

    static func text(_ c: Coverage) -> String {
        var out = "\(c.pack.id): \(c.pack.title)\n"
        out += "  pack \(c.pack.file); trace \(c.trace.file)\n"
        out += "  brief: \(c.trace.brief)\n"
        out += "  rows: \(c.trace.rows.count) (\(tagLine(c)))\n"
        out += "  LAW and ELIG rows cited by a requirement: \(c.encodedLawAndEligibilityRows.count) of \(c.lawAndEligibilityRows.count) (\(percent(c.share)))\n"
        out += "  LAW and ELIG duties (all entries): \(c.lawAndEligibilityDuties); " + statusLine(c.dutyCounts)
            + "; checked \(percent(c.dutyShare))\n"
        out += "  the site's duties (party site, kind duty): \(c.siteDuties); " + statusLine(c.siteDutyCounts)
            + "; checked \(percent(c.siteDutyShare))\n"
        out += "  entries not the site's duties (party kind count): \(c.excludedEntries); \(excludedLine(c))\n"
        if !c.rowsWithoutDuties.isEmpty { out += "  LAW and ELIG rows listing no duty: \(c.rowsWithoutDuties.joined(separator: ", "))\n" }
        if !c.trace.resolutions.isEmpty { out += "  legal-review defects resolved or answered: \(c.trace.resolutions.count)\n" }
        out += "  requirements: \(c.pack.requirements.count); by stage: \(stageLine(c.pack)); by basis: \(basisLine(c.pack))\n"
        out += "  commitments (POLICY rows, context only): \(c.pack.commitments.count)\n"
        out += "  legal sources:\n"
        for s in c.sourceCounts { out += "    \(String(s.requirements).leftPad(4))  \(s.name)\n" }
        out += "  rows not checked against a site file:\n"
        for n in c.trace.notChecked { out += "    \(n.rows.joined(separator: ", ")): \(n.reason)\n" }
        if !c.unaccounted.isEmpty { out += "  UNACCOUNTED rows: \(c.unaccounted.joined(separator: ", "))\n" }
        return out
    }

    static func markdown(_ c: Coverage) -> String {
        var out = "## \(c.pack.id): \(c.pack.title)\n\n"
        out += "| rows in the brief | LAW + ELIG rows | encoded as requirements | share | requirements | commitments |\n|---|---|---|---|---|---|\n"
        out += "| \(c.trace.rows.count) (\(tagLine(c))) | \(c.lawAndEligibilityRows.count) | \(c.encodedLawAndEligibilityRows.count) | \(percent(c.share)) | \(c.pack.requirements.count) | \(c.pack.commitments.count) |\n\n"
        out += "| duties of LAW + ELIG rows | entries | " + Trace.Duty.Status.allCases.map(\.rawValue).joined(separator: " | ") + " | checked share |\n"
        out += "|---|---|" + Trace.Duty.Status.allCases.map { _ in "---|" }.joined() + "---|\n"
        out += "| all entries | \(c.lawAndEligibilityDuties) | " + c.dutyCounts.map { String($0.count) }.joined(separator: " | ") + " | \(percent(c.dutyShare)) |\n"
        out += "| the site's duties (party site, kind duty) | \(c.siteDuties) | " + c.siteDutyCounts.map { String($0.count) }.joined(separator: " | ") + " | \(percent(c.siteDutyShare)) |\n\n"
        out += "Entries not the site's duties (party kind count): \(c.excludedEntries); \(excludedLine(c)).\n\n"
        out += "By stage: \(stageLine(c.pack)). By basis: \(basisLine(c.pack)).\n\n| legal source | requirements |\n|---|---|\n"
        for s in c.sourceCounts { out += "| \(s.name) | \(s.requirements) |\n" }
        out += "\n| rows not checked | reason |\n|---|---|\n"
        for n in c.trace.notChecked { out += "| \(n.rows.joined(separator: ", ")) | \(n.reason.replacingOccurrences(of: "|", with: "\\|")) |\n" }
        return out
    }
}
