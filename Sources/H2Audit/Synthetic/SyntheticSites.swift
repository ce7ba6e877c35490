/// Deterministic synthetic site files for benchmarks and batch tests: every
/// kind of site (roles) of both countries, realistic sizes (60-200 lines), a share of
/// real gaps and missing facts, and optionally broken files of every kind.
public struct SyntheticSites {
    /// SplitMix64: small, fast, and the same sequence on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func double(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + (range.upperBound - range.lowerBound) * Double(next() >> 11) / Double(1 << 53)
        }
        mutating func chance(_ p: Double) -> Bool { double(0...1) < p }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    public let seed: UInt64
    public init(seed: UInt64 = 20_261_123) { self.seed = seed }

    /// The kinds of broken file `broken(index:)` cycles through.
    public static let brokenKinds = ["unclosed flow sequence", "unknown key", "wrong unit", "duplicate key", "tab indentation",
                                     "invalid UTF-8", "billion laughs", "wrong type", "empty file", "missing required key"]

    /// The file name for site `index`.
    public static func fileName(_ index: Int, broken: Bool = false) -> String {
        let n = String(index)
        return (broken ? "broken-" : "site-") + String(repeating: "0", count: max(0, 6 - n.count)) + n + ".yaml"
    }

    /// A broken file of kind `index % brokenKinds.count`, as bytes.
    public func broken(index: Int) -> [UInt8] {
        let header = "id: broken-\(index)\nname: Broken \(index)\ncountry: KR\nstages: [use]\nroles: [refuelling_station]\n"
        switch index % Self.brokenKinds.count {
        case 0: return Array((header + "equipment: [{id: D1, type: dispenser\n").utf8)
        case 1: return Array((header + "equipment:\n  - id: D1\n    type: dispenser\n    distnces: {public_road: 5 m}\n").utf8)
        case 2: return Array((header + "station: {supply: on_site_production, max_operating_pressure: 82 meters}\n").utf8)
        case 3: return Array((header + "name: Again\n").utf8)
        case 4: return Array((header + "station:\n\tsupply: on_site_production\n").utf8)
        case 5: return Array(header.utf8) + Array("operator: ".utf8) + [0xC3, 0x28, 0x0A]
        case 6:
            var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            let names = "abcdefghij".map(String.init)
            for i in 1..<10 { text += "\(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 10).joined(separator: ", ") + "]\n" }
            return Array(text.utf8)
        case 7: return Array((header + "equipment: {id: D1}\n").utf8)
        case 8: return []
        default: return Array("id: broken-\(index)\ncountry: JP\nstages: [use]\n".utf8)
        }
    }

    /// Site number `index` as YAML text; the same index always gives the same text.
    public func site(index: Int) -> String {
        var r = Random(state: seed ^ (UInt64(index) &* 0x2545_F491_4F6C_DD1D))
        let country = r.chance(0.5) ? "KR" : "JP"
        var kind = r.pick(["refuelling_station", "refuelling_station", "refuelling_station", "production_plant",
                           "storage_terminal", "transport_fleet", "pipeline", "fuel_cell_plant"])
        if kind == "pipeline" && country == "KR" { kind = "storage_terminal" }  // the KR pack has no pipeline rules
        var y = YAMLWriter()
        y.line("# synthetic site \(index) (seed \(seed))")
        y.line("id: synthetic-\(index)")
        y.line("name: Synthetic \(kind.replacingOccurrences(of: "_", with: " ")) \(index)")
        y.line("operator: Operator \(r.int(1...400)) Co.")
        y.line("country: \(country)")
        let stages: [String]
        switch kind {
        case "refuelling_station": stages = r.chance(0.4) ? ["production", "storage", "use"] : ["storage", "use"]
        case "production_plant": stages = ["production", "storage"]
        case "storage_terminal": stages = ["storage", "transport"]
        case "transport_fleet", "pipeline": stages = ["transport"]
        default: stages = ["storage", "use"]
        }
        y.line("stages: [\(stages.joined(separator: ", "))]")
        let roles: [String]
        switch kind {
        case "refuelling_station": roles = stages.contains("production") ? ["production", "storage", "refuelling_station"] : ["refuelling_station"]
        case "production_plant": roles = r.chance(0.3) ? ["production", "storage", "fuel_cell_use"] : ["production", "storage"]
        case "storage_terminal": roles = ["storage", "terminal"]
        case "transport_fleet": roles = ["transport"]
        case "pipeline": roles = ["pipeline"]
        default: roles = country == "JP" ? ["industrial_use", "storage"] : ["fuel_cell_use", "storage"]
        }
        y.line("roles: [\(roles.joined(separator: ", "))]")
        y.line("zone: \(r.pick(["industrial", "commercial", "residential", "mixed"]))")
        y.line("commissioned: \(2015 + r.int(0...10))-\(pad(r.int(1...12)))-\(pad(r.int(1...28)))")
        y.line("permits:")
        y.line("  - {kind: \(country == "KR" ? (kind == "transport_fleet" ? "transport_registration" : "manufacture") : "class1_production"), authority: Authority \(r.int(1...50)), number: P-\(index)}")
        if kind == "transport_fleet" {
            fleet(&y, &r, country: country)
        } else if kind == "pipeline" {
            pipelines(&y, &r)
        } else {
            equipment(&y, &r, kind: kind, onsite: stages.contains("production"))
            if kind == "refuelling_station" { station(&y, &r, country: country, onsite: stages.contains("production")) }
            if stages.contains("production") { production(&y, &r) }
        }
        common(&y, &r, country: country)
        return y.text
    }

    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    func distances(_ r: inout Random, near: Bool) -> String {
        let scale = near ? 0.6 : 1.0
        var parts = [
            "protected_class1: \(Int(r.double(15...120) * scale)) m",
            "protected_class2: \(Int(r.double(10...90) * scale)) m",
            "site_boundary: \(Int(r.double(6...30) * scale)) m",
            "public_road: \(Int(r.double(4...25) * scale)) m",
            "fire_source: \(Int(r.double(7...40) * scale)) m",
        ]
        // Unknown is never none: a filing states what is not there (`none`) or how far it is at least.
        parts.append(r.chance(0.15) ? "railway: \(Int(r.double(20...200))) m" : "railway: none")
        parts.append(r.chance(0.1) ? "oxygen_plant: \(Int(r.double(8...60))) m" : "oxygen_plant: none")
        parts.append("other_flammable_plant: \(r.chance(0.8) ? "none" : "'> 20 m'")")
        parts.append("cng_station: none")
        parts.append("h2_station: none")
        parts.append("onsite_occupied_building: \(r.chance(0.7) ? "'> 30 m'" : "\(Int(r.double(12...40))) m")")
        if r.chance(0.05) { parts.removeLast() }  // a fact left out
        return "{" + parts.joined(separator: ", ") + "}"
    }

    func equipment(_ y: inout YAMLWriter, _ r: inout Random, kind: String, onsite: Bool) {
        y.line("equipment:")
        var types: [String] = []
        switch kind {
        case "refuelling_station":
            if onsite { types += ["electrolyser"] } else { types += ["tube_trailer"] }
            types += ["compressor", "storage_vessel", "storage_vessel"] + Array(repeating: "dispenser", count: r.int(1...3))
        case "production_plant": types = Array(repeating: "electrolyser", count: r.int(1...4)) + ["compressor", "storage_vessel"]
        case "storage_terminal": types = r.chance(0.3) ? ["lh2_tank", "vaporiser", "compressor"] : ["storage_vessel", "storage_vessel", "compressor"]
        default: types = ["fuel_cell", "fuel_cell", "storage_vessel"]
        }
        for (i, type) in types.enumerated() {
            let near = r.chance(0.1)
            let start = y.mark
            defer { y.fill(from: start, indent: 4, SiteSchema.equipment, &r) }
            y.line("  - id: \(type.prefix(2).uppercased())-\(i + 1)")
            y.line("    type: \(type)")
            if type == "lh2_tank" || type == "vaporiser" {
                y.line("    fluid: LH2")
                y.line("    stored_mass: \(r.int(5...300)) t")
                y.line("    max_operating_pressure: \(String(format: "%.1f", r.double(0.2...0.9))) MPa")
                y.line("    spill_containment: \(r.chance(0.9))")
            }
            switch type {
            case "electrolyser":
                y.line("    rated_output: \(r.int(50...2000)) Nm3/h")
                y.line("    processing_capacity: \(r.int(1200...48000)) Nm3/d")
                y.line("    max_operating_pressure: \(r.int(1...4)) MPa")
                y.line("    product_inspection_passed: \(r.chance(0.95))")
                y.line("    product_modified: \(r.chance(0.03))")
            case "compressor":
                y.line("    processing_capacity: \(r.int(1000...30000)) Nm3/d")
                y.line("    max_operating_pressure: \(r.pick(["45 MPa", "82 MPa", "900 bar", "20 MPa"]))")
                y.line("    explosion_proof_electrics: \(r.chance(0.95))")
                y.line("    pressure_test: {medium: liquid, pressure: 140 MPa}")
            case "storage_vessel", "tube_trailer":
                let pressure = r.pick([20.0, 45.0, 82.0, 87.5])
                y.line("    max_operating_pressure: \(QuantityText.number(pressure)) MPa")
                let volume = r.double(0.3...8)
                y.line("    construction: \(r.pick(["steel", "type2", "type3", "type4"]))")
                y.line("    wrap: full")
                y.line("    heat_protection: \(r.chance(0.9))")
                y.line("    max_fill_pressure: \(QuantityText.number(pressure)) MPa")
                y.line("    internal_volume: \(String(format: "%.2f", volume)) m3")
                y.line("    storage_capacity: \(Int((10 * pressure + 1) * volume)) Nm3")
                y.line("    automatic_shutoff_valves: \(r.chance(0.9) ? 2 : 1)")
                y.line("    seismic_design: \(r.chance(0.9))")
                y.line("    pressure_test: {medium: \(r.chance(0.7) ? "liquid" : "gas"), pressure: \(QuantityText.number(pressure * 1.5)) MPa}")
            case "dispenser":
                y.line("    max_operating_pressure: \(r.pick(["82 MPa", "87.5 MPa", "45 MPa"]))")
                y.line("    explosion_proof_electrics: true")
                y.line("    pressure_test: {medium: liquid, pressure: 135 MPa}")
            case "fuel_cell":
                y.line("    rated_power: \(r.int(200...5000)) kW")
                y.line("    explosion_proof_electrics: true")
                y.line("    product_inspection_passed: \(r.chance(0.95))")
                y.line("    product_modified: false")
                y.line("    indoor: \(r.chance(0.5))")
            default: break
            }
            // The facts that decide requirements and have no default: stated, with a share left out.
            if !r.chance(0.03) { y.line("    buried: false") }
            if type != "fuel_cell" { y.line("    indoor: false") }
            y.line("    elevated: false")
            if type == "storage_vessel" || type == "tube_trailer" {
                y.line("    storage_group: G1")
                y.line("    gas_release_device: \(r.chance(0.95))")
                y.line("    one_frame: \(r.chance(0.9))")
            }
            if type == "compressor" { y.line("    last_safety_valve_check: \(r.pick(["2025", "2026"]))-\(pad(r.int(1...5)))-10") }
            if type == "fuel_cell" { y.line("    max_operating_pressure: '< 1 MPa'") }
            if !r.chance(0.05) { y.line("    leak_test: {pressure: \(r.pick(["50 MPa", "90 MPa", "5 MPa"]))}") }
            y.line("    liquid_test_impractical: none")
            y.line("    overpressure_protection: \(r.chance(0.95))")
            y.line("    collision_protection: \(r.chance(0.9))")
            y.line("    welded_joints: \(r.chance(0.9))")
            y.line("    distances: \(distances(&r, near: near))")
            if r.chance(0.4) {
                y.line("    blast_wall: {material: \(r.pick(["reinforced_concrete", "reinforced_concrete", "concrete_block"])), height: \(String(format: "%.1f", r.double(1.8...3))) m, thickness: \(r.int(10...20)) cm}")
            }
        }
    }

    func station(_ y: inout YAMLWriter, _ r: inout Random, country: String, onsite: Bool) {
        let pressure = r.pick(["82 MPa", "87.5 MPa", "40 MPa", "90 MPa"])
        let start = y.mark
        defer { y.fill(from: start, indent: 2, SiteSchema.station, &r) }
        y.line("station:")
        y.line("  supply: \(onsite ? "on_site_production" : r.pick(["off_site_tube_trailer", "off_site_pipeline"]))")
        if country == "JP" { y.line("  design: \(r.chance(0.5) ? "urban" : "base")") }
        y.line("  max_operating_pressure: \(pressure)")
        y.line("  dispenser_cutoff_pressure: \(r.chance(0.95) ? "87.5 MPa" : "90 MPa")")
        y.line("  vehicle_max_fill_pressure: 87.5 MPa")
        let self_service = country == "JP" && r.chance(0.3)
        y.line("  self_service: \(self_service)")
        y.line("  format: standard")
        y.line("  ship_bunkering: false")
        y.line("  vehicle_filling_only: \(r.chance(0.9))")
        y.line("  enlarged: never")
        for flag in ["accumulator_outlet_relief_valve", "shutdown_sequence", "trailer_stop_cooling"] { y.line("  \(flag): \(r.chance(0.93))") }
        if self_service {
            y.line("  monitoring_office: true")
            y.line("  comms_loss_stop: \(r.chance(0.9))")
            y.line("  cybersecurity: \(r.chance(0.8))")
            y.line("  self_service_dispenser_features: \(r.chance(0.95))")
        }
        y.line("  tube_trailers_on_site: \(r.int(0...4))")
        y.line("  canopy: {non_combustible: true, no_accumulation: \(r.chance(0.9))}")
        for flag in ["overfill_prevention", "hose_breakaway", "manual_stop_at_dispenser", "manual_stop_remote", "seismic_sensor",
                     "fire_detection_dispenser", "fire_detection_accumulator", "blast_wall_compressor_dispenser",
                     "blast_wall_storage_dispenser", "incoming_supply_shutoff", "excess_flow_prevention", "backflow_prevention",
                     "realtime_feed_to_kgs", "portable_leak_detector", "tubing_installer_certified", "price_reported",
                     "safety_kit", "certified_valves", "accumulator_emergency_release", "filling_procedure"] where !r.chance(0.03) {
            y.line("  \(flag): \(r.chance(0.93))")
        }
        if r.chance(0.8) { y.line("  safety_impact_assessment: 2023-\(pad(r.int(1...12)))-15") }
        y.line("  perimeter_wall: {material: reinforced_concrete, height: \(String(format: "%.1f", r.double(1.8...3))) m}")
    }

    func production(_ y: inout YAMLWriter, _ r: inout Random) {
        let start = y.mark
        defer { y.fill(from: start, indent: 2, SiteSchema.production, &r) }
        y.line("production:")
        y.line("  method: \(r.pick(["pem_electrolysis", "alkaline_electrolysis", "soec"]))")
        if !r.chance(0.05) { y.line("  o2_in_h2_max: \(String(format: "%.2f", r.double(0.05...2.2))) %") }
        y.line("  gas_sampling_interval: \(r.pick(["8 h", "1 d", "1 d", "2 d"]))")
        y.line("  purity: \(String(format: "%.2f", r.double(98.2...99.99))) %")
        y.line("  quality_test_interval: 1 d")
        y.line("  feed_cutoff_interlock: \(r.chance(0.95))")
        y.line("  inert_gas_reserve: \(r.chance(0.95))")
        y.line("  carbon_intensity: \(String(format: "%.2f", r.double(0.2...6))) kgCO2e/kgH2")
        y.line("  carbon_boundary: \(r.pick(["well_to_gate", "well_to_gate_incl_transport"]))")
        y.line("  certification_sought: [\(r.pick(["kr_clean_hydrogen", "jp_hspa_low_carbon"]))]")
        for flag in ["fills_vehicle_containers", "hspa_joint_plan", "certification_reporting", "supplies_fuel_cell_grade", "o2_monitor", "o2_trip"] {
            y.line("  \(flag): \(r.chance(0.9))")
        }
    }

    func fleet(_ y: inout YAMLWriter, _ r: inout Random, country: String) {
        y.line("transport:")
        y.line("  vehicles:")
        for i in 0..<r.int(2...6) {
            let kind = r.pick(["tube_trailer", "tube_trailer", "cylinder_truck", "lh2_tanker"])
            let start = y.mark
            defer { y.fill(from: start, indent: 6, SiteSchema.vehicle, &r) }
            y.line("    - id: V-\(i + 1)")
            y.line("      kind: \(kind)")
            y.line("      towed: \(kind != "cylinder_truck")")
            if kind == "lh2_tanker" {
                y.line("      load_mass: \(r.int(1000...4000)) kg")
                y.line("      tank_internal_volume: \(r.int(15...55)) m3")
                y.line("      destination_lh2_station: \(r.chance(0.5))")
            } else {
                y.line("      load: \(r.int(150...6000)) Nm3")
            }
            y.line("      max_route_distance: \(r.int(20...400)) km")
            y.line("      drivers: \(r.int(1...2))")
            y.line("      max_continuous_driving: \(String(format: "%.1f", r.double(1...5))) h")
            y.line("      max_daily_driving: \(r.int(4...10)) h")
            y.line("      supervisor_on_board: \(r.chance(0.6))")
            for flag in ["warning_sign", "hazard_sheet", "extinguisher", "leak_check_each_trip", "rain_protection",
                         "manifold_relief_valve", "manifold_pressure_gauge", "emergency_depressurisation_valve", "driver_special_education"] {
                y.line("      \(flag): \(r.chance(0.95))")
            }
            y.line("      container_temperature_limit: \(r.chance(0.9) ? 40 : 65) °C")
            y.line("      emergency_shutoff_temperature: \(r.chance(0.95) ? 105 : 120) °C")
            y.line("      max_distance_between_rests: \(r.int(80...260)) km")
            if kind != "lh2_tanker" {
                let year = 2008 + r.int(0...17)
                y.line("      last_manifold_inspection: 2026-0\(r.int(1...5))-01")
                y.line("      safety_valve_set_pressure: \(r.pick(["30 MPa", "40 MPa"]))")
                y.line("      tank_test_pressure: 52.5 MPa")
                y.line("      cylinders: {container_class: \(r.pick(["ch2_transport_vehicle", "general_composite", "other"])), fill_limit: 2040-01-01, construction: \(r.pick(["type1", "type3", "type4"])), max_fill_pressure: \(r.pick(["20 MPa", "35 MPa", "45 MPa"])), internal_volume: \(r.int(200...2500)) L, manufactured: \(year)-06-01, last_reinspection: \(min(2025, year + 5 * r.int(0...3)))-06-01}")
            }
        }
    }

    func pipelines(_ y: inout YAMLWriter, _ r: inout Random) {
        y.line("pipelines:")
        for i in 0..<r.int(1...3) {
            let start = y.mark
            defer { y.fill(from: start, indent: 4, SiteSchema.pipeline, &r) }
            y.line("  - id: PL-\(i + 1)")
            y.line("    pressure_at_35c: '< 1 MPa'")
            y.line("    leak_test: {pressure: 1 MPa}")
            y.line("    liquid_test_impractical: none")
            y.line("    max_operating_pressure: \(String(format: "%.2f", r.double(0.5...0.99))) MPa")
            y.line("    length: \(String(format: "%.1f", r.double(0.3...12))) km")
            y.line("    burial_depth: \(String(format: "%.1f", r.double(0.4...1.8))) m")
            y.line("    markers: \(r.chance(0.95))")
            y.line("    corrosion_protection: \(r.chance(0.95))")
            y.line("    overpressure_protection: true")
            y.line("    emergency_communication: \(r.chance(0.95))")
            y.line("    pressure_test: {medium: gas, pressure: 1.3 MPa}")
        }
    }

    func common(_ y: inout YAMLWriter, _ r: inout Random, country: String) {
        var start = y.mark
        y.line("safety:")
        y.line("  leak_detection: {installed: \(r.chance(0.97)), automatic_shutdown: \(r.chance(0.9))}")
        for flag in ["flame_detection", "fire_extinguishing", "static_elimination", "ventilation", "vent_stack",
                     "emergency_shutdown", "emergency_power", "emergency_communication", "warning_signs", "boundary_fence"] {
            y.line("  \(flag): \(r.chance(0.96))")
        }
        y.line("  compressor_barrier: {material: reinforced_concrete, height: 2 m, thickness: \(r.int(10...20)) cm}")
        y.line("  thread_gauge_checks: \(r.chance(0.93))")
        for flag in ["leak_flow_prevention", "emergency_leak_shutoff", "fire_interlock", "temperature_rise_prevention"] { y.line("  \(flag): \(r.chance(0.93))") }
        y.line("  ventilation_opening_ratio: \(String(format: "%.1f", r.double(2.5...5))) %")
        y.fill(from: start, indent: 2, SiteSchema.safety, &r)
        start = y.mark
        y.line("inspections:")
        y.line("  completion: {passed: \(r.chance(0.98)), date: 2019-04-01}")
        if !r.chance(0.05) { y.line("  last_periodic: \(r.pick(["2024", "2025"]))-\(pad(r.int(1...12)))-\(pad(r.int(1...28)))") }
        y.line("  last_self_inspection: 2026-\(pad(r.int(1...5)))-10")
        y.line("  self_inspection_records: true")
        y.line("  daily_checks: \(r.chance(0.95))")
        y.line("  last_quality_inspection: 2026-\(pad(r.int(1...5)))-\(pad(r.int(1...28)))")
        y.line("  last_gauge_calibration: 2026-\(pad(r.int(2...5)))-\(pad(r.int(1...28)))")
        y.line("  last_safety_valve_check: \(r.pick(["2023", "2024", "2025"]))-\(pad(r.int(1...12)))-10")
        y.line("  last_filling_gauge_check: 2026-05-\(pad(r.int(1...28)))")
        y.line("  last_specified_modification: never")
        y.fill(from: start, indent: 2, SiteSchema.inspections, &r)
        start = y.mark
        y.line("personnel:")
        y.line("  safety_managers:")
        if country == "KR" {
            y.line("    - {name: Manager \(r.int(1...999)), role: general_manager, appointed: 2020-01-01}")
            y.line("    - {name: Engineer \(r.int(1...999)), role: responsible_manager, licence: kr_gas_industrial_engineer, appointed: 2020-01-01, last_training: \(2022 + r.int(0...4))-03-01}")
        } else {
            y.line("    - {name: Supervisor \(r.int(1...999)), role: station_supervisor, licence: \(r.pick(["jp_chemical_a", "jp_chemical_b", "jp_mechanical_b", "other"])), hydrogen_experience: \(r.int(3...60)) mo, appointed: 2020-04-01, last_training: \(2022 + r.int(0...4))-05-01}")
        }
        y.line("  attendants_trained: \(r.chance(0.95))")
        y.line("  vacancy: 0 d")
        y.fill(from: start, indent: 2, SiteSchema.personnel, &r)
        start = y.mark
        defer { y.fill(from: start, indent: 2, SiteSchema.management, &r) }
        y.line("management:")
        y.line("  tsunami_inundation_depth: 0 m")
        y.line("  safety_rules_filed: \(r.chance(0.95))")
        y.line("  education_plan: \(r.chance(0.95))")
        y.line("  liability_insurance_until: \(r.pick(["2026-03-31", "2027-03-31", "2027-12-31"]))")
        y.line("  accident_reporting_procedure: true")
        y.line("  supply_plan_filed: \(r.chance(0.9))")
    }
}

/// Line-by-line YAML text.
struct YAMLWriter {
    var text = ""
    mutating func line(_ s: String) {
        text += s
        text += "\n"
    }

    /// Where the text ends now: the start of an object `fill` completes.
    var mark: String.Index { text.endIndex }

    /// Flags a filing would state but that are stated present-or-absent only
    /// where a hazard or a special case exists: written `false`.
    static let absentByDefault: Set<String> = [
        "below_grade_room", "runs_below_minimum_load", "product_modified", "buried", "indoor", "elevated", "self_service",
        "ship_bunkering", "trailers_parked_outside", "fills_non_car_mobility", "under_buildings", "unstable_ground",
        "multi_use_facility", "sandbox_approval", "low_temperature_tank", "piped_supply", "accredited_operator",
        "destination_lh2_station", "clean_h2_obligation_designated", "common_housing", "towed",
    ]

    /// States every true/false field and every list of choices of `schema`
    /// that the object begun at `start` (keys at `indent` spaces) has not
    /// written yet: unknown is never none, so a realistic filing states them.
    mutating func fill(from start: String.Index, indent: Int, _ schema: ObjectSchema, _ r: inout SyntheticSites.Random) {
        let pad = String(repeating: " ", count: indent)
        var written = Set<String>()
        for line in text[start...].split(separator: "\n") {
            var rest = Substring(line)
            if rest.hasPrefix(pad + "- ") { rest = rest.dropFirst(indent + 2) }
            else if rest.hasPrefix(pad), rest.dropFirst(indent).first != " " { rest = rest.dropFirst(indent) } else { continue }
            if let colon = rest.firstIndex(of: ":") { written.insert(String(rest[..<colon])) }
        }
        // An item's `roles` is left out (every role of the site): listing every role would
        // claim roles the site does not play, an input error (RoleConsistency).
        for field in schema.fields where !written.contains(field.name) && field.derivedFrom == nil && field.name != "roles" {
            switch field.type {
            case .flag: line("\(pad)\(field.name): \(Self.absentByDefault.contains(field.name) ? false : r.chance(0.95))")
            case .list(.choice(let options)): line("\(pad)\(field.name): [\(options.joined(separator: ", "))]")
            default: break
            }
        }
    }
}
