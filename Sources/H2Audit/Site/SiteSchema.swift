/// The site file schema: every key a site file may use, its type, unit and
/// meaning. Validation, the expression type checker and the generated
/// schema reference (`h2audit schema`) all read this one table.
///
/// Pressures are gauge pressures in both regimes (KR HPGSCA Decree Art. 2;
/// JP HPGSA Art. 2). Gas amounts and flows are at normal conditions
/// (0 °C, 0 Pa gauge): write `Nm3`, `Nm3/h`, `Nm3/d`.
public enum SiteSchema {
    static let length = FieldType.quantity(.length)
    static let pressure = FieldType.quantity(.pressure)
    
    public static let stages = ["production", "storage", "transport", "use"]
    /// The roles a site can play; a site plays one or more, and requirements apply by role.
    public static let roles = ["production", "storage", "refuelling_station", "fuel_cell_use", "industrial_use", "pipeline", "transport", "terminal"]
    static let roleList = FieldType.list(.choice(roles))
    public static let equipmentTypes = [
        "electrolyser", "reformer", "ammonia_cracker", "compressor", "storage_vessel", "tube_trailer",
        "dispenser", "fuel_cell", "lh2_tank", "liquefier", "vaporiser", "precooler", "lh2_pump", "nh3_tank",
    ]

    public static let distances = ObjectSchema("distances", doc: "Shortest distances from this item to the things the rules measure to (detour distance where a rule says so). Each may be a length, a lower bound (`> 100 m`: nothing within 100 m) or `none` (nothing of the kind at any distance); an omitted distance is unknown.", [
        field("protected_class1", length, "To the nearest class-1 protected facility/object (schools, hospitals, theatres, large buildings; KR HPGSCA Rule Annex 2, JP GR Art. 2(1)(v)).", allowsNone: true),
        field("protected_class2", length, "To the nearest class-2 protected facility/object (dwellings; KR: buildings housing people of 100-1,000 m2).", allowsNone: true),
        field("onsite_occupied_building", length, "To the nearest building inside the site where people stay (office, shop, workshop). Write `none` when there is none.", allowsNone: true),
        field("site_boundary", length, "To the site boundary.", allowsNone: true),
        field("public_road", length, "To the boundary of a public road.", allowsNone: true),
        field("railway", length, "To the nearest railway track. Write `none` when there is none.", allowsNone: true),
        field("fire_source", length, "Detour distance to the nearest place that handles fire.", allowsNone: true),
        field("other_flammable_plant", length, "To high-pressure equipment (the parts carrying flammable gas) of another flammable-gas plant. JP: not counting LPG, CNG, LNG or compressed-hydrogen filling stations, which have their own fields (`lpg_station`, `cng_station`, `lng_station`, `h2_station`); a mobile compressed-hydrogen station is counted here, because the JP station items except different lists of them (GR Art. 6(1)(iv), 7-3(1)(xii), 8-2(2)(ii)ニ). Write `none` when there is none.", allowsNone: true),
        field("oxygen_plant", length, "To oxygen high-pressure equipment. Write `none` when there is none.", allowsNone: true),
        field("dispenser", length, "To the nearest hydrogen dispenser.", allowsNone: true),
        field("cng_station", length, "To equipment of a CNG filling station on or next to the site. Write `none` when there is none.", allowsNone: true),
        field("h2_station", length, "JP GR Art. 6(1)(iv), 7-3(1)(xii), (2)(xxix): to the nearest high-pressure part (carrying flammable gas, dispensers and piping included) of a fixed compressed-hydrogen station (for a station: of another station); 6(1)(iv) measures to its processing and storage equipment only, so the nearest part is the conservative figure. A mobile station nearby counts in `other_flammable_plant`. Write `none` when there is none.", allowsNone: true),
        field("lpg_station", length, "JP GR Art. 6(1)(iv), 8-2(2)(ii)ニ: to high-pressure equipment of a liquefied-petroleum-gas filling station (液化石油ガススタンド). Write `none` when there is none.", allowsNone: true),
        field("lng_station", length, "JP GR Art. 6(1)(iv), 8-2(2)(ii)ニ: to high-pressure equipment of a liquefied-natural-gas filling station (液化天然ガススタンド). Write `none` when there is none.", allowsNone: true),
    ])

    public static let blastWall = ObjectSchema("blast_wall", doc: "A protective wall (KR 방호벽; JP 障壁/防火壁) standing between this item and what it protects.", [
        field("material", .choice(["reinforced_concrete", "concrete_block", "steel_plate", "other", "none"]), "What the wall is made of; `none` states that no wall stands at the item (stated absence; KR HPGSCA Rule Annex 5 2.가.4), Annex 4 1.가.7)).", required: true),
        field("height", length, "Height above grade."),
        field("thickness", length, "Wall thickness."),
        field("evidence", .text, "Reference to the document that shows the wall is of equal strength when it is not reinforced concrete of the stated size."),
    ])

    public static let pressureTest = ObjectSchema("pressure_test", doc: "The last strength test of the item.", [
        field("medium", .choice(["liquid", "gas"]), "Test medium.", required: true),
        field("pressure", pressure, "Test pressure (gauge).", required: true),
        field("date", .date, "When it was done.", event: true),
    ])

    public static let leakTest = ObjectSchema("leak_test", doc: "The last airtightness test of the item.", [
        field("pressure", pressure, "Test pressure (gauge).", required: true),
        field("date", .date, "When it was done.", event: true),
    ])

    public static let reliefDevices = ObjectSchema("relief_devices", doc: "Pressure-relief devices fitted to a vessel or a bank of cylinders.", [
        field("per", .choice(["cylinder", "bank"]), "One device per cylinder, or one for the bank."),
        field("set_pressure", pressure, "Set pressure (gauge)."),
        field("rating", .quantity(.gasFlow), "Rated discharge capacity."),
        field("vent_line_secured", .flag, "Vent lines secured against whipping and blockage."),
    ])

    public static let tankSpacing = ObjectSchema("tank spacing", doc: "JP GR Art. 6(1)(v): the distance from a tank to one other flammable-gas or oxygen tank.", [
        field("tank", .text, "Id of the other tank.", required: true),
        field("distance", length, "Shortest distance between the outer faces of the two tanks.", required: true),
    ])

    public static let containerStore = ObjectSchema("container store", doc: "JP GR Art. 7-3(2)(xxxiii): the container store (容器置場) of a station (tube-trailer bay, cylinder store).", [
        field("marked_with_sign", .flag, "JP GR Art. 7-3(2)(xxxiii)イ: store clearly marked, with a warning sign visible from outside."),
        field("sun_shade", .flag, "JP GR Art. 7-3(2)(xxxiii)ハ: shade against direct sunlight that does not stop a blast venting upward (not needed where the receiving piping has a pressure-relief valve)."),
        field("receiving_relief_valve", .flag, "JP GR Art. 7-3(2)(xxxiii)ハ proviso: pressure-relief valve on the piping receiving hydrogen from the containers."),
        field("non_accumulating", .flag, "JP GR Art. 7-3(2)(xxxiii)ニ: built so that leaked gas does not accumulate."),
        field("fire_equipment", .flag, "JP GR Art. 7-3(2)(xxxiii)ホ: fire-fighting equipment scaled to the store at suitable places."),
    ])

    public static let vent = ObjectSchema("vent", doc: "The outlet of a vent stack or relief line.", [
        field("outlet_height", length, "Height of the outlet above grade."),
        field("direction", .choice(["upward", "horizontal", "downward", "angled"]), "Which way it discharges."),
        field("distance_to_openings", length, "To the nearest building opening or air intake.", allowsNone: true),
        field("distance_to_canopy", length, "To the nearest canopy or roof above.", allowsNone: true),
    ])

    public static let equipment = ObjectSchema("equipment item", doc: "One piece of hydrogen equipment.", [
        field("id", .text, "Tag of the item, unique in the site.", required: true),
        field("type", .choice(equipmentTypes), "What the item is.", required: true),
        field("roles", roleList, "The site roles this item serves (e.g. [production] for an electrolyser, [fuel_cell_use] for a fuel cell). Omitted: every role of the site."),
        field("fluid", .choice(["CH2", "LH2", "NH3", "O2"]), "What it holds: compressed hydrogen, liquid hydrogen, ammonia, or oxygen (the oxygen side of an electrolyser). Omitted: LH2 for lh2_tank and lh2_pump, NH3 for nh3_tank, CH2 otherwise."),
        field("description", .text, "Free text."),
        field("indoor", .flag, "Installed inside a building or room."),
        field("buried", .flag, "Installed underground."),
        field("elevated", .flag, "Installed above grade (upper floor, canopy roof)."),
        field("max_operating_pressure", pressure, "Maximum operating (常用 / 상용) pressure, gauge, at the operating temperature."),
        field("pressure_at_35c", pressure, "Gauge pressure the gas would reach at 35 °C, where that is higher than the operating pressure (both laws count compressed gas that reaches 1 MPa at 35 °C as high-pressure gas)."),
        field("max_fill_pressure", pressure, "Maximum filling pressure of a vessel or cylinder (gauge, at 35 °C where the rule says so)."),
        field("internal_volume", .quantity(.volume), "Geometric internal volume (m3, L)."),
        field("storage_capacity", .quantity(.gasVolume), "Storage capacity as gas at normal conditions (KR: Q = (10P + 1)·V1)."),
        field("stored_mass", .quantity(.mass), "Storage capacity of liquefied gas (LH2, NH3) as mass."),
        field("processing_capacity", .quantity(.gasFlow), "Processing capacity (Nm3/d: 24 h of possible running)."),
        field("rated_output", .quantity(.gasFlow), "Rated hydrogen output of a producing unit (Nm3/h)."),
        field("rated_power", .quantity(.power), "Rated electric power (fuel cells, electrolysers)."),
        field("construction", .choice(["steel", "type1", "type2", "type3", "type4"]), "Vessel or cylinder construction (type 3/4 = carbon-fibre composite)."),
        field("wrap", .choice(["full", "hoop"]), "Carbon-fibre wrap of a composite vessel."),
        field("manufactured", .date, "Date of the manufacturing inspection.", event: true),
        field("last_reinspection", .date, "Date of the last statutory re-inspection.", event: true),
        field("last_safety_valve_check", .date, "Last test or adjustment of this item's safety valve (e.g. a compressor's final-stage valve).", event: true),
        field("product_inspection_passed", .flag, "KR: passed the Hydrogen Act product inspection and carries its mark (KC / stamp)."),
        field("product_modified", .flag, "KR: structure or performance changed after the product inspection."),
        field("overpressure_protection", .flag, "Safety valve, rupture disc or other over-pressure device fitted."),
        field("emergency_shutoff", .flag, "Emergency shut-off valve on its piping."),
        field("automatic_shutoff_valves", .integer, "Number of automatic shut-off valves on its send/receive piping."),
        field("explosion_proof_electrics", .flag, "Electrical equipment explosion-proof for the location and gas."),
        field("seismic_design", .flag, "Designed to the statutory seismic standard."),
        field("spill_containment", .flag, "Dike or other spill containment around a liquefied-gas tank."),
        field("heat_protection", .flag, "Protected from radiant heat, UV and rain."),
        field("welded_joints", .flag, "Piping joined by welding (flanges or threads only where welding is unsuitable)."),
        field("collision_protection", .flag, "Out of vehicles' reach or guarded against collision."),
        field("pressure_test", .object(pressureTest), "Last strength test."),
        field("leak_test", .object(leakTest), "Last airtightness (leak) test, distinct from the strength test."),
        field("material_qualified_h2", .flag, "Materials qualified for high-pressure hydrogen (embrittlement)."),
        field("joint_verification", .choice(["torque_records", "second_check", "none"]), "How the assembly of its joints was verified."),
        field("pressure_decay_leak_detection", .flag, "Leaks detected by watching for pressure decay."),
        field("relief_capacity", .quantity(.gasFlow), "Discharge capacity of its pressure-relief device(s)."),
        field("credible_overpressure_flow", .quantity(.gasFlow), "Largest flow the credible over-pressure source can push into it."),
        field("relief_devices", .object(reliefDevices), "Pressure-relief devices of a cylinder bank or vessel."),
        field("vent", .object(vent), "Where its relief or vent line discharges."),
        field("minimum_load", .quantity(.fraction), "Electrolyser: lowest load at which it may run (share of rated load)."),
        field("runs_below_minimum_load", .flag, "Electrolyser: runs below its minimum load (oxygen cross-over grows)."),
        field("distances", .object(distances), "Distances from this item."),
        field("blast_wall", .object(blastWall), "Protective wall at this item."),
        field("storage_group", .text, "Storage units counted together for the distance table (KR HPGSCA Rule Annex 4/5 notes: units connected by piping, within 30 m of each other, or in one structure): give every unit of a group the same name; a unit alone gets its own name."),
        field("onsite_building_protected_class", .choice(["class1", "class2"]), "KR: protected-facility class of the occupied building inside the site nearest to this storage unit (HPGSCA Rule Annex 2; the wall exemption of Annex 4 1.가.7)다) keeps the 1)가) distance for that class)."),
        field("gas_release_device", .flag, "KR: gas-release (blow-down) device on a storage tank holding 5 m3 or more (HPGSCA Rule Annex 4 1.가.3)가), Annex 5 1.가.3))."),
        derived("counted_storage_capacity", .quantity(.gasVolume), "KR: storage capacity that chooses the row of the distance table: the sum over the unit's `storage_group` (liquefied mass counted at 10 kg = 1 m3).", from: "storage_group, storage_capacity, stored_mass of the units of the group"),
        derived("high_pressure_gas", .flag, "Holds high-pressure gas (KR HPGSCA Decree Art. 2; JP HPGSA Art. 2): compressed gas at 1 MPa gauge or more at its operating temperature or at 35 °C; liquefied hydrogen and ammonia (liquefied gas at 0.2 MPa or more at 35 °C or below) always.", from: "fluid, max_operating_pressure (or max_fill_pressure), pressure_at_35c"),
        field("safety_devices", .integer, "JP GR Art. 7-3(2)(x-2): number of safety devices (safety valves, rupture discs) on a liquid-hydrogen tank whose main valves cannot be closed at the same time."),
        field("pressure_relief_valve", .flag, "JP GR Art. 7-3(2)(x-2): pressure-relief valve fitted besides the safety devices (liquid-hydrogen tank)."),
        field("double_walled_piping", .flag, "JP GR Art. 6(1)(xxxvi): ammonia piping double-walled at the necessary places, with leak detection in the annulus."),
        field("abatement", .flag, "JP GR Art. 6(1)(xxxvii): means to abate (neutralise) leaked toxic gas (ammonia) quickly and safely."),
        field("one_frame", .flag, "JP GR Art. 7-3(2)(xiii): accumulator, its receiving piping and emergency shut-off devices placed inside one frame and fixed to it against toppling in earthquakes."),
        field("low_temperature_tank", .flag, "JP GR Art. 2(1)(viii): a low-temperature tank (gas with boiling point of 0 °C or less stored at 0 °C or less, or at 0.1 MPa or less, insulated or refrigerated); liquid-hydrogen tanks always are."),
        field("liquid_test_impractical", .text, "JP GR Art. 6(1)(xi): why a liquid pressure test was impracticable (the gas test at 1.25 times is allowed only then); reference to the record."),
        field("foundation", .flag, "KR: storage tank set on a foundation built to the statutory standard (HPGSCA Rule Annex 4 1.가.2): tanks of 100 m3 or 1 t and more; Hydrogen Rule Annex 5 1.나: production and storage equipment of use facilities, against uneven settlement)."),
        field("vacuum_protection", .flag, "Negative-pressure (vacuum) protection on a liquefied-gas tank (KR HPGSCA Rule Annex 4 1.가.3)라), Annex 5 1.가.3); JP GR Art. 55(1)(xvi): flammable low-temperature tanks of specified consumers)."),
        field("overfill_protection", .flag, "KR: overfill protection on a liquefied-gas tank (HPGSCA Rule Annex 4 1.가.3)라), Annex 5 1.가.3))."),
        field("protective_devices", .flag, "KR: fuel cell, electrolyser or extractor fitted with devices preventing damage, leaks and explosion (Hydrogen Rule Annex 5 1.사.8))."),
        field("room_walls_noncombustible", .flag, "KR: the room housing this indoor production or storage item has non-combustible walls (Hydrogen Rule Annex 5 1.다)."),
        field("room_roof_light", .flag, "KR: the room housing this indoor production or storage item has a light roof of non-combustible or flame-retardant material (Hydrogen Rule Annex 5 1.다)."),
        field("max_diameter", length, "JP GR Art. 6(1)(v): largest diameter of a tank (flammable-gas tanks of 300 m3 / 3,000 kg or more keep 1 m or a quarter of the sum of both tanks' largest diameters from other flammable or oxygen tanks, whichever is larger)."),
        field("tank_spacings", .list(.object(tankSpacing)), "JP GR Art. 6(1)(v): distance from this tank to each other flammable-gas or oxygen tank of 300 m3 / 3,000 kg or more (`[]` for none)."),
        field("tank_fire_measures", .flag, "JP GR Art. 6(1)(v) proviso: fire-prevention and fire-fighting measures effective in place of the tank spacing."),
        field("dike_clearance", length, "JP GR Art. 6(1)(viii): from the outer face of the tank's dike (防液堤) to the nearest equipment or facility that is not on the METI list (`0 m` if one stands inside the dike; `none` if there is none at any distance).", allowsNone: true),
        field("tower_length", length, "JP GR Art. 6(1)(xvii): length of a column (塔) from its highest to its lowest tangent line (5 m or more: seismically designed structure)."),
        field("foundation_settlement_safe", .flag, "JP GR Art. 6(1)(xv), 55(1)(vi): foundation such that uneven settlement causes no harmful strain (piping, pumps, compressors excepted)."),
        field("single_foundation", .flag, "JP GR Art. 6(1)(xv), 55(1)(vi): supports (or bottom) of a tank of 100 m3 / 1 t or more fastened to one foundation."),
        field("settlement_measured", .flag, "JP GR Art. 6(1)(xvi), 55(1)(xxx): settlement of the tank measured as the METI notice prescribes."),
        field("thermometer", .flag, "JP GR Art. 6(1)(xviii): thermometer fitted, with a measure that returns the temperature into the operating range when it is exceeded."),
        field("pressure_gauge", .flag, "JP GR Art. 6(1)(xix): pressure gauge fitted."),
        field("tank_piping_valves", .integer, "JP GR Art. 6(1)(xxiv): valves in series on each send/receive pipe of a flammable, toxic or oxygen tank, the first next to the tank (closed when not in use), not counting the emergency shut-off of item (xxv)."),
        field("below_grade_room", .flag, "JP GR Art. 7-3(1)(i-2)-(i-4): installed in a room below grade."),
        field("double_wall_vacuum", .flag, "JP GR Art. 7-3(1)(i-4): liquid-hydrogen tank of double-shell vacuum-insulated construction."),
        field("sleeve_pipe", .flag, "JP GR Art. 6(1)(xxxvi) proviso: its toxic-gas (ammonia) piping runs inside sleeve pipes or other protective structures that prevent damage to the piping and keep leaked gas from spreading (instead of double-walled piping)."),
        field("heat_activated_relief_valve", .flag, "JP GR Art. 8-2(1)(iii): accumulator of a mobile compressed-hydrogen station fitted at a suitable place with a safety valve that opens at or below a set temperature (熱作動式安全弁)."),
        field("material_suitable", .flag, "JP GR Art. 55(1)(v): materials of this consumption equipment have chemical composition and mechanical properties safe for the gas, its properties, temperature and pressure."),
        field("accumulator", .flag, "JP GR Art. 7-3(1)(iv): a compressed-hydrogen accumulator (蓄圧器) that sends or receives hydrogen, as opposed to a compressed-hydrogen storage tank (貯槽); the station articles count accumulators as tanks only in 7-3(1)(iv) and (2)(vii). Cylinders and cylinder bundles are neither: a container states `accumulator: false, container: true`, a tank (貯槽, GR Art. 2(1)(vii): storage equipment that cannot be moved relative to the ground) `accumulator: false, container: false`."),
        field("container", .flag, "JP GR Art. 2(1)(x), (xi), 6(1)(xlii): the item is a high-pressure gas container (容器: cylinder, cylinder bundle, container fixed to a vehicle), not a tank (貯槽) or an accumulator; filled, it is one of the 充塡容器等 of GR Art. 84(ii), (iv) and 7-3(2)(xxxiii). A `tube_trailer` item always is one; a `storage_vessel` that is a container also states `accumulator: false`."),
    ], derive: ScopeFacts.deriveEquipment)

    public static let permit = ObjectSchema("permit", doc: "A permit, registration or notification held by the site.", [
        field("kind", .choice([
            "manufacture", "manufacture_specific", "storage", "transport_registration", "specified_user",
            "product_manufacture", "supply_plan", "class1_production", "class2_notification", "class1_storage",
            "class2_storage", "specified_consumer", "hspa_plan", "other", "hspa_approval",
        ]), "What the permit is (KR: HPGSCA manufacture/storage/transport, Hydrogen Act product and supply plan; JP: HPGSA class 1/2 production and storage, specified consumer, HSPA plan).", required: true),
        field("authority", .text, "Who issued it."),
        field("number", .text, "Permit number."),
        field("issued", .date, "Date of issue.", event: true),
        field("expires", .date, "Date it lapses, if any."),
        field("filed", .date, "JP: date a notification was filed (HPGSA Art. 5(2)(i): Class 2 production at least 20 days before the business starts; Art. 24-2(1): specified consumption 20 days before it starts). `hspa_approval` (HSPA Arts. 12(1), 17(1)) is a per-site METI approval, not the plan certification `hspa_plan`.", event: true),
        field("business_start", .date, "JP: day the notified business (production, consumption) started or will start (HPGSA Art. 5(2)(i), 24-2(1))."),
    ])

    public static let production = ObjectSchema("production", doc: "How hydrogen is made on the site.", [
        field("method", .choice(["pem_electrolysis", "alkaline_electrolysis", "soec", "smr", "atr", "ammonia_cracking", "byproduct", "other"]), "Production route."),
        field("o2_in_h2_max", .quantity(.fraction), "Highest oxygen content measured in the hydrogen fed to compression."),
        field("o2_trip_setpoint", .quantity(.fraction), "Oxygen content at which compression is stopped automatically."),
        field("o2_monitor", .flag, "Continuous oxygen analyser on the hydrogen stream."),
        field("o2_trip", .flag, "The oxygen analyser trips compression (or production) automatically."),
        field("deoxo", .flag, "Catalytic de-oxidiser (deoxo) unit on the hydrogen stream."),
        field("gas_sampling_interval", .quantity(.duration), "Interval between gas samples at generator, purifier and storage outlets."),
        field("purity", .quantity(.fraction), "Hydrogen purity delivered (lowest in the record)."),
        field("quality_test_interval", .quantity(.duration), "Interval between recorded quality tests."),
        field("feed_cutoff_interlock", .flag, "Automatic feed cut-off / control interlock when the process cannot run normally."),
        field("inert_gas_reserve", .flag, "Reserve of nitrogen, other inert gas or steam for emergencies."),
        field("carbon_intensity", .quantity(.carbonIntensity), "Greenhouse-gas intensity of the hydrogen produced."),
        field("carbon_boundary", .choice(["well_to_gate", "well_to_gate_incl_transport", "gate_to_gate", "well_to_wheel"]), "System boundary of `carbon_intensity`."),
        field("certification_sought", .list(.choice(["kr_clean_hydrogen", "kr_chps_clean_auction", "jp_hspa_low_carbon"])), "Certification or support schemes the producer applies for (`[]` for none)."),
        field("annual_output", .quantity(.mass), "Hydrogen produced per year."),
        field("certification_reporting", .flag, "KR: certified producer reports volumes and buyers quarterly and accepts yearly compliance checks."),
        field("outbound_vehicle_check", .flag, "KR: the safety manager checks each filled tube trailer or tank vehicle for leaks and records it before it leaves."),
        field("hspa_joint_plan", .flag, "JP: a joint supplier-user supply plan under the HSPA (for price-gap support)."),
        field("supplies_fuel_cell_grade", .flag, "KR: the plant holds hydrogen for fuel-cell use (the designated gas of HPGSCA Decree Art. 15-3) for supply, so its quarterly quality inspection applies (HPGSCA Rule Annex 27 1.가)."),
        field("fills_vehicle_containers", .flag, "KR: the plant fills cylinders, tube trailers or vehicle-fixed tanks (HPGSCA Decree Art. 3(1)(3); its filling main gauge is checked monthly, Rule Annex 4 1.나.3)나))."),
        field("tank_contents_display", .flag, "KR: the compressor room always shows the contents of the storage tanks (electrolytic hydrogen plants; HPGSCA Rule Annex 4 1.나.1)가))."),
        field("fill_only_from_tanks", .flag, "JP GR Art. 65(1) table: the site has storage tanks and produces high-pressure gas only by filling (貯槽を設置して専ら高圧ガスの充塡を行う; 甲 technical-manager licence from 2,000,000 m3/day instead of 1,000,000)."),
    ])

    public static let canopy = ObjectSchema("canopy", doc: "Roof over the dispensers.", [
        field("non_combustible", .flag, "Non-combustible or flame-retardant material."),
        field("no_accumulation", .flag, "Shaped so leaked hydrogen cannot accumulate under it."),
        field("equipment_on_roof", .flag, "KR: coolers, control panels, electrical or fire-fighting equipment stand on the canopy or an upper floor (HPGSCA Rule Annex 5 1.가.10)나); allowed from 2021-02-25 per press)."),
        field("structural_check", .flag, "KR: the canopy or upper floor carrying equipment was checked for structural safety by an architect or structural engineer (HPGSCA Rule Annex 5 1.가.10)나))."),
    ])

    public static let station = ObjectSchema("station", doc: "A hydrogen refuelling station (HRS).", [
        field("supply", .choice(["on_site_production", "off_site_tube_trailer", "off_site_pipeline", "liquid_hydrogen"]), "How the station gets its hydrogen.", required: true),
        field("format", .choice(["standard", "package", "mobile", "convergence"]), "Layout (KR special standard for convergence/package/mobile stations)."),
        field("design", .choice(["base", "urban"]), "JP: GR Art. 7-3 para 1 (base, distances to protected objects) or para 2 (urban, boundary distances, walls and shutdown chain)."),
        field("max_operating_pressure", pressure, "The station's normal (常用) maximum operating pressure, gauge."),
        field("dispenser_cutoff_pressure", pressure, "Pressure at which the dispenser stops flow automatically."),
        field("vehicle_max_fill_pressure", pressure, "Maximum filling pressure of the vehicle containers it fills (e.g. 87.5 MPa for 70 MPa NWP)."),
        field("self_service", .flag, "Customers fill their own vehicles."),
        field("sandbox_approval", .flag, "KR: regulatory-sandbox approval for self-service demonstration."),
        field("monitoring_office", .flag, "JP self-service: staffed monitoring office watching equipment, forecourt and customers."),
        field("comms_loss_stop", .flag, "Loss of communication with the monitoring office stops production automatically."),
        field("cybersecurity", .flag, "Control computers protected so cyber events cannot create danger."),
        field("tube_trailers_on_site", .integer, "Most tube trailers on site at once."),
        field("dispensers", .integer, "Number of dispensers."),
        field("capacity", .quantity(.massFlow), "Hydrogen the station can dispense (e.g. 250 kg/d)."),
        field("unloading_bay", .object(distances), "Distances from the place where tube trailers stand to unload."),
        field("canopy", .object(canopy), "Roof over dispensers, if any."),
        field("overfill_prevention", .flag, "Dispenser overfill prevention."),
        field("hose_breakaway", .flag, "Dispenser hose protected against drive-away (breakaway coupling)."),
        field("manual_stop_at_dispenser", .flag, "Manual emergency stop at the dispenser."),
        field("manual_stop_remote", .flag, "Manual emergency stop at a second quickly reachable place."),
        field("seismic_sensor", .flag, "Ground-motion sensor that alarms and stops production."),
        field("fire_detection_dispenser", .flag, "Fire detection around dispensers that alarms and stops."),
        field("fire_detection_accumulator", .flag, "Fire detection at accumulators with alarm, stop and cooling (JP GR Art. 7-3(2)(xix))."),
        field("blast_wall_compressor_dispenser", .flag, "Blast wall between compressor and dispenser."),
        field("blast_wall_storage_dispenser", .flag, "Blast wall between compressed-gas storage and dispenser."),
        field("perimeter_wall", .object(blastWall), "JP urban design: fire wall between high-pressure equipment and the site boundary around the station."),
        field("common_housing", .flag, "Compressor, accumulators and dispenser share one protective housing."),
        field("realtime_feed_to_kgs", .flag, "KR: leak alarms, emergency shut-off and flame detectors reported in real time to KGS."),
        field("portable_leak_detector", .flag, "Portable leak detector kept on site."),
        field("tubing_installer_certified", .flag, "Gas tubing installed by people who completed the KGS tubing-installer course."),
        field("safety_impact_assessment", .date, "KR: date of the KGS safety impact assessment.", event: true),
        field("price_reported", .flag, "KR: sale price reported to the authority and shown on a price board."),
        field("clean_hydrogen_reporting", .flag, "KR: arrangements to report the clean-hydrogen share sold."),
        field("incoming_supply_shutoff", .flag, "Emergency shut-off on piping receiving hydrogen from outside the site."),
        field("excess_flow_prevention", .flag, "Excess-flow prevention between accumulator and dispenser."),
        field("backflow_prevention", .flag, "Backflow prevention between accumulators of different pressure."),
        field("vehicle_stop_distance_to_tank", length, "JP: distance between vehicles and above-ground tanks (unless a guard-rail)."),
        field("ship_bunkering", .flag, "Fills ships."),
        field("bunkering_procedure", .flag, "KR: ship bunkering procedure (calm weather, mooring checked, no repair or other vessels alongside)."),
        field("safety_kit", .flag, "KR: hydrogen leak detector, grounding-resistance tester, thermal imager and standard-gas injector kept on site."),
        field("certified_valves", .flag, "KR: valves and other safety devices carry KS or safety certification."),
        field("accumulator_emergency_release", .flag, "JP: means to release accumulator contents safely in an emergency."),
        field("filling_procedure", .flag, "JP: written filling procedure (disconnect before departure, no harmful moisture or sulphur, no frozen nozzle)."),
        field("self_service_dispenser_features", .flag, "JP self-service: stop position, instructions, static discharge, connection check, nozzle lock, anti-freeze nozzle, stowage check."),
        field("lh2_tanker_bay", .object(distances), "JP: distances from the stopping place of liquid-hydrogen tankers unloading into the station tank."),
        field("guard_rail", .flag, "JP GR Art. 7-3(1)(ix), (2)(xxvi): guard rail or similar protection between above-ground tanks and vehicles being filled (instead of the 3 m stop distance)."),
        field("shutdown_sequence", .flag, "JP GR Art. 7-3(2)(xxii): on any automatic stop the compressor stops automatically and shut-off valves close automatically, their closure is detected, and an abnormal closure state raises an alarm."),
        field("trailer_stop_cooling", .flag, "JP GR Art. 7-3(2)(xv): automatic temperature-rise prevention device, scaled to the equipment, at the place where tube trailers (mobile production equipment) stop to supply hydrogen."),
        field("vehicle_filling_only", .flag, "JP GR Art. 64(2)(v): the station fills only fuel containers fixed to vehicles (no tube trailers or cylinders)."),
        field("accumulator_outlet_relief_valve", .flag, "JP GR Art. 7-3(2)(x): pressure-relief valve on the piping receiving hydrogen from the accumulators that vents before the safety device acts (or the safety valve's vent stack has the same effect)."),
        field("filling_places_notified", .flag, "JP GR Art. 8-2(2)(ii)ヘ, 12-3(2)(i): the mobile station fills only on the site of a Class 1 producer or at places notified in advance to the prefectural governor or designated-city mayor."),
        field("filling_place_notified", .date, "JP METI Ord. No. 10 of 2016, suppl. prov. Art. 2 proviso: the day the place where this mobile station fills (the place this file assesses; the latest, where it covers several) was notified to the governor. A mobile station permitted (HPGSA Art. 5(1)) before 2016-02-26, and so kept under the former rules, is held to GR Art. 8-2(2) at places notified on or after 2016-02-26; the proviso (「改正前の…第八条の基準に適合していると認められた」, applying 8-2(2) only) does not reach stations notified under Art. 5(2).", event: true),
        field("filling_at_class1_site", .flag, "JP GR Art. 8-2(2)(ii)ヘ 「第一種製造者の事業所…内で充塡すること」: the place this file assesses is the site of a Class 1 producer, where the mobile station fills without notifying the place (so it has no `filling_place_notified`). The proviso of METI Ord. No. 10 of 2016, suppl. prov. Art. 2 reaches only places 「施行日以後に…新たに届け出た場所」, so a permitted mobile station kept under the former rules stays under them there."),
        field("construction_started", .date, "JP METI Ord. No. 10 of 2016, suppl. prov. Art. 2 「当該製造施設の設置…のための工事に着手している者」: the day work to install this station began. Recorded as evidence only: the construction branch reaches a facility of the article's items, permitted (HPGSA Art. 5(1)) or notified (Art. 5(2)) 「この省令の施行の際現に」, as METI Ord. No. 85 of 2012, suppl. prov. Art. 2 spells out, so the permit or notification date before 2016-02-26 decides whether a station stays under the former rules, and this date keeps none there on its own.", event: true),
        field("lh2_tanker_leak_shutoff", .flag, "JP GR Art. 8(3)(ii): the send/receive piping fitted to the liquid-hydrogen tanker's container (with its connection) shuts off safely and quickly when liquid hydrogen leaks, or the container has an emergency shut-off device."),
        field("lh2_tanker_drive_away_prevention", .flag, "JP GR Art. 8(3)(iii): measure preventing the liquid-hydrogen tanker from moving off while its filling hose is connected to the station tank."),
        field("lh2_tanker_stop_place_fixed", .flag, "JP GR Art. 8(3)(iv): the tanker's stopping place is fixed in advance, on land the supplier or the station owns or occupies, where contact accidents with other vehicles are unlikely."),
        field("kgs_additional_measures_ref", .text, "KR: reference of the KGS review that accepted additional safety devices in place of the protected-facility and boundary distances (HPGSCA Rule Annex 5 1.가.1)아), 2.가.8))."),
        field("kgs_railway_assessment_ref", .text, "KR: reference of the KGS assessment with upgrades that replaces the 30 m railway distance (HPGSCA Rule Annex 5 1.가.1)사); from 2019-05-21)."),
        field("enlarged", .date, "KR: last relocation of storage, processing or compressed-gas equipment or dispensers, or increase in their number or capacity (HPGSCA Rule Annex 5 1.가.10)라)(2)); `never` if none.", event: true),
        field("fills_non_car_mobility", .flag, "KR: fills hydrogen mobility other than cars (forklifts, excavators, trams, ...; HPGSCA Rule Annex 10 2.자 history, KR-78)."),
        field("non_car_max_fill_pressure", pressure, "KR: highest filling pressure of the non-car mobility containers it fills (gauge)."),
        field("clean_h2_obligation_designated", .flag, "KR: the operator is designated under the Hydrogen Act clean-hydrogen sale/use obligation (Art. 25-5; from 2027-05-31)."),
        field("control_room_status_display", .flag, "KR: the control room shows the status of processing, compressed-gas equipment and safety devices (HPGSCA Rule Annex 5 1.나.1)가))."),
        field("trailer_designated_bay", .flag, "KR: tube trailers stand only in the designated place (HPGSCA Rule Annex 5 2.나.1))."),
        field("trailer_chocked_while_supplying", .flag, "KR: a tube trailer supplying the station is held by wheel chocks (HPGSCA Rule Annex 5 2.나.1))."),
        field("trailers_parked_outside", .flag, "KR: tube trailers are parked outside the station other than while moving (forbidden, HPGSCA Rule Annex 5 2.나.2))."),
        field("self_service_features", .list(.choice(["stop_position_marking", "operating_instructions", "static_discharge", "connection_confirmation", "nozzle_lock", "anti_freeze_nozzle", "stowage_enforced"])), "JP GR Art. 7-4(1)(iv)-(x): self-service dispenser features present (`[]` for none)."),
        field("monitoring_functions", .list(.choice(["status_monitoring", "alarms", "emergency_operation", "visual_check", "customer_instruction", "neighbour_warning"])), "JP GR Art. 7-4(1)(ii)イ-ヘ: what the self-service monitoring office can do (`[]` for none)."),
        field("filling_rules", .list(.choice(["disconnect_before_departure", "no_harmful_moisture_sulphur", "safe_flow_rate", "no_frozen_connection", "lh2_tank_vacuum_kept", "lh2_delivery_vented_warmed"])), "JP GR Art. 7-3(3)(ii)-(vii): operating rules the station's filling procedure contains (`[]` for none)."),
        field("dispenser_leak_prevention", .flag, "JP GR Art. 7-3(1)(v), (2)(viii): leak prevention at the dispenser."),
        field("accumulator_heat_detection", .flag, "JP GR Art. 7-3(2)(xx): detection of temperature rise of accumulators from radiant heat, with alarm, automatic stop and temperature-rise prevention."),
        field("accumulator_heat_alarm_stop", .flag, "JP GR Art. 8-2(2)(ii)イ, 12-3(2)(iii)イ: detection of temperature rise of accumulators from radiant heat that alarms and stops production automatically, i.e. GR Art. 7-3(2)(xx) without its temperature-rise prevention device (「温度の上昇を防止するための装置の設置を除く」); `accumulator_heat_detection: true` states it too."),
        field("lh2_vent_after_warming", .flag, "JP GR Art. 7-3(2)(xi-2): liquid hydrogen is vented only after vaporising and warming, into the vent stack."),
        field("container_receiving_excess_flow", .flag, "JP GR Art. 7-3(1)(xiii), (2)(xxxiii)ト: excess-flow prevention on the piping receiving hydrogen from containers, and pressure reduction where that piping is rated below the containers' fill pressure."),
        field("below_grade_room_roof", .flag, "JP GR Art. 7-3(1)(i-2): the top of rooms below grade holding high-pressure equipment is strong enough."),
        field("below_grade_lh2_room_waterproof", .flag, "JP GR Art. 7-3(1)(i-3): rooms below grade holding liquid-hydrogen tanks are waterproofed."),
        field("container_store", .object(containerStore), "JP GR Art. 7-3(2)(xxxiii): the station's container store."),
        field("sandbox_approval_until", .date, "KR: last day of the regulatory-sandbox (demonstration special case) approval for self-service (Industrial Convergence Promotion Act Art. 10-3: up to 2 years, extendable)."),
        field("canopy_present", .flag, "A roof (canopy) stands over the dispensers (KR HPGSCA Rule Annex 5; JP GR Art. 7-3(1)(viii), (2)(xxiv)); write false when there is none (KGS FP217 2.4.4.2.3, KR-HRS-020; details in canopy)."),
    ])

    public static let cylinders = ObjectSchema("cylinders", doc: "The cylinders or tanks a vehicle carries.", [
        field("construction", .choice(["steel", "type1", "type2", "type3", "type4"]), "Construction (type 3/4 = composite)."),
        field("max_fill_pressure", pressure, "Maximum filling pressure (gauge)."),
        field("manufactured", .date, "Date of the manufacturing inspection (of the oldest cylinder).", event: true),
        field("last_reinspection", .date, "Date of the last re-inspection.", event: true),
        field("internal_volume", .quantity(.volume), "Internal volume of one cylinder or of the tank."),
        field("container_class", .choice(["ch2_transport_vehicle", "general_composite", "other"]), "JP Container Safety Regulations class: 圧縮水素運送自動車用容器 (ch2_transport_vehicle; GR Art. 49(1)(iii), (xxii)), 一般複合容器 (general_composite; GR Art. 49(1)(iii)), or other."),
        field("fill_limit", .date, "JP GR Art. 49(1)(iii): 充塡可能期限年月日 marked on a compressed-hydrogen transport-vehicle container."),
    ])

    public static let vehicle = ObjectSchema("vehicle", doc: "A vehicle carrying hydrogen in vehicle-fixed containers or cylinders.", [
        field("id", .text, "Plate or fleet number.", required: true),
        field("kind", .choice(["tube_trailer", "tank_vehicle", "cylinder_truck", "lh2_tanker"]), "What it is.", required: true),
        field("towed", .flag, "A towed trailer (not a rigid truck)."),
        field("load", .quantity(.gasVolume), "Largest load of compressed gas."),
        field("load_mass", .quantity(.mass), "Largest load of liquefied gas."),
        field("tank_internal_volume", .quantity(.volume), "Internal volume of a vehicle-fixed tank."),
        field("max_route_distance", length, "Longest single trip."),
        field("max_continuous_driving", .quantity(.duration), "Longest continuous driving by one driver."),
        field("max_daily_driving", .quantity(.duration), "Longest daily driving by one driver."),
        field("drivers", .integer, "Drivers on board."),
        field("supervisor_on_board", .flag, "A qualified transport supervisor (KR 운반책임자, JP 移動監視者) rides along."),
        field("warning_sign", .flag, "Hazard warning sign displayed."),
        field("hazard_sheet", .flag, "Written hazard/emergency sheet carried."),
        field("extinguisher", .flag, "Extinguisher and emergency kit carried."),
        field("container_temperature_limit", .quantity(.temperature), "Highest container temperature the operating procedure allows."),
        field("rain_protection", .flag, "Containers protected from rain and direct sun."),
        field("leak_check_each_trip", .flag, "Leak check at the start and end of every trip."),
        field("manifold_relief_valve", .flag, "Tube-trailer manifold over-pressure relief valve."),
        field("manifold_pressure_gauge", .flag, "Tube-trailer manifold pressure gauge."),
        field("emergency_depressurisation_valve", .flag, "Tube-trailer emergency depressurisation valve."),
        field("driver_special_education", .flag, "Driver completed the special course for HP-gas transport."),
        field("emergency_shutoff_temperature", .quantity(.temperature), "Surface temperature at which the vehicle tank's emergency shut-off closes automatically."),
        field("max_distance_between_rests", length, "Longest distance driven between rests."),
        field("destination_lh2_station", .flag, "Delivers liquid hydrogen to station tanks."),
        field("cylinders", .object(cylinders), "The containers carried."),
        field("last_manifold_inspection", .date, "KR: last inspection of the tube-trailer manifold piping and fixing frame (HPGSCA Rule Annex 9-2 1.다; from 2021-02-25).", event: true),
        field("tank_manufactured", .date, "KR: manufacturing inspection of the vehicle-fixed tank (HPGSCA Rule Annex 22 §2 age bands).", event: true),
        field("tank_last_reinspection", .date, "KR: last re-inspection of the vehicle-fixed tank (HPGSCA Rule Annex 22 §2).", event: true),
        field("safety_valve_set_pressure", pressure, "Set pressure of the safety valve of the vehicle-fixed tank or containers (KR: at most 8/10 of the test pressure, HPGSCA Rule Annex 4 1.나.1)하)①)."),
        field("tank_test_pressure", pressure, "Hydrostatic test pressure of the vehicle-fixed tank or containers."),
        field("special_case_approval_until", .date, "KR: last day of a demonstration special case or temporary permit (Industrial Convergence Promotion Act Arts. 10-3, 10-6) covering the vehicle."),
        field("detection_rod", .flag, "KR: tube trailer carries the detection rod (HPGSCA Rule Annex 9-2 1.다)."),
        field("main_valve", .flag, "KR: tube-trailer main valve fitted (HPGSCA Rule Annex 9-2 1.다)."),
        field("cylinders_fixed", .flag, "KR: tube-trailer cylinders fixed to the vehicle (HPGSCA Rule Annex 9-2 1.다)."),
        field("fittings_protected", .flag, "KR: cylinders, valves and fittings protected against damage (HPGSCA Decree Art. 5-4; Rule Annex 9-2 1.나.1), 1.다)."),
        field("valve_open_close_marks", .flag, "KR: valves marked with their open and closed positions (HPGSCA Rule Annex 9-2 1.다)."),
        field("fixing_frame", .flag, "KR: tube-trailer fixing frame strong and durable (HPGSCA Rule Annex 9-2 1.다)."),
        field("level_gauge", .flag, "KR: tank vehicle has a liquid-level gauge (HPGSCA Rule Annex 9-2 1.나.1))."),
        field("thermometer", .flag, "KR: tank vehicle has a thermometer (HPGSCA Rule Annex 9-2 1.나.1))."),
        field("anti_slosh", .flag, "KR: tank vehicle tank has anti-slosh plates (HPGSCA Rule Annex 9-2 1.나.1))."),
        field("wheel_chocks", .flag, "KR: wheel chocks carried and set when parked and while the tank is loaded or unloaded (HPGSCA Rule Annex 9-2 2.가-나; Annex 4 1.나.1)파): tanks of 2,000 L or more)."),
        field("parking_procedure", .flag, "KR: written procedure: park away from protected facilities, footbridges and overpasses, engine off and parking brake set (HPGSCA Rule Annex 9-2 2.가-나)."),
        field("crew_never_both_away", .flag, "KR: driver and transport supervisor never both leave the vehicle (HPGSCA Rule Annex 9-2 2.가-나)."),
        field("monitor_licence_carried", .flag, "JP GR Art. 49(1)(xviii): the transport monitor always carries the licence or the course certificate."),
        field("emergency_arrangements", .flag, "JP GR Art. 49(1)(xix)イ-ハ: arrangements made in advance to reach the consignor, get help from a mutual-aid body or nearby gas handlers, and limit a disaster."),
        field("route_avoids_crowds", .flag, "JP GR Art. 49(1)(xx)イ: the route avoids busy streets and crowds (unless a large detour or unavoidable)."),
    ])

    public static let transport = ObjectSchema("transport", doc: "Road transport operated by the site.", [
        field("vehicles", .list(.object(vehicle)), "The fleet (`[]` for none)."),
    ])

    public static let pipeline = ObjectSchema("pipeline", doc: "A hydrogen pipeline (導管, 배관) leaving the site or between sites.", [
        field("id", .text, "Line tag.", required: true),
        field("fluid", .choice(["CH2", "NH3"]), "Gas carried.", default: .text("CH2")),
        field("max_operating_pressure", pressure, "Maximum operating pressure (gauge)."),
        field("pressure_at_35c", pressure, "Gauge pressure the gas would reach at 35 °C, where higher than the operating pressure."),
        field("length", length, "Route length."),
        field("burial_depth", length, "Smallest depth of cover where buried."),
        field("buried", .flag, "Laid underground."),
        field("under_buildings", .flag, "Runs inside or under buildings."),
        field("unstable_ground", .flag, "Crosses ground liable to slides or subsidence."),
        field("markers", .flag, "Route markers in place."),
        field("corrosion_protection", .flag, "Coating and cathodic protection."),
        field("overpressure_protection", .flag, "Over-pressure protection."),
        field("emergency_communication", .flag, "Emergency communication between the sites it connects."),
        field("pressure_test", .object(pressureTest), "Last strength test."),
        field("leak_test", .object(leakTest), "JP GR Art. 6(1)(xliii)ホ: last airtightness test of the line (at the operating pressure or more)."),
        field("liquid_test_impractical", .text, "JP GR Art. 6(1)(xliii)ホ: why a liquid pressure test was impracticable (the gas test at 1.25 times is allowed only then); reference to the record."),
        field("stress_absorption", .flag, "JP GR Art. 6(1)(xliii)ト: measures absorbing stress (expansion loops, flexible sections)."),
        field("over_temperature_protection", .flag, "JP GR Art. 6(1)(xliii)チ: measures keeping the line within its operating temperature."),
        derived("high_pressure_gas", .flag, "Carries high-pressure gas: compressed gas at 1 MPa gauge or more (at the operating temperature or at 35 °C).", from: "max_operating_pressure, pressure_at_35c"),
    ], derive: ScopeFacts.derivePipeline)

    public static let leakDetection = ObjectSchema("leak_detection", doc: "Fixed hydrogen (or ammonia) gas detection.", [
        field("installed", .flag, "Detectors installed where leaks can accumulate.", required: true),
        field("automatic_shutdown", .flag, "Detection stops production / closes valves automatically."),
    ])

    public static let safety = ObjectSchema("safety", doc: "Site-wide safety systems.", [
        field("leak_detection", .object(leakDetection), "Gas detection."),
        field("flame_detection", .flag, "Hydrogen flame detectors."),
        field("fire_extinguishing", .flag, "Fire-fighting equipment scaled to the site."),
        field("static_elimination", .flag, "Anti-static measures (grounding, bonding)."),
        field("ventilation", .flag, "Ventilation so leaked hydrogen cannot accumulate indoors."),
        field("vent_stack", .flag, "Vent stack / flare for relief discharges."),
        field("emergency_shutdown", .flag, "Emergency shutdown system."),
        field("emergency_power", .flag, "Emergency power for safety controls."),
        field("emergency_communication", .flag, "Emergency communication means."),
        field("warning_signs", .flag, "Warning signs visible from outside."),
        field("boundary_fence", .flag, "Site boundary marked or fenced."),
        field("leak_flow_prevention", .flag, "Measure preventing leaked gas from flowing to fire-handling places."),
        field("fire_interlock", .flag, "Leak detection interlocked to extinguish nearby fire."),
        field("emergency_leak_shutoff", .flag, "Emergency leak shut-off device (KR Roadmap 2.0 item)."),
        field("precision_safety_diagnosis", .date, "Date of the last precision safety diagnosis (KR 정밀안전진단).", event: true),
        field("compressor_barrier", .object(blastWall), "Wall between compressor and the filling place or container store."),
        field("thread_gauge_checks", .flag, "Threaded joints in service at 19.6 MPa or more checked with a thread gauge."),
        field("ventilation_opening_ratio", .quantity(.fraction), "Ventilation opening area per floor area of rooms with hydrogen equipment (300 cm2 per m2 = 3 %)."),
        field("temperature_rise_prevention", .flag, "KR: measures preventing the temperature of hydrogen storage from rising (cooling water, shading; Hydrogen Rule Annex 5 1.아.2), HPGSCA Rule Annex 4 1.가.7)사))."),
        field("corrosion_protection", .flag, "KR: corrosion protection of gas equipment and piping (HPGSCA Rule Annex 4 1.가.6)바), Annex 5 1.가.6); Hydrogen Rule Annex 5 1.사.6))."),
        field("check_valves_flame_arresters", .flag, "KR: check valves and flame arresters fitted where the rule finds them needed (HPGSCA Rule Annex 4 1.가.6)다), Annex 5 1.가.6))."),
        field("pressure_gauges", .flag, "KR: pressure gauges (and level and temperature gauges where fitted equipment needs them) on the gas equipment (HPGSCA Rule Annex 4 1.가.7)-9), Annex 5 1.가.6)-9))."),
        field("supply_regulator_meter_valve", .flag, "KR: fuel supply line has a pressure regulator, a gas meter and an intermediate valve (Hydrogen Rule Annex 5 1.라.5))."),
        field("piping_marked", .flag, "KR: gas piping marked with the gas it carries and its flow direction (HPGSCA Rule Annex 4 1.나.1)바); Hydrogen Rule Annex 5 1.마.8))."),
        field("valve_direction_marks", .flag, "KR: valves marked with their opening and closing direction (HPGSCA Rule Annex 4 1.나.1)바); Annex 5 1.나.1)라))."),
        field("critical_valves_locked", .flag, "KR: rarely operated valves important to safety are locked or sealed (HPGSCA Rule Annex 4 1.나.1)바))."),
        field("valve_station_footing_lighting", .flag, "KR: footing and lighting at places where valves are operated (HPGSCA Rule Annex 4 1.나.1)바)④)."),
        field("relief_stop_valves_open", .flag, "KR: stop valves on safety-valve lines kept fully open (HPGSCA Rule Annex 4 1.나.1)사))."),
        field("ammonia_backflow_prevention", .flag, "JP GR Art. 55(1)(xv): backflow prevention device on the piping between the pressure-reducing equipment and the reaction (incl. combustion) equipment of liquid-ammonia consumption."),
        field("valve_operation_aids", .flag, "JP GR Art. 55(1)(xxix): valves and cocks of the consumption equipment carry measures that let workers operate them correctly (open/close direction and state shown, reachable)."),
    ])

    public static let completion = ObjectSchema("completion", doc: "Completion inspection before first use.", [
        field("passed", .flag, "Passed.", required: true),
        field("date", .date, "Date of the completion certificate.", event: true),
    ])

    public static let inspections = ObjectSchema("inspections", doc: "Statutory inspections and checks.", [
        field("completion", .object(completion), "Completion inspection."),
        field("last_periodic", .date, "Last periodic (KR 정기검사) or annual safety (JP 保安検査) inspection.", event: true),
        field("accredited_operator", .flag, "JP: accredited safety inspection operator (window ± 3 months)."),
        field("last_self_inspection", .date, "Last periodic self-inspection (JP 定期自主検査).", event: true),
        field("self_inspection_records", .flag, "Self-inspection records keep facility, method and result, date and supervising officer."),
        field("daily_checks", .flag, "Equipment checked at start and end of use and at least daily, with records."),
        field("last_quality_inspection", .date, "Last hydrogen quality inspection (KR: at least quarterly).", event: true),
        field("last_gauge_calibration", .date, "Last check of pressure gauges against a standard gauge.", event: true),
        field("last_filling_gauge_check", .date, "Last check of the pressure gauge on the filling main (KR: monthly).", event: true),
        field("last_safety_valve_check", .date, "Last adjustment or test of safety valves.", event: true),
        field("intermediate_passed", .flag, "KR: intermediate inspections at the listed construction stages passed (HPGSCA Rule Annex 4 1.다, 2.다, 3.다; Annex 5 1.다.1))."),
        field("last_specified_modification", .date, "JP HPGSA Art. 20(3): completion of the last specified modification work (特定変更工事) of permitted facilities; `never` if none.", event: true),
        field("modification_inspection", .date, "JP HPGSA Art. 20(3): date the completion inspection of that modification work was passed.", event: true),
        field("self_inspection_supervisor", .text, "JP GR Art. 83(4): name of the appointed 保安係員 (specified consumers: 取扱主任者) who supervised the last self-inspection."),
    ])

    public static let manager = ObjectSchema("safety manager", doc: "A person appointed to a statutory safety role.", [
        field("name", .text, "Name or post.", required: true),
        field("role", .choice(["general_manager", "deputy_manager", "responsible_manager", "safety_staff", "station_supervisor", "transport_supervisor", "planning_promoter", "chief_officer"]), "Role (KR 총괄자/부총괄자/책임자/안전관리원; JP 保安監督者).", required: true),
        field("licence", .choice([
            "kr_gas_engineer", "kr_gas_industrial_engineer", "kr_gas_craftsman", "kr_hrs_manager_course", "kr_general_facility_course",
            "jp_chemical_a", "jp_chemical_b", "jp_chemical_c", "jp_mechanical_a", "jp_mechanical_b", "none", "other",
        ]), "Qualification held."),
        field("appointed", .date, "Date of appointment.", event: true),
        field("last_training", .date, "Date of the last statutory safety training.", event: true),
        field("hydrogen_experience", .quantity(.calendar), "Experience in hydrogen production (months or years)."),
        field("licence_issued", .date, "JP GR Art. 68(1): date the production safety licence (製造保安責任者免状) was issued (first course due within 3 years from the start of the next fiscal year).", event: true),
        field("qualifying_course", .date, "KR: date the qualifying course (양성교육) was completed; a graduate of less than a year may take the specialist course up to 6 months after the year (HPGSCA Rule Annex 31 비고 4).", event: true),
        field("course_due", .date, "JP GR Art. 68(1)-(3): last day of the current statutory-course period (first course: 3 years from 1 April after the licence year; later: 5 years from 1 April after the previous course year; late appointment or promoter: 6 months from appointment)."),
        field("station_course", .flag, "JP GR Art. 64(2)(v)ロ, ハ: completed the course on high-pressure gas production at compressed-hydrogen stations (圧縮水素スタンドにおける高圧ガスの製造に関する講習)."),
        field("cng_station_experience", .quantity(.calendar), "JP GR Art. 64(2)(v)ロ: experience in high-pressure gas production at compressed-natural-gas stations (months or years)."),
        field("flammable_gas_experience", .quantity(.calendar), "JP GR Art. 64(2)(v)ハ: experience in the production of flammable gas (months or years)."),
    ])

    public static let productionFacility = ObjectSchema("production facility", doc: "JP GR Art. 66(1), (2): one production facility (製造施設) of the site, for the count of safety officers (保安係員). Facilities of one production facility class (製造施設区分) that each form a single series without shift work may be listed as one entry, since GR Art. 66(2) counts officers per class and only a facility formed in series or run in shifts per series or shift unit.", [
        field("name", .text, "Name or tag of the facility.", required: true),
        field("facility_class", .choice(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi"]), "GR Art. 66(1) item of its production facility class, e.g. `viii` (ammonia or methanol production), `xiv` (hydrogen made for the production of other high-pressure gas), `xvi` (other high-pressure gas production facilities)."),
        field("series", .integer, "GR Art. 66(2): series (系列) the facility is formed into that are not controlled from the same control room (1 for a single series)."),
        field("shift_units", .integer, "GR Art. 66(2): staff units (従業員の単位) formed for shift work at the facility (1 without shift work)."),
    ])

    public static let personnel = ObjectSchema("personnel", doc: "Safety organisation.", [
        field("safety_managers", .list(.object(manager)), "Appointed safety personnel (`[]` for none)."),
        field("attendants_trained", .flag, "Station attendants completed the special filling course."),
        field("vacancy", .quantity(.duration), "KR: how long the longest unfilled statutory safety post has been vacant (`0 d` when every post is filled; HPGSCA Art. 15: replacement within 30 days)."),
        field("deputy_during_vacancy", .flag, "KR: a deputy acts in a vacant safety post (HPGSCA Decree Art. 13(4)-(5), 2004 text)."),
        field("appointments_reported", .flag, "KR: appointments of safety managers reported to the authority (HPGSCA Art. 15)."),
        field("production_facilities", .list(.object(productionFacility)), "JP GR Art. 66(1), (2): the production facilities (製造施設) for which safety officers (保安係員) are appointed (`[]` for none)."),
        field("appointments_notified", .flag, "JP HPGSA Art. 27-2(5), (6), 27-3(3); GR Art. 67, 71: every appointment or dismissal notice due by the as-of date has been filed: the 保安統括者 without delay; technical managers, safety officers and, where appointed, 保安主任者 and 保安企画推進員 for each completed 1 August - 31 July period (an appointment in the running period is not yet due)."),
    ])

    public static let management = ObjectSchema("management", doc: "Safety management documents and arrangements.", [
        field("safety_rules_filed", .flag, "Safety-management rules (KR 안전관리규정; JP 危害予防規程) filed with the authority."),
        field("education_plan", .flag, "Written safety-education plan carried out."),
        field("liability_insurance_until", .date, "End of the current gas-accident liability insurance."),
        field("accident_reporting_procedure", .flag, "Procedure to report gas accidents to the authority/KGS without delay."),
        field("supply_plan_filed", .flag, "KR: hydrogen supply/production plan filed (Hydrogen Act Art. 20)."),
        field("tsunami_inundation_depth", length, "JP GR Art. 63(9): assumed tsunami inundation depth at the site (Act on Tsunami Disaster Prevention Community Development Art. 8(1)); `0 m` outside an assumption area."),
        field("tsunami_damage_estimate", .flag, "JP GR Art. 63(9)(iv): hazard-prevention rules contain the tsunami damage estimate given to the governor and mayors."),
        field("tsunami_outflow_prevention", .flag, "JP GR Art. 63(9)(v): hazard-prevention rules contain container outflow prevention and recovery."),
        field("staff_education", .flag, "JP HPGSA Art. 27(4): staff given safety education (Class 2 producers, storage-site holders, specified consumers)."),
        field("tsunami_vehicle_containers_only", .flag, "JP GR Art. 63(9)(v): the filled containers the site holds are only containers fixed to vehicles (tube trailers, tank lorries), for which the outflow items are needed only above 2 m of inundation (1 m for other containers)."),
        field("earthquake_areas", .list(.choice(["strengthening_area", "nankai_trough", "japan_kuril_trench"])), "JP GR Art. 63(3), (5), (7): earthquake areas whose extra hazard-prevention items bind this site: Large-Scale Earthquake Act strengthening area, Nankai Trough or Japan/Kuril Trench promotion area (for the two trench areas only sites of persons named in the basic plan; not sites of persons under Art. 6(1) / 5(1) of those Acts); `[]` for none."),
        field("earthquake_items_in_rules", .list(.choice(["strengthening_area", "nankai_trough", "japan_kuril_trench"])), "JP GR Art. 63(3), (5), (7): areas whose extra items (warning transmission, evacuation, staff, equipment checks, tsunami evacuation, drills, education) the filed hazard-prevention rules contain (`[]` for none)."),
        field("emergency_measures", .list(.choice(["stop_and_make_safe", "move_containers", "evacuate_nonessential", "warn_evacuation", "damaged_container_release"])), "JP GR Art. 84: emergency measures the site's written emergency procedure contains: (i) stop production or consumption and move the gas to safety or vent it safely; (ii) move filled containers to safety; (i)/(ii) withdraw workers not needed; (iii) warn staff and, where needed, neighbours to evacuate; (iv) release or sink damaged containers (`[]` for none)."),
        field("consumption_practices", .list(.choice(["facility_checks", "repair_work_control", "valve_force_limited"])), "JP GR Art. 55(2)(iii), (v), (vi): practices of a specified consumer's written rules: check the consumption facility for abnormalities and repair before consuming; repair or cleaning under a work plan with a responsible person (safe opening, isolation, function check before restart); no excessive force on valves (`[]` for none)."),
    ])

    public static let waiver = ObjectSchema("waiver", doc: "An approved exception to one requirement.", [
        field("requirement", .text, "Id of the requirement waived.", required: true),
        field("justification", .text, "Why the exception is acceptable.", required: true),
        field("approver", .text, "Who approved it (authority and reference).", required: true),
        field("expires", .date, "Last day the waiver is valid.", required: true),
    ])

    public static let equivalentMeasure = ObjectSchema("equivalent measure", doc: "A measure claimed as equivalent to what a requirement prescribes, where the rule allows \"or equivalent measures\".", [
        field("requirement", .text, "Id of the requirement.", required: true),
        field("description", .text, "What was done instead.", required: true),
        field("evidence", .text, "Reference to the assessment, approval or drawing that shows equivalence. Without it the claim is missing evidence."),
    ])

    public static let gasMeter = ObjectSchema("gas meter", doc: "KR: the hydrogen gas meter of a fuel use facility in a building.", [
        field("distance_to_electric_meter", length, "To the electric meter or switch."),
        field("distance_to_chimney", length, "To an uninsulated chimney, switch or socket."),
        field("distance_to_wire", length, "To an uninsulated electric wire."),
        field("riser_valve_height", length, "Height of the riser valve above the floor."),
    ])

    /// Every field that keeps a value when a site file omits it, and why the
    /// value decides nothing silently. A test fails on a default missing here.
    public static let keptDefaults: [(field: String, value: String, why: String)] = [
        ("equipment item.fluid", "LH2 for lh2_tank and lh2_pump, NH3 for nh3_tank, CH2 otherwise",
         "the item's type names what it holds; a tank of another fluid says so (`fluid: O2`)"),
        ("pipeline.fluid", "CH2", "h2audit checks hydrogen pipelines; an ammonia line says `fluid: NH3`"),
        ("site.waivers", "[]", "waivers are exceptions the filing claims, not facts about the site: none claimed means none"),
        ("site.equivalent_measures", "[]", "the same: equivalent measures are claims, and an unclaimed one cannot count"),
        ("equipment item.roles", "every role of the site", "an item serves the site as a whole unless the file ties it to some of its roles"),
    ]

    /// Legal scope facts of the whole site, derived once (see `ScopeFacts`).
    public static let scope = ObjectSchema("scope", doc: "Legal scope facts h2audit derives from the site's facts (shown by `h2audit explain`); a site file never writes them.", [
        derived("high_pressure_gas", .flag, "Some equipment or pipeline holds high-pressure gas.", from: "equipment[].high_pressure_gas, pipelines[].high_pressure_gas"),
        derived("processing_capacity", .quantity(.gasFlow), "Total daily processing capacity of the high-pressure gas processing units (compressors, pumps, vaporisers, liquefiers, and producing units that deliver high-pressure gas), at 0 °C and 0 Pa gauge.", from: "equipment[].processing_capacity of high-pressure processing units"),
        derived("compressed_storage_capacity", .quantity(.gasVolume), "Total storage capacity of compressed-gas storage (vessels, tube trailers kept as storage).", from: "equipment[].storage_capacity"),
        derived("liquefied_storage_mass", .quantity(.mass), "Total storage capacity of liquefied-gas tanks, as mass.", from: "equipment[].stored_mass"),
        derived("jp_storage_capacity", .quantity(.gasVolume), "JP: storage capacity with liquefied gas counted at 10 kg = 1 m3 (HPGSA Art. 16(3)).", from: "compressed_storage_capacity, liquefied_storage_mass"),
        derived("jp_production_class", .choice(["class1", "class2", "none"]), "JP: class 1 producer (permit, HPGSA Art. 5(1)(i): processing capacity 100 m3/day or more), class 2 (notification, Art. 5(2)), or none (no high-pressure gas).", from: "high_pressure_gas, processing_capacity"),
    ])

    /// The root of a site file.
    public static let site = ObjectSchema("site", doc: "A hydrogen site: one or more roles at one place.", [
        field("id", .text, "Stable identifier of the site.", required: true),
        field("name", .text, "Name of the facility.", required: true),
        field("operator", .text, "Company operating it."),
        field("country", .choice(["KR", "JP"]), "Jurisdiction.", required: true),
        field("roles", roleList, "Every role the site plays: production, storage, refuelling_station, fuel_cell_use (feeds a fuel cell), industrial_use (uses hydrogen as feedstock or fuel), pipeline, transport (a fleet), terminal. Requirements apply by role.", required: true),
        field("stages", .list(.choice(stages)), "Value-chain stages on the site (informational)."),
        field("address", .text, "Where it is."),
        field("zone", .choice(["industrial", "commercial", "residential", "mixed", "rural", "port"]), "Land-use zone."),
        field("commissioned", .date, "Start of operation (or planned start)."),
        field("multi_use_facility", .flag, "KR: inside a multi-use facility (expressway service area, station, mall, hospital ...)."),
        field("gas_meter", .object(gasMeter), "KR fuel use facilities: the hydrogen gas meter."),
        field("permits", .list(.object(permit)), "Permits, registrations and notifications (`[]` for none; omitted: unknown)."),
        field("equipment", .list(.object(equipment)), "Hydrogen equipment (`[]` for none; omitted: unknown)."),
        field("production", .object(production), "Production details (production role)."),
        field("station", .object(station), "Refuelling-station details."),
        field("transport", .object(transport), "Road transport (transport role)."),
        field("pipelines", .list(.object(pipeline)), "Pipelines (`[]` for none; omitted: unknown)."),
        field("safety", .object(safety), "Site-wide safety systems."),
        field("inspections", .object(inspections), "Inspections and checks."),
        field("personnel", .object(personnel), "Safety organisation."),
        field("management", .object(management), "Safety management."),
        field("waivers", .list(.object(waiver)), "Approved exceptions.", default: .list([])),
        field("equivalent_measures", .list(.object(equivalentMeasure)), "Equivalent measures claimed.", default: .list([])),
        field("notes", .text, "Free text."),
        field("piped_supply", .flag, "JP HPGSA Art. 24-2(1): receives the gas it consumes by pipeline (導管) from another site (then a specified high-pressure gas consumer at any storage capacity)."),
        field("gas_meter_present", .flag, "KR fuel use facilities: a hydrogen gas meter is fitted; write false when there is none (Hydrogen Act Rule Annex 5 1.가.4)-5), KR-FC-006; details in gas_meter)."),
        derived("scope", .object(scope), "Legal scope facts, derived by h2audit (see `h2audit explain`).", from: "equipment, pipelines"),
    ], derive: ScopeFacts.deriveSite, consistency: { site, keyMarks, diagnostics in
        RoleConsistency.check(site, keyMarks: keyMarks, into: &diagnostics)
    })
}
