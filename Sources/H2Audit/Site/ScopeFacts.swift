/// Legal scope facts, derived once from a site's own facts, in one place for
/// both regimes, and read by the packs by name (`e.high_pressure_gas`,
/// `scope.jp_production_class`). A fact the inputs cannot settle stays
/// unknown, so a requirement that needs it gives missing evidence.
///
/// The rules and their sources:
/// - High-pressure gas (KR HPGSCA Decree Art. 2; JP HPGSA Art. 2): compressed
///   gas whose pressure is 1 MPa gauge or more at its operating temperature,
///   or would be at 35 °C; liquefied gas at 0.2 MPa or more at its operating
///   temperature, or whose pressure reaches 0.2 MPa at 35 °C or below, which
///   liquid hydrogen and ammonia always do. Either test suffices, so a unit
///   below 1 MPa at its operating temperature is outside only when its
///   pressure at 35 °C is stated below 1 MPa too (`pressure_at_35c: 0.95 MPa`
///   or `'< 1 MPa'`); otherwise it is unknown.
/// - Processing capacity (KR 처리능력; JP 処理能力, GR Art. 2(1)(xviii)): the
///   gas the site's high-pressure processing units can handle in a day at 0 °C
///   and 0 Pa gauge, summed over every processing unit of the site, units in
///   series included (a water-electrolysis generator-booster and the
///   compressor after it each count: the Act counts per business site, HPGSA
///   Art. 5(1) "事業所ごとに", GR Art. 102; medium confidence, as the summing
///   rule itself is administrative practice).
/// - JP storage capacity: liquefied gas counted at 10 kg = 1 m3 (HPGSA
///   Art. 16(3)).
/// - JP class: a permit (class 1) from 100 m3/day of processing capacity
///   (HPGSA Art. 5(1)(i)), a notification (class 2) below it (Art. 5(2)).
public enum ScopeFacts {
    /// Equipment kinds that process gas (compress, pump, vaporise, liquefy, produce).
    static let processingTypes: Set<String> = [
        "compressor", "electrolyser", "reformer", "ammonia_cracker", "liquefier", "vaporiser", "lh2_pump",
    ]
    /// Equipment kinds that store compressed gas.
    static let compressedStorageTypes: Set<String> = ["storage_vessel", "tube_trailer"]
    /// Equipment kinds that store liquefied gas.
    static let liquefiedStorageTypes: Set<String> = ["lh2_tank", "nh3_tank"]

    /// JP HPGSA Art. 5(1)(i): 100 m3 a day, in the canonical Nm3/h.
    static let jpClass1Threshold = 100.0 / 24

    // Slots, found once: every copy of a schema keeps its fields' order.
    private struct EquipmentSlots {
        let type, fluid, mop, fill, p35, hp, processing, storage, mass, group, counted: Int
        init(_ s: ObjectSchema) {
            func slot(_ n: String) -> Int { s.slot(of: n)! }
            type = slot("type"); fluid = slot("fluid"); mop = slot("max_operating_pressure")
            fill = slot("max_fill_pressure"); p35 = slot("pressure_at_35c"); hp = slot("high_pressure_gas")
            processing = slot("processing_capacity"); storage = slot("storage_capacity"); mass = slot("stored_mass")
            group = slot("storage_group"); counted = slot("counted_storage_capacity")
        }
    }
    private static let equipmentSlots = EquipmentSlots(SiteSchema.equipment)
    private static let pipelineSlots = (fluid: SiteSchema.pipeline.slot(of: "fluid")!, mop: SiteSchema.pipeline.slot(of: "max_operating_pressure")!,
                                        p35: SiteSchema.pipeline.slot(of: "pressure_at_35c")!, hp: SiteSchema.pipeline.slot(of: "high_pressure_gas")!)

    /// The fluid an equipment item holds when its file does not say.
    static func defaultFluid(type: String?) -> String {
        switch type {
        case "lh2_tank", "lh2_pump": return "LH2"
        case "nh3_tank": return "NH3"
        default: return "CH2"
        }
    }

    /// Whether a unit holding `fluid` at these pressures holds high-pressure gas; nil when unknown.
    static func highPressureGas(fluid: String, operating: FactValue?, at35: FactValue?) -> Bool? {
        if fluid == "LH2" || fluid == "NH3" { return true }
        let a = quantity(operating)?.isAtLeast(1), b = quantity(at35)?.isAtLeast(1)
        if a == true || b == true { return true }
        if a == false && b == false { return false }
        return nil
    }

    static func quantity(_ value: FactValue?) -> Quantity? {
        if case .quantity(let q)? = value { return q }
        return nil
    }

    static func text(_ value: FactValue?) -> String? {
        if case .text(let s)? = value { return s }
        return nil
    }

    /// Fills an equipment item's default fluid and its `high_pressure_gas`.
    @Sendable static func deriveEquipment(_ schema: ObjectSchema, _ values: inout [FactValue?], _ mark: SourceMark) {
        let s = equipmentSlots
        if values[s.fluid] == nil { values[s.fluid] = .text(defaultFluid(type: text(values[s.type]))) }
        let fluid = text(values[s.fluid]) ?? "CH2"
        if let hp = highPressureGas(fluid: fluid, operating: values[s.mop] ?? values[s.fill], at35: values[s.p35]) {
            values[s.hp] = .flag(hp)
        }
    }

    /// Sets a pipeline's `high_pressure_gas`.
    @Sendable static func derivePipeline(_ schema: ObjectSchema, _ values: inout [FactValue?], _ mark: SourceMark) {
        let s = pipelineSlots
        let fluid = text(values[s.fluid]) ?? "CH2"
        if let hp = highPressureGas(fluid: fluid, operating: values[s.mop], at35: values[s.p35]) {
            values[s.hp] = .flag(hp)
        }
    }

    /// Sets the site's `scope` object from its equipment and pipelines.
    @Sendable static func deriveSite(_ schema: ObjectSchema, _ values: inout [FactValue?], _ mark: SourceMark) {
        guard let scopeSlot = schema.slot(of: "scope"), case .object(let scopeSchema) = schema.types[scopeSlot] else { return }
        var notes: [String]? = nil
        let equipmentSlot = schema.slot(of: "equipment")!
        let facts = derive(equipment: values[equipmentSlot], pipelines: values[schema.slot(of: "pipelines")!],
                           roles: values[schema.slot(of: "roles")!], notes: &notes)
        if case .list(let items)? = values[equipmentSlot] { values[equipmentSlot] = .list(countStorageGroups(items)) }
        var scope = [FactValue?](repeating: nil, count: scopeSchema.fields.count)
        for (name, value) in facts { if let slot = scopeSchema.slot(of: name) { scope[slot] = value } }
        values[scopeSlot] = .object(FactObject(schema: scopeSchema, values: scope,
                                               places: [FactObject.WrittenPlace?](repeating: nil, count: scope.count),
                                               mark: mark))
    }

    /// A storage unit's capacity as gas: compressed capacity, or liquefied mass at 10 kg = 1 m3.
    static func capacityAsGas(_ e: FactObject) -> Double? {
        let s = equipmentSlots
        if let q = quantity(e.values[s.storage]), q.bound == .exact { return q.value }
        if let q = quantity(e.values[s.mass]), q.bound == .exact { return q.value / 10 }
        return nil
    }

    /// Sets `counted_storage_capacity` on every storage unit: the sum over
    /// its `storage_group`; a unit with no group counts alone only when it is
    /// the site's one storage unit (otherwise unknown: which units count
    /// together is a fact the file must state).
    static func countStorageGroups(_ items: [Fact]) -> [Fact] {
        let s = equipmentSlots
        var storage: [(index: Int, object: FactObject, group: String?)] = []
        for (i, item) in items.enumerated() {
            guard case .object(let e) = item.value, let type = text(e.values[s.type]),
                  compressedStorageTypes.contains(type) || liquefiedStorageTypes.contains(type) else { continue }
            storage.append((i, e, text(e.values[s.group])))
        }
        guard !storage.isEmpty else { return items }
        var totals: [String: Double?] = [:]
        for unit in storage {
            guard let group = unit.group else { continue }
            let previous = totals[group] ?? 0
            totals[group] = previous.flatMap { total in capacityAsGas(unit.object).map { total + $0 } }
        }
        var result = items
        for unit in storage {
            let counted: Double?
            if let group = unit.group { counted = totals[group] ?? nil }
            else { counted = storage.count == 1 ? capacityAsGas(unit.object) : nil }
            guard let counted else { continue }
            result[unit.index] = Fact(.object(unit.object.deriving(s.counted, .quantity(Quantity(counted, .gasVolume)))),
                                      mark: items[unit.index].mark, written: items[unit.index].written)
        }
        return result
    }

    /// A missing derived fact named by the facts a site file writes, so that
    /// missing evidence says what to add (`h2audit explain SITE` shows the rest).
    static func inputs(_ fact: MissingFact) -> MissingFact {
        var path = fact.path
        if path.hasPrefix("scope.") {
            path += " (derived from the equipment and pipelines: state their pressures, incl. pressure_at_35c below 1 MPa, and capacities; `h2audit explain SITE` shows which are missing)"
        } else if path.hasSuffix(".high_pressure_gas") {
            path = String(path.dropLast("high_pressure_gas".count)) + "max_operating_pressure and pressure_at_35c (whether it holds high-pressure gas)"
        } else if path.hasSuffix(".counted_storage_capacity") {
            path = String(path.dropLast("counted_storage_capacity".count)) + "storage_group (which storage units count together)"
        } else {
            return fact
        }
        return MissingFact(path: path, mark: fact.mark)
    }

    /// One derived fact and how it was reached, for `h2audit explain`.
    public struct Derivation: Sendable {
        public var path: String
        public var value: String
        public var because: [String]
    }

    /// How each scope fact of a validated site was derived.
    public static func derivations(of site: FactObject) -> [Derivation] {
        var notes: [String]? = []
        var result: [Derivation] = []
        // Per unit.
        if case .list(let items)? = site.value("equipment") {
            for item in items {
                guard case .object(let e) = item.value else { continue }
                let id = e.text("id") ?? "?"
                let fluid = e.text("fluid") ?? "CH2"
                let operating = e.value("max_operating_pressure") ?? e.value("max_fill_pressure")
                let hp = highPressureGas(fluid: fluid, operating: operating, at35: e.value("pressure_at_35c"))
                var because = ["fluid \(fluid)\(e["fluid"]?.isDefault == true ? " (from its type)" : "")"]
                if fluid == "LH2" || fluid == "NH3" {
                    because.append("liquefied gas: high-pressure gas at any pressure (reaches 0.2 MPa at 35 °C or below)")
                } else {
                    because.append("pressure \(quantity(operating).map(describe) ?? "not given")"
                                   + (e.value("pressure_at_35c").flatMap(quantity).map { ", at 35 °C \(describe($0))" } ?? "")
                                   + "; high-pressure gas from 1 MPa gauge")
                }
                result.append(Derivation(path: "equipment[\(id)].high_pressure_gas", value: hp.map(String.init) ?? "unknown", because: because))
            }
        }
        if case .list(let items)? = site.value("pipelines") {
            for item in items {
                guard case .object(let p) = item.value else { continue }
                let hp = highPressureGas(fluid: p.text("fluid") ?? "CH2", operating: p.value("max_operating_pressure"), at35: p.value("pressure_at_35c"))
                result.append(Derivation(path: "pipelines[\(p.text("id") ?? "?")].high_pressure_gas", value: hp.map(String.init) ?? "unknown",
                                         because: ["pressure \(quantity(p.value("max_operating_pressure")).map(describe) ?? "not given"); high-pressure gas from 1 MPa gauge"]))
            }
        }
        let facts = derive(equipment: site.value("equipment"), pipelines: site.value("pipelines"), roles: site.value("roles"), notes: &notes)
        let reasons = notes ?? []
        for (name, value) in facts {
            let shown: String
            switch value {
            case .quantity(let q)?: shown = describe(q)
            case .flag(let b)?: shown = String(b)
            case .text(let t)?: shown = t
            default: shown = "unknown"
            }
            result.append(Derivation(path: "scope.\(name)", value: shown, because: reasons.filter { $0.hasPrefix(name + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }))
        }
        return result
    }

    static func describe(_ q: Quantity) -> String {
        switch q.bound {
        case .exact: return QuantityText.format(q)
        case .above: return "> " + QuantityText.format(q)
        case .below: return "< " + QuantityText.format(q)
        }
    }

    /// The site-level scope facts, by name; `notes` (when not nil) collects
    /// `name: reason` lines for explanations.
    static func derive(equipment: FactValue?, pipelines: FactValue?, roles: FactValue?,
                       notes: inout [String]?) -> [(String, FactValue?)] {
        let s = equipmentSlots
        var hpAny = false, hpUnknown = false
        var processing = 0.0, processingKnown = true
        var compressed = 0.0, compressedKnown = true
        var liquefied = 0.0, liquefiedKnown = true
        if case .list(let items)? = equipment {
            for item in items {
                guard case .object(let e) = item.value else { continue }
                let type = text(e.values[s.type]) ?? ""
                let id = text(e.values[e.schema.slot(of: "id")!]) ?? "?"
                let hp: Bool?
                if case .flag(let b)? = e.values[s.hp] { hp = b } else { hp = nil }
                if hp == true { hpAny = true } else if hp == nil { hpUnknown = true }
                if processingTypes.contains(type) {
                    if hp == false {
                        notes?.append("processing_capacity: \(id) not counted (no high-pressure gas)")
                    } else if let q = quantity(e.values[s.processing]), q.bound == .exact {
                        processing += q.value
                        notes?.append("processing_capacity: \(id) \(describe(q))\(hp == nil ? " (counted; whether it holds high-pressure gas is unknown)" : "")")
                    } else {
                        processingKnown = false
                        notes?.append("processing_capacity: \(id) has no exact processing_capacity")
                    }
                }
                /// Adds the unit's exact value of `field` to a site total, or marks the total unknown.
                func add(_ slot: Int, _ field: String, to total: inout Double, known: inout Bool, as name: String) {
                    if let q = quantity(e.values[slot]), q.bound == .exact {
                        total += q.value
                        notes?.append("\(name): \(id) \(describe(q))")
                    } else {
                        known = false
                        notes?.append("\(name): \(id) has no exact \(field)")
                    }
                }
                if compressedStorageTypes.contains(type) {
                    add(s.storage, "storage_capacity", to: &compressed, known: &compressedKnown, as: "compressed_storage_capacity")
                }
                if liquefiedStorageTypes.contains(type) {
                    add(s.mass, "stored_mass", to: &liquefied, known: &liquefiedKnown, as: "liquefied_storage_mass")
                }
            }
        } else {
            hpUnknown = true; processingKnown = false; compressedKnown = false; liquefiedKnown = false
            notes?.append("high_pressure_gas: the equipment list is not given")
        }
        let playsPipeline: Bool = {
            guard case .list(let r)? = roles else { return false }
            return r.contains { if case .text("pipeline") = $0.value { return true } else { return false } }
        }()
        if case .list(let items)? = pipelines {
            for item in items {
                guard case .object(let p) = item.value else { continue }
                switch p.values[pipelineSlots.hp] {
                case .flag(true)?: hpAny = true
                case .flag(false)?: break
                default: hpUnknown = true
                }
            }
        } else if playsPipeline {
            hpUnknown = true
            notes?.append("high_pressure_gas: the site is a pipeline but its pipelines are not given")
        }
        let hp: Bool? = hpAny ? true : (hpUnknown ? nil : false)
        notes?.append("high_pressure_gas: " + (hpAny ? "at least one unit holds high-pressure gas"
            : hpUnknown ? "no unit is known to hold high-pressure gas, but some are unknown" : "no unit holds high-pressure gas"))
        let processingValue: FactValue? = processingKnown ? .quantity(Quantity(processing, .gasFlow)) : nil
        var jpClass: FactValue? = nil
        if hp == false {
            jpClass = .text("none")
        } else if hp == true, processingKnown {
            jpClass = .text(processing >= jpClass1Threshold * (1 - 1e-12) ? "class1" : "class2")
        }
        notes?.append("jp_production_class: " + (jpClass == nil ? "unknown (needs high_pressure_gas and processing_capacity)"
            : "class 1 from 100 m3/day of processing capacity (HPGSA Art. 5(1)(i)), class 2 below it, none without high-pressure gas"))
        let jpStorage: FactValue? = compressedKnown && liquefiedKnown
            ? .quantity(Quantity(compressed + liquefied / 10, .gasVolume)) : nil
        notes?.append("jp_storage_capacity: compressed storage plus liquefied mass at 10 kg = 1 m3 (HPGSA Art. 16(3))")
        return [
            ("high_pressure_gas", hp.map { .flag($0) }),
            ("processing_capacity", processingValue),
            ("compressed_storage_capacity", compressedKnown ? .quantity(Quantity(compressed, .gasVolume)) : nil),
            ("liquefied_storage_mass", liquefiedKnown ? .quantity(Quantity(liquefied, .mass)) : nil),
            ("jp_storage_capacity", jpStorage),
            ("jp_production_class", jpClass),
        ]
    }
}

extension ScopeFacts {
    /// What a site file writes for a derived fact read at `path` (a path of
    /// `CompiledExpression.readPaths`); nil when `path` is not derived.
    /// Follows the rules above: `SiteSkeleton` writes these keys, and a test
    /// checks that each names a field of the schema.
    public static func inputPaths(of path: String) -> [String]? {
        let equipmentPressure = ["equipment[].type", "equipment[].fluid", "equipment[].max_operating_pressure",
                                 "equipment[].max_fill_pressure", "equipment[].pressure_at_35c"]
        let pipelinePressure = ["pipelines[].fluid", "pipelines[].max_operating_pressure", "pipelines[].pressure_at_35c"]
        let processing = equipmentPressure + ["equipment[].processing_capacity"]
        let compressed = ["equipment[].type", "equipment[].storage_capacity"]
        let liquefied = ["equipment[].type", "equipment[].stored_mass"]
        switch path {
        case "equipment[].high_pressure_gas": return equipmentPressure
        case "pipelines[].high_pressure_gas": return pipelinePressure
        case "equipment[].counted_storage_capacity":
            return ["equipment[].type", "equipment[].storage_group", "equipment[].storage_capacity", "equipment[].stored_mass"]
        case "scope.high_pressure_gas": return equipmentPressure + pipelinePressure
        case "scope.processing_capacity": return processing
        case "scope.compressed_storage_capacity": return compressed
        case "scope.liquefied_storage_mass": return liquefied
        case "scope.jp_storage_capacity": return compressed + liquefied
        case "scope.jp_production_class": return processing + pipelinePressure
        case "scope": return equipmentPressure + pipelinePressure + ["equipment[].processing_capacity", "equipment[].storage_capacity", "equipment[].stored_mass"]
        default: return nil
        }
    }
}
