/// Entry points for the fuzzers (`Sources/FuzzSite`, `Sources/FuzzPack`) and
/// for the regression corpus the tests replay. Each takes arbitrary bytes and
/// must return, whatever they hold: every failure is a thrown, positioned error.
public enum FuzzEntry {
    /// Bounds smaller than the defaults keep each fuzz iteration fast; the
    /// code paths are the same.
    static let limits = LoadLimits(maxFileBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 5_000, maxNodes: 100_000)

    static let packs: [RequirementPack] = (try? PackLocator.load(directory: PackLocator.roadmapsDirectory(), regimes: [], extra: [])) ?? []
    static let asOf = Day(year: 2026, month: 6, day: 1)!
    static let fixedSite: FactObject? = try? Site.parse("""
        id: s
        name: S
        country: KR
        stages: [production, storage, transport, use]
        facility: refuelling_station
        equipment: [{id: D1, type: dispenser, distances: {public_road: 4 m}}, {id: T1, type: storage_vessel, storage_capacity: 900 Nm3}]
        station: {supply: on_site_production, max_operating_pressure: 82 MPa}
        transport: {vehicles: [{id: V1, kind: tube_trailer, load: 300 Nm3}]}
        inspections: {last_periodic: 2025-05-01}
        """, file: "fixed.yaml").facts

    /// YAML bytes -> site (full and fragment validation) -> check against
    /// both packs -> text and JSON rendering.
    public static func site(_ bytes: [UInt8]) {
        let loader = YAMLLoader(limits: limits)
        guard let node = try? loader.parse(bytes, file: "fuzz.yaml") else { return }
        _ = try? SiteValidator(fragment: true).validate(node)
        guard let facts = try? SiteValidator().validate(node) else { return }
        let site = Site(file: "fuzz.yaml", facts: facts)
        let report = Checker(packs: packs, asOf: asOf, allPacksForEverySite: true).check(site)
        let result = FileResult.checked(report)
        _ = TextReport().render(result)
        var json = JSONReport()
        json.begin(ReportContext(asOf: asOf, packs: packs), to: OutputSink())
        _ = json.render(result)
    }

    /// Bytes as a requirement pack (loaded, examples run) and as an expression
    /// (compiled, then evaluated against a fixed site, explained).
    public static func pack(_ bytes: [UInt8]) {
        if let pack = try? PackLoader(limits: limits).parse(bytes, file: "fuzz-pack.yaml") {
            _ = ExampleRunner.failures(in: pack)
            if let facts = fixedSite {
                for r in pack.requirements { _ = Checker.evaluate(r, on: facts, asOf: asOf) }
            }
        }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if let expression = try? CompiledExpression(text), let facts = fixedSite {
            _ = expression.evaluate(facts, asOf: asOf)
            _ = expression.evaluate(facts, asOf: asOf, explain: true)
            _ = expression.thresholds
        }
    }
}
