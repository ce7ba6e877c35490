import Foundation
import Testing
@testable import H2Audit

/// The site model: roles, unknown is never none, legal scope facts derived
/// once, nothing assessed is not a pass (issue 13).
@Suite("Site model")
struct SiteModelTests {
    let day = Day("2026-06-01")!
    let header = "id: s\nname: S\ncountry: KR\n"

    func site(_ body: String) throws -> Site { try Site.parse(header + body, file: "s.yaml") }

    func check(_ rule: String, _ body: String, asOf: Day? = nil) throws -> Finding {
        let requirement = try pack(rule).requirements[0]
        return Checker.evaluate(requirement, on: try site(body).facts, asOf: asOf ?? day)
    }

    static let permitRule = """
    id: T-PERMIT
    title: A manufacture permit
    stage: production
    topic: permits
    severity: critical
    basis: law
    roles: [production]
    require: permits.exists(p, p.kind == 'manufacture')
    source: {document: test, brief: [KR-43]}
    rationale: r
    remediation: get one
    """

    static let fuelCellRule = """
    id: T-FC
    title: Fuel-cell use facility has leak detection
    stage: use
    topic: leak-detection
    severity: major
    basis: law
    roles: [fuel_cell_use]
    require: safety.leak_detection.installed
    source: {document: test, brief: [KR-29]}
    rationale: r
    remediation: fit it
    """

    @Test("a site plays several roles, and a requirement reaches it under each one it names")
    func roles() throws {
        let plant = "roles: [production, storage, fuel_cell_use]\nsafety: {leak_detection: {installed: false}}\n"
        let finding = try check(Self.fuelCellRule, plant)
        #expect(finding.status == .gap)
        #expect(finding.roles == ["fuel_cell_use"])
        let station = try check(Self.fuelCellRule, "roles: [refuelling_station]\n")
        #expect(station.status == .notApplicable)
        // The shipped KR pack: a plant that electrolyses, stores and feeds its own fuel cell gets the use-facility rules.
        let kr = try #require(shippedPacks.first { $0.id == "kr" })
        let report = Checker(packs: [kr], asOf: day).check(try site(plant))
        let useFacility = report.findings.filter { $0.requirement.roles.contains("fuel_cell_use") && $0.status != .notApplicable }
        #expect(!useFacility.isEmpty)
        #expect(useFacility.allSatisfy { $0.roles.contains("fuel_cell_use") })
    }

    @Test("an old single-facility file gets an error that says how to write roles")
    func facilityMigration() {
        #expect(throws: InputError.self) { try site("facility: production_plant\n") }
        do { _ = try site("facility: production_plant\n") } catch let error as InputError {
            #expect(error.diagnostics.contains { $0.message.contains("'facility' was replaced by 'roles'") && $0.mark?.line == 4 })
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("omitted permits are missing evidence; permits: [] is a gap")
    func silenceIsUnknown() throws {
        let omitted = try check(Self.permitRule, "roles: [production]\n")
        #expect(omitted.status == .missingEvidence)
        #expect(omitted.missing.map(\.path) == ["permits"])
        let none = try check(Self.permitRule, "roles: [production]\npermits: []\n")
        #expect(none.status == .gap)
        let held = try check(Self.permitRule, "roles: [production]\npermits: [{kind: manufacture}]\n")
        #expect(held.status == .met)
    }

    @Test("none, a lower bound and never are stated absences; silence stays unknown")
    func statedAbsence() throws {
        let rule = """
        id: T-RAIL
        title: 30 m from a railway
        stage: use
        topic: separation-distance
        severity: major
        basis: law
        roles: [refuelling_station]
        require: equipment.all(e, e.distances.railway >= 30 m)
        source: {document: test, brief: [KR-69]}
        rationale: r
        remediation: move
        """
        func railway(_ text: String) throws -> Status {
            try check(rule, "roles: [refuelling_station]\nequipment: [{id: D, type: dispenser, distances: {\(text)}}]\n").status
        }
        #expect(try railway("railway: none") == .met)
        #expect(try railway("railway: '> 100 m'") == .met)
        #expect(try railway("railway: '> 20 m'") == .missingEvidence)  // more than 20 m may or may not be 30 m
        #expect(try railway("railway: 29.9 m") == .gap)
        #expect(try railway("public_road: 10 m") == .missingEvidence)
        let inspection = """
        id: T-INS
        title: Inspected within a year
        stage: any
        topic: inspection
        severity: major
        basis: law
        roles: [refuelling_station]
        require: inspections.last_periodic + 1 yr >= as_of
        source: {document: test, brief: [KR-62]}
        rationale: r
        remediation: inspect
        """
        #expect(try check(inspection, "roles: [refuelling_station]\ninspections: {last_periodic: never}\n").status == .gap)
        #expect(try check(inspection, "roles: [refuelling_station]\ninspections: {last_periodic: 2026-01-10}\n").status == .met)
        #expect(try check(inspection, "roles: [refuelling_station]\n").status == .missingEvidence)
    }

    @Test("null or empty required keys, written scope facts and future event dates are input errors")
    func inputErrors() throws {
        for bad in ["id: s\nname: S\ncountry: ~\nroles: [storage]\n", "id: ''\nname: S\ncountry: KR\nroles: [storage]\n",
                    "id: s\nname: S\ncountry: KR\nroles: []\n",
                    "id: s\nname: S\ncountry: KR\nroles: [storage]\nequipment: [{id: T, type: storage_vessel, high_pressure_gas: true}]\n"] {
            #expect(throws: InputError.self, "\(bad)") { try Site.parse(bad, file: "s.yaml") }
        }
        let future = try site("roles: [storage]\ninspections: {last_periodic: 2027-01-01, completion: {passed: true, date: 2026-05-31}}\n")
        let errors = future.eventsAfter(day)
        #expect(errors.count == 1 && errors[0].message.contains("inspections.last_periodic") && errors[0].mark?.line == 5)
        #expect(try site("roles: [storage]\ncommissioned: 2030-01-01\n").eventsAfter(day).isEmpty)  // a planned start is not an event
    }

    @Test("high-pressure gas per unit: 1 MPa gauge at the operating temperature or at 35 °C; liquefied hydrogen always")
    func highPressureGas() throws {
        func hp(_ item: String) throws -> FactValue? {
            let s = try site("roles: [storage]\nequipment: [{id: T, type: storage_vessel, \(item)}]\n")
            guard case .list(let items)? = s.facts.value("equipment"), case .object(let e) = items[0].value else { return nil }
            return e.value("high_pressure_gas")
        }
        func isFlag(_ v: FactValue?, _ b: Bool) -> Bool { if case .flag(let x)? = v { return x == b } else { return false } }
        #expect(try hp("max_operating_pressure: 0.99 MPa") == nil)  // the 35 °C test is open
        #expect(isFlag(try hp("max_operating_pressure: 0.99 MPa, pressure_at_35c: 0.99 MPa"), false))
        #expect(isFlag(try hp("max_operating_pressure: 0.5 MPa, pressure_at_35c: '< 1 MPa'"), false))
        #expect(isFlag(try hp("max_operating_pressure: 1 MPa"), true))
        #expect(isFlag(try hp("max_operating_pressure: 0.95 MPa, pressure_at_35c: 1.02 MPa"), true))
        #expect(isFlag(try hp("fluid: LH2, max_operating_pressure: 0.1 MPa"), true))
        #expect(try hp("storage_capacity: 100 Nm3") == nil)  // no pressure: unknown
        #expect(isFlag(try hp("max_operating_pressure: '> 2 MPa'"), true))
        #expect(try hp("max_operating_pressure: '> 0.5 MPa'") == nil)
    }

    @Test("JP class from 100 m3/day of processing capacity; storage groups summed for the KR distance row")
    func scopeFacts() throws {
        func scope(_ equipment: String) throws -> FactObject {
            let s = try site("roles: [production]\nequipment: [\(equipment)]\n")
            guard case .object(let scope)? = s.facts.value("scope") else { throw InputError(.error(.missingKey, at: s.facts.mark, "no scope")) }
            return scope
        }
        #expect(try scope("{id: C, type: compressor, max_operating_pressure: 20 MPa, processing_capacity: 99.9 Nm3/d}").text("jp_production_class") == "class2")
        #expect(try scope("{id: C, type: compressor, max_operating_pressure: 20 MPa, processing_capacity: 100 Nm3/d}").text("jp_production_class") == "class1")
        #expect(try scope("{id: C, type: compressor, max_operating_pressure: 0.8 MPa, pressure_at_35c: 0.85 MPa, processing_capacity: 500 Nm3/d}").text("jp_production_class") == "none")
        #expect(try scope("{id: C, type: compressor, processing_capacity: 500 Nm3/d}").text("jp_production_class") == nil)
        let grouped = try site("""
        roles: [storage]
        equipment:
          - {id: A, type: storage_vessel, storage_capacity: 4000 Nm3, storage_group: g}
          - {id: B, type: storage_vessel, storage_capacity: 7000 Nm3, storage_group: g}
          - {id: L, type: lh2_tank, stored_mass: 2000 kg, storage_group: h}
          - {id: U, type: tube_trailer, storage_capacity: 3000 Nm3}
        """)
        guard case .list(let items)? = grouped.facts.value("equipment") else { Issue.record("no equipment"); return }
        let counted = items.map { item -> Double? in
            guard case .object(let e) = item.value, case .quantity(let q)? = e.value("counted_storage_capacity") else { return nil }
            return q.value
        }
        #expect(counted == [11_000, 11_000, 200, nil])  // U: which units it counts with is not stated
    }

    @Test("a start date the sources leave open: upcoming before the earliest day, unsettled between, a gap after")
    func unsettledDates() throws {
        let rule = Self.permitRule.replacingOccurrences(of: "basis: law", with: "basis: law\neffective_earliest: 2019-03-29\neffective: 2025-04-18")
        let body = "roles: [production]\npermits: []\n"
        #expect(try check(rule, body, asOf: Day("2019-03-28")).status == .upcoming)
        let between = try check(rule, body, asOf: Day("2024-01-01"))
        #expect(between.status == .upcoming && between.note?.contains("unsettled") == true)
        #expect(try check(rule, body, asOf: Day("2025-04-18")).status == .gap)
        #expect(try check(rule, "roles: [production]\npermits: [{kind: manufacture}]\n", asOf: Day("2024-01-01")).status == .met)
    }

    @Test("nothing assessed is not a pass: no applicable requirement, or a role with nothing under it")
    func notAssessed() throws {
        let p = try pack(Self.permitRule)
        let nothing = Checker(packs: [p], asOf: day).check(try site("roles: [pipeline]\n"))
        #expect(nothing.notAssessed)
        #expect(nothing.warnings.contains { $0.message.contains("no requirement of") })
        let partly = Checker(packs: [p], asOf: day).check(try site("roles: [production, pipeline]\npermits: []\n"))
        #expect(partly.notAssessed && partly.warnings.contains { $0.message.contains("role 'pipeline'") })
        let emptyFleet = Checker(packs: [p], asOf: day).check(try site("roles: [production, transport]\npermits: []\ntransport: {vehicles: []}\n"))
        #expect(emptyFleet.notAssessed && emptyFleet.warnings.contains { $0.message.contains("lists no vehicles") })
        let assessed = Checker(packs: [p], asOf: day).check(try site("roles: [production]\npermits: []\n"))
        #expect(!assessed.notAssessed)
        var summary = RunSummary(failOn: .major)
        summary.add(.checked(nothing))
        #expect(summary.exitCode == ExitStatus.notAssessed)
    }

    @Test("every field that keeps a default is documented with its reason")
    func documentedDefaults() {
        var seen = Set<ObjectIdentifier>()
        var queue = [SiteSchema.site]
        var undocumented: [String] = []
        let documented = Set(SiteSchema.keptDefaults.map(\.field))
        while let schema = queue.popLast() {
            guard seen.insert(ObjectIdentifier(schema)).inserted else { continue }
            for f in schema.fields {
                if f.defaultValue != nil || f.emptyWhenAbsent, !documented.contains("\(schema.name).\(f.name)") {
                    undocumented.append("\(schema.name).\(f.name)")
                }
                if let nested = SchemaReference.objectSchema(f.type) { queue.append(nested) }
            }
        }
        #expect(undocumented.isEmpty, "fields with an undocumented default: \(undocumented)")
    }

    @Test("validate warns when applies turns an unknown into not-applicable")
    func lint() throws {
        let p = try pack(Self.permitRule.replacingOccurrences(of: "roles: [production]", with: "roles: [production]\napplies: has(production)"))
        #expect(PackLint.warnings(p).count == 1)
        #expect(PackLint.warnings(try pack(Self.permitRule)).isEmpty)
    }

    /// The messages of a site that fails validation; [] when it is valid.
    func errors(_ body: String) -> [String] {
        do { _ = try Site.parse(header + body, file: "s.yaml"); return [] } catch { return error.diagnostics.map { "\($0.mark?.line ?? 0):\($0.mark?.column ?? 0) \($0.message)" } }
    }

    @Test("S4: content that contradicts the declared roles is an input error at the contradicting key")
    func roleContradictions() throws {
        // Sections of a role the site does not declare.
        #expect(errors("roles: [storage]\nproduction: {method: smr}\n")
            == ["5:1 the site has `production:` facts of making hydrogen (method), but its roles [storage] include none of 'production', 'refuelling_station', 'fuel_cell_use': add the one of 'production', 'refuelling_station', 'fuel_cell_use' that fits to roles, or remove those facts"])
        #expect(errors("roles: [storage]\nstation: {supply: off_site_tube_trailer}\n")
            == ["5:1 the site has a `station:` section, but its roles [storage] do not include 'refuelling_station': add 'refuelling_station' to roles, or remove 'station'"])
        #expect(errors("roles: [storage]\ntransport:\n  vehicles: [{id: V1, kind: tube_trailer}]\n")
            == ["5:1 the site has `transport.vehicles` with at least one vehicle, but its roles [storage] do not include 'transport': add 'transport' to roles, or remove 'transport'"])
        #expect(errors("roles: [storage]\npipelines: [{id: L1}]\n")
            == ["5:1 the site has `pipelines:` with at least one pipeline, but its roles [storage] do not include 'pipeline': add 'pipeline' to roles, or remove 'pipelines'"])
        // Equipment that only some roles hold, at the item's type.
        #expect(errors("roles: [storage]\nequipment:\n  - {id: E1, type: electrolyser}\n")
            == ["6:20 equipment 'E1' is of type electrolyser, but the site's roles [storage] include none of 'production', 'refuelling_station', 'fuel_cell_use': add the one of 'production', 'refuelling_station', 'fuel_cell_use' that fits to roles, or correct the item's type"])
        #expect(errors("roles: [terminal]\nequipment: [{id: K1, type: ammonia_cracker}]\n").first?.contains("do not include 'production'") == true)
        #expect(errors("roles: [production]\nequipment: [{id: D1, type: dispenser}]\n").first?.contains("do not include 'refuelling_station'") == true)
        #expect(errors("roles: [storage]\nequipment: [{id: F1, type: fuel_cell}]\n").first?.contains("include none of 'fuel_cell_use', 'industrial_use'") == true)
        // An item tied to a role the site does not play.
        #expect(errors("roles: [refuelling_station]\nequipment:\n  - {id: C1, type: compressor, roles: [production]}\n")
            == ["6:40 equipment 'C1' serves role 'production', which is not among the site's roles [refuelling_station]: add 'production' to the site's roles, or remove it from the item's roles"])
        // Stages and roles, both ways, at the list item.
        #expect(errors("roles: [production, storage]\nstages: [storage]\n")
            == ["4:9 role 'production' takes part in stage 'production', which stages [storage] does not list: add it to stages, or remove 'production' from roles"])
        #expect(errors("roles: [refuelling_station]\nstages: [production, use]\n")
            == ["5:10 stage 'production' is listed in stages, but none of the site's roles [refuelling_station] takes part in it: add the role that does (production) to roles, or remove 'production' from stages"])
        #expect(errors("roles: [pipeline]\nstages: [storage]\n").count == 2)
    }

    @Test("S4: content that several roles share, empty sections and an omitted stages list contradict nothing")
    func noRoleContradiction() throws {
        for body in [
            "roles: [terminal]\nproduction: {fill_only_from_tanks: true, carbon_intensity: 2 kgCO2e/kgH2}\n",  // filling and supply facts
            "roles: [refuelling_station]\nproduction: {o2_in_h2_max: 0.1 %}\nequipment: [{id: E1, type: electrolyser}]\n",  // on-site production station
            "roles: [fuel_cell_use]\nequipment: [{id: R1, type: reformer}, {id: F1, type: fuel_cell}]\n",  // KR use facility with its extractor
            "roles: [industrial_use, storage]\nequipment: [{id: F1, type: fuel_cell}]\n",
            "roles: [storage]\nproduction: {}\ntransport: {vehicles: []}\npipelines: []\n",  // empty: states nothing
            "roles: [terminal]\nequipment: [{id: T, type: lh2_tank}, {id: P, type: lh2_pump}, {id: V, type: vaporiser}, {id: C, type: compressor}, {id: TT, type: tube_trailer}]\n",
            "roles: [refuelling_station]\nstages: [storage, use]\n",
            "roles: [terminal, storage]\nstages: [storage, transport]\n",
            "roles: [production]\nequipment: [{id: E1, type: electrolyser, roles: [production]}]\n",
        ] {
            #expect(errors(body) == [], "\(body)")
        }
        // Every shipped site agrees with its roles (the Kobe terminal's tanker needed `transport`).
        for name in try FileManager.default.contentsOfDirectory(atPath: sitesDirectory) where name.hasSuffix(".yaml") {
            #expect(throws: Never.self, "\(name)") { try Site.load(path: sitesDirectory + "/" + name) }
        }
        // A pack example that states no roles is a fragment: nothing to contradict.
        #expect(throws: Never.self) { try Site.parse("production: {method: smr}\nequipment: [{id: D1, type: dispenser}]\n", file: "f.yaml", fragment: true) }
    }
}
