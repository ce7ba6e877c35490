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
        roles: [production, storage, refuelling_station, transport]
        equipment: [{id: D1, type: dispenser, distances: {public_road: 4 m}}, {id: T1, type: storage_vessel, storage_capacity: 900 Nm3}]
        station: {supply: on_site_production, max_operating_pressure: 82 MPa}
        transport: {vehicles: [{id: V1, kind: tube_trailer, load: 300 Nm3}]}
        inspections: {last_periodic: 2025-05-01}
        """, file: "fixed.yaml").facts

    /// YAML bytes -> site, streamed and through a node tree (full and
    /// fragment validation) -> check against both packs -> text and JSON
    /// rendering. The streamed and the tree path must agree: a difference
    /// stops the fuzzer like a crash.
    public static func site(_ bytes: [UInt8]) {
        let streamed = Result { () throws(InputError) in try Site.load(bytes: bytes, file: "fuzz.yaml", limits: limits) }
        let throughTree = Result { () throws(InputError) -> Site in
            let node = try YAMLLoader(limits: limits).parse(bytes, file: "fuzz.yaml")
            _ = try? SiteValidator(fragment: true).validate(node)
            return Site(file: "fuzz.yaml", facts: try SiteValidator().validate(node))
        }
        switch (streamed, throughTree) {
        case (.failure(let a), .failure(let b)):
            precondition(a.diagnostics.map(\.description) == b.diagnostics.map(\.description), "streamed and tree diagnostics differ")
            return
        case (.success, .success): break
        default: preconditionFailure("streamed and tree loading disagree on whether the file is valid")
        }
        guard case .success(let site) = streamed else { return }
        let report = Checker(packs: packs, asOf: asOf, allPacksForEverySite: true).check(site)
        let result = FileResult.checked(report)
        _ = TextReport().render(result)
        var json = JSONReport()
        json.begin(ReportContext(asOf: asOf, packs: packs), to: OutputSink())
        _ = json.render(result)
    }

    /// Bytes as a requirement pack (loaded, examples run) and as an expression
    /// (compiled, then evaluated against a fixed site by its answering and its
    /// explaining program, which must agree).
    public static func pack(_ bytes: [UInt8]) {
        if let pack = try? PackLoader(limits: limits).parse(bytes, file: "fuzz-pack.yaml") {
            _ = ExampleRunner.failures(in: pack)
            if let facts = fixedSite {
                for r in pack.requirements { _ = Checker.evaluate(r, on: facts, asOf: asOf) }
            }
        }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if let expression = try? CompiledExpression(text), let facts = fixedSite {
            let answer = expression.evaluate(facts, asOf: asOf).truth  // answer mode
            let explained = expression.evaluate(facts, asOf: asOf, explain: true).truth  // explain mode
            precondition(answer == explained, "answer and explain modes disagree")
            _ = expression.thresholds
        }
    }
}
