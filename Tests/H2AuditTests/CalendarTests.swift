import Foundation
import Testing
@testable import H2Audit

@Suite("h2audit calendar (issue 17, item 6)")
struct CalendarTests {
    static let asOf = Day("2026-11-23")!

    static func sites() throws -> [Site] {
        try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try Site.load(path: sitesDirectory + "/" + $0) }
    }

    @Test("the deadlines are the checker's: a requirement met today holds on its earliest due day and not the day after")
    func agreesWithChecker() throws {
        var compared = 0
        for site in try Self.sites() {
            let checker = Checker(packs: shippedPacks, asOf: Self.asOf)
            let calendar = CalendarBuilder.calendar(for: site, checker: checker)
            let byRequirement = Dictionary(grouping: calendar.obligations.filter { $0.kind == .due }, by: \.requirement.id)
            for (id, obligations) in byRequirement {
                let requirement = obligations[0].requirement
                guard Checker.evaluate(requirement, on: site.facts, asOf: Self.asOf).status == .met else { continue }
                let due = obligations.map(\.due).min()!
                #expect(due >= Self.asOf, "\(site.file) \(id): met today but due \(due)")
                #expect(Checker.evaluate(requirement, on: site.facts, asOf: due).status == .met, "\(site.file) \(id) on \(due)")
                let after = Checker.evaluate(requirement, on: site.facts, asOf: due.adding(days: 1)).status
                #expect(after == .gap || after == .missingEvidence, "\(site.file) \(id) on the day after \(due): \(after)")
                compared += 1
            }
            // An overdue obligation is one the checker reports.
            for o in calendar.obligations where o.kind == .due && o.overdue(at: Self.asOf) {
                let status = Checker.evaluate(o.requirement, on: site.facts, asOf: Self.asOf).status
                #expect(status != .met, "\(site.file) \(o.requirement.id) overdue since \(o.due) but met")
            }
        }
        #expect(compared >= 5)
    }

    @Test("gauge and valve checks, periodic and self inspections, refreshers, expiries and rules taking effect are listed")
    func kinds() throws {
        let checker = Checker(packs: shippedPacks, asOf: Self.asOf)
        let sites = try Self.sites()
        let all = sites.flatMap { CalendarBuilder.calendar(for: $0, checker: checker).obligations }
        let names = Set(all.map(\.what))
        for what in ["periodic inspection", "self-inspection", "gauge check", "safety valve check", "training refresher", "rule takes effect"] {
            #expect(names.contains(what), "\(what) not among \(names.sorted())")
        }
        let ulsanSite = try #require(sites.first { $0.id == "kr-ulsan-onsite-hrs" })
        let periodic = try #require(CalendarBuilder.calendar(for: ulsanSite, checker: checker).obligations.first { $0.requirement.id == "KR-INS-001" })
        #expect(periodic.windowStart == Day("2026-03-10") && periodic.due == Day("2026-03-25"))
        #expect(periodic.detail == "inspections.last_periodic: 2025-03-10 + 1 yr + 15 d = 2026-03-25")
    }

    @Test("a waiver's expiry is listed; a blast wall alternative that holds whatever the date gives no deadline")
    func waiversAndTimeless() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(tokyoSite), encoding: .utf8).replacingOccurrences(of: "waivers: []", with: """
            waivers:
              - {requirement: JP-INS-001, justification: inspector booked, approver: METI Kanto, expires: 2027-01-31}
            """)
        let site = try Site.parse(text, file: "w.yaml")
        let calendar = CalendarBuilder.calendar(for: site, checker: Checker(packs: shippedPacks, asOf: Self.asOf))
        let waiver = try #require(calendar.obligations.first { $0.kind == .waiverExpires })
        #expect(waiver.due == Day("2027-01-31") && waiver.requirement.id == "JP-INS-001")
        let r = try pack("""
            id: T-1
            title: test
            stage: any
            topic: inspection
            severity: major
            basis: law
            roles: [refuelling_station]
            require:
              dated: inspections.last_periodic + 1 yr >= as_of
              exempt: safety.vent_stack
            rationale: r
            remediation: r
            source: {document: d, brief: [X-1]}
            """).requirements[0]
        let facts = try fragment("inspections: {last_periodic: 2026-01-01}\nsafety: {vent_stack: true}")
        #expect(CalendarBuilder.deadlines(of: r, on: facts, asOf: Self.asOf).isEmpty)
        let dated = try fragment("inspections: {last_periodic: 2026-01-01}\nsafety: {vent_stack: false}")
        #expect(CalendarBuilder.deadlines(of: r, on: dated, asOf: Self.asOf).map(\.due) == [Day("2027-01-01")!])
    }

    @Test("iCalendar: CRLF, folded at 75 octets, escaped, one event per obligation with a stable UID")
    func icsFormat() throws {
        let checker = Checker(packs: shippedPacks, asOf: Self.asOf)
        let calendars = try Self.sites().map { CalendarBuilder.calendar(for: $0, checker: checker) }
        let ics = CalendarReport.render(calendars, as: .ics)
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in lines { #expect(line.utf8.count <= 75, "\(line)") }
        let count = calendars.reduce(0) { $0 + $1.obligations.count }
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == count)
        let uids = ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(Set(uids).count == uids.count)
        // Another as-of date moves dates, not UIDs.
        let later = try Self.sites().map { CalendarBuilder.calendar(for: $0, checker: Checker(packs: shippedPacks, asOf: Day("2026-12-01")!)) }
        let laterUIDs = Set(later.flatMap { $0.obligations.map(\.uid) })
        #expect(Set(calendars.flatMap { $0.obligations.map(\.uid) }).isSubset(of: laterUIDs.union(calendars.flatMap { $0.obligations.filter { $0.kind == .takesEffect }.map(\.uid) })))
        #expect(CalendarReport.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        let folded = CalendarReport.fold("DESCRIPTION:" + String(repeating: "가", count: 40))
        for part in folded.components(separatedBy: "\r\n") { #expect(part.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "DESCRIPTION:" + String(repeating: "가", count: 40))
    }

    @Test("the .ics parses with python3's icalendar package and agrees with the JSON")
    func icsParsesWithIcalendar() throws {
        let probe = try shell("python3 -c 'import icalendar'", in: repositoryRoot)
        try #require(probe.status == 0, "python3 icalendar is not installed (pip install icalendar; .ci/run installs it)")
        let dir = scratchDirectory()
        let ics = dir.appendingPathComponent("h2audit.ics").path
        let made = try run(["calendar", "sites/", "--as-of", "2026-11-23", "--format", "ics", "--output", ics], in: repositoryRoot)
        #expect(made.status == 0, "\(made.stderr)")
        let json = try run(["calendar", "sites/", "--as-of", "2026-11-23", "--format", "json"], in: repositoryRoot).stdout
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let obligations = (decoded["sites"] as! [[String: Any]]).flatMap { $0["obligations"] as! [[String: Any]] }
        let script = """
        import sys, datetime, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        for e in cal.walk('VEVENT'):
            s, d = e.decoded('DTSTART'), e.decoded('DTEND')
            assert isinstance(s, datetime.date) and not isinstance(s, datetime.datetime), s
            assert d > s, (s, d)
            assert e.get('DTSTAMP') is not None
            print(str(e['UID']), s.isoformat(), (d - datetime.timedelta(days=1)).isoformat(), str(e['SUMMARY']), sep='\\t')
        """
        let parsed = try shell("python3 -c \"$SCRIPT\" \(ics)", in: dir, environment: ["SCRIPT": script])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let rows = parsed.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == obligations.count && rows.count > 10)
        for (row, o) in zip(rows, obligations) {
            #expect(row[0] == o["uid"] as? String)
            #expect(row[2] == o["due"] as? String)
            #expect(row[1] == (o["window_start"] as? String ?? o["due"] as? String))
            #expect(row[3].contains(o["requirement"] as! String))
        }
    }
}
