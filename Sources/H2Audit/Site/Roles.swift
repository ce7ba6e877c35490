/// The roles a site plays (`SiteSchema.roles`), as bits: a site's roles and
/// a requirement's are compared with one AND per requirement.
public enum Roles {
    /// The bits of `roles`; names outside `SiteSchema.roles` have none.
    public static func bits(_ roles: [String]) -> UInt64 {
        roles.reduce(0) { mask, role in
            guard let i = SiteSchema.roles.firstIndex(of: role) else { return mask }
            return mask | 1 << UInt64(i)
        }
    }

    /// The role names of `mask`, in schema order.
    public static func names(_ mask: UInt64) -> [String] {
        SiteSchema.roles.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { SiteSchema.roles[$0] }
    }

    /// The roles a validated site states; nil when it states none (a pack example fragment).
    public static func of(_ facts: FactObject) -> UInt64? {
        guard case .list(let items)? = facts.value("roles") else { return nil }
        return items.reduce(0) { mask, item in
            guard case .text(let role) = item.value, let i = SiteSchema.roles.firstIndex(of: role) else { return mask }
            return mask | 1 << UInt64(i)
        }
    }
}

/// A site's content must agree with the roles it declares: requirements
/// apply by role, so a site that describes a production unit, a station, a
/// fleet or a pipeline without declaring the role would have every rule of
/// that role not applicable, and its gaps would vanish (review probe S4).
/// Each contradiction is an input error at the contradicting key.
///
/// Only content that belongs to a role alone counts; equipment that several
/// kinds of site hold (compressors, storage vessels, tube trailers, tanks)
/// proves nothing. One table per kind of evidence, read by the validator and
/// by the schema reference (`h2audit schema`).
public enum RoleConsistency {
    /// The value-chain stages (`stages`) each role takes part in. A written
    /// `stages` list may name only stages of the declared roles, and each
    /// declared role needs one of its stages in the list.
    public static let stagesOfRole: [(role: String, stages: [String])] = [
        ("production", ["production"]),
        ("storage", ["storage"]),
        ("refuelling_station", ["storage", "use"]),
        ("fuel_cell_use", ["storage", "use"]),
        ("industrial_use", ["storage", "use"]),
        ("pipeline", ["transport"]),
        ("transport", ["transport"]),
        ("terminal", ["storage", "transport"]),
    ]

    /// Roles under which a site makes hydrogen: a production plant, an
    /// on-site production station (the packs read its electrolysers,
    /// reformers and oxygen facts as station equipment: KR-HRS-001,
    /// JP-HRS-023, JP-O2-001), and a fuel-cell use facility (the KR Hydrogen
    /// Act counts the electrolysis or extraction unit feeding a fuel cell as
    /// part of the use facility: KR-FC-007, KR-FC-009).
    public static let makingRoles = ["production", "refuelling_station", "fuel_cell_use"]

    /// Fields of `production:` that only a site making hydrogen can state.
    /// The others (filling only from tanks, filling vehicle containers,
    /// outbound vehicle checks, fuel-cell grade supply, purity and quality
    /// tests, carbon intensity and certification, which importers claim too)
    /// describe high-pressure gas "production" by filling or supply, which
    /// terminals and storage sites do as well (JP-PER-003 reads
    /// `production.fill_only_from_tanks` at terminals).
    public static let makingFields = ["method", "o2_in_h2_max", "o2_trip_setpoint", "o2_monitor", "o2_trip", "deoxo",
                                      "gas_sampling_interval", "feed_cutoff_interlock", "tank_contents_display"]

    /// Sections of the site file that describe a role; a section that
    /// states what `what` says needs one of `roles`.
    public static let sectionRoles: [(section: String, roles: [String], what: String)] = [
        ("production", makingRoles, "`production:` facts of making hydrogen"),
        ("station", ["refuelling_station"], "a `station:` section"),
        ("transport", ["transport"], "`transport.vehicles` with at least one vehicle"),
        ("pipelines", ["pipeline"], "`pipelines:` with at least one pipeline"),
    ]

    /// Equipment types that only a site playing one of `roles` holds. An
    /// electrolyser or a reformer makes hydrogen (`makingRoles`); an
    /// ammonia cracker makes hydrogen from imported ammonia and is
    /// production. A dispenser fills vehicles: a refuelling station. A fuel
    /// cell consumes hydrogen: fuel-cell use, or industrial use where the
    /// site models its fuel cells so.
    public static let equipmentRoles: [(type: String, roles: [String])] = [
        ("electrolyser", makingRoles),
        ("reformer", makingRoles),
        ("ammonia_cracker", ["production"]),
        ("dispenser", ["refuelling_station"]),
        ("fuel_cell", ["fuel_cell_use", "industrial_use"]),
    ]

    static func texts(_ value: FactValue?) -> [(text: String, mark: SourceMark)] {
        guard case .list(let items)? = value else { return [] }
        return items.compactMap { if case .text(let s) = $0.value { return (s, $0.mark) } else { return nil } }
    }

    static func list(_ names: [String]) -> String { "[" + names.joined(separator: ", ") + "]" }

    /// "do not include 'x'" / "include none of 'x', 'y'".
    static func lacks(_ roles: [String]) -> String {
        roles.count == 1 ? "do not include '\(roles[0])'" : "include none of " + roles.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// "add 'x' to roles" / "add the one of 'x', 'y' that fits to roles".
    static func add(_ roles: [String]) -> String {
        roles.count == 1 ? "add '\(roles[0])' to roles" : "add the one of " + roles.map { "'\($0)'" }.joined(separator: ", ") + " that fits to roles"
    }

    /// Checks a validated site root; `keyMarks` holds where each of its keys
    /// was written, by slot. Does nothing when the site states no roles (a
    /// pack example fragment) or states them wrongly (already an error).
    @Sendable static func check(_ site: FactObject, keyMarks: [SourceMark?], into diagnostics: inout [Diagnostic]) {
        let roleItems = texts(site.value("roles"))
        guard !roleItems.isEmpty else { return }
        let declared = Set(roleItems.map(\.text))
        var declaredText: String { list(roleItems.map(\.text)) }  // spelled only for a message
        func keyMark(_ name: String) -> SourceMark {
            site.schema.slot(of: name).flatMap { keyMarks.indices.contains($0) ? keyMarks[$0] : nil } ?? site.mark
        }

        // Sections of one role.
        for (section, roles, what) in sectionRoles where declared.isDisjoint(with: roles) {
            let stated: Bool
            var detail = ""
            switch site.value(section) {
            case .object(let o)?:
                switch section {
                case "transport":
                    if case .list(let vehicles)? = o.value("vehicles") { stated = !vehicles.isEmpty } else { stated = false }
                case "production":
                    let written = makingFields.filter { o.states($0) }
                    stated = !written.isEmpty
                    if stated { detail = " (" + written.joined(separator: ", ") + ")" }
                default:
                    stated = o.statesAnything
                }
            case .list(let items)?: stated = !items.isEmpty
            default: stated = false
            }
            if stated {
                diagnostics.append(.error(.roleConflict, at: keyMark(section),
                    "the site has \(what)\(detail), but its roles \(declaredText) \(lacks(roles)): \(add(roles)), or remove \(section == "production" ? "those facts" : "'\(section)'")"))
            }
        }

        // Equipment of one role, and items tied to roles the site does not play.
        if case .list(let items)? = site.value("equipment") {
            for item in items {
                guard case .object(let e) = item.value else { continue }
                let id = e.text("id").map { "'\($0)'" } ?? "an item"
                if let type = e.text("type"), let needed = equipmentRoles.first(where: { $0.type == type })?.roles,
                   declared.isDisjoint(with: needed) {
                    let at = e.schema.slot(of: "type").map { e.mark(at: $0) } ?? e.mark
                    diagnostics.append(.error(.roleConflict, at: at,
                        "equipment \(id) is of type \(type), but the site's roles \(declaredText) \(lacks(needed)): \(add(needed)), or correct the item's type"))
                }
                for own in texts(e.value("roles")) where !declared.contains(own.text) {
                    diagnostics.append(.error(.roleConflict, at: own.mark,
                        "equipment \(id) serves role '\(own.text)', which is not among the site's roles \(declaredText): add '\(own.text)' to the site's roles, or remove it from the item's roles"))
                }
            }
        }

        // A written stages list and the roles.
        guard case .list? = site.value("stages") else { return }
        let stageItems = texts(site.value("stages"))
        let listed = Set(stageItems.map(\.text))
        var stagesText: String { list(stageItems.map(\.text)) }
        var covered = Set<String>()
        for (role, stages) in stagesOfRole where declared.contains(role) { covered.formUnion(stages) }
        for stage in stageItems where !covered.contains(stage.text) {
            let roles = stagesOfRole.filter { $0.stages.contains(stage.text) }.map(\.role)
            diagnostics.append(.error(.roleConflict, at: stage.mark,
                "stage '\(stage.text)' is listed in stages, but none of the site's roles \(declaredText) takes part in it: add the role that does (\(roles.joined(separator: ", "))) to roles, or remove '\(stage.text)' from stages"))
        }
        for item in roleItems {
            guard let stages = stagesOfRole.first(where: { $0.role == item.text })?.stages, listed.isDisjoint(with: stages) else { continue }
            diagnostics.append(.error(.roleConflict, at: item.mark,
                "role '\(item.text)' takes part in stage \(stages.map { "'\($0)'" }.joined(separator: " or ")), which stages \(stagesText) does not list: add \(stages.count == 1 ? "it" : "the one that fits") to stages, or remove '\(item.text)' from roles"))
        }
    }
}
