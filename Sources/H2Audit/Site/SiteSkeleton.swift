/// A skeleton site file for `h2audit init`: every key that a requirement
/// applicable under the given country and roles may read (found from the
/// requirements' compiled conditions, `CompiledExpression.readPaths`), each
/// with what it means, its type or unit, and the requirements that read it.
///
/// Unknowns are placeholders that `check` reports as missing evidence: a
/// key written `~` (null: no value, the same as an omitted key for every
/// field without a default), and a list or an object with required keys
/// written `~` with its keys commented out below it, to be copied in once
/// known. The four required keys are filled from the arguments.
public enum SiteSkeleton {
    /// A site path read by requirements, with their ids in pack order.
    public struct Key: Sendable, Equatable {
        public var path: String
        public var requirements: [String]
    }

    /// The requirements that apply under `roles` in the packs of `country`,
    /// leaving out those superseded before `asOf`.
    public static func applicable(packs: [RequirementPack], country: String, roles: [String], asOf: Day) -> [Requirement] {
        let mask = Roles.bits(roles)
        return packs.filter { $0.country == country }.flatMap(\.requirements).filter { requirement in
            guard requirement.roleMask & mask != 0 else { return false }
            if let until = requirement.untilLatest ?? requirement.until, asOf > until { return false }
            return true
        }
    }

    /// Every site path the requirements read, derived facts replaced by the
    /// facts a file writes for them (`ScopeFacts.inputPaths`), with the ids
    /// of the requirements that read each, in the order first read.
    public static func keys(of requirements: [Requirement]) -> [Key] {
        var order: [String] = []
        var readers: [String: [String]] = [:]
        for requirement in requirements {
            var paths: [String] = []
            for expression in [requirement.applies].compactMap({ $0 }) + requirement.alternatives.map(\.condition) {
                for path in expression.readPaths {
                    paths += ScopeFacts.inputPaths(of: path) ?? [path]
                }
            }
            for path in paths {
                if readers[path] == nil { order.append(path) }
                if readers[path, default: []].last != requirement.id { readers[path, default: []].append(requirement.id) }
            }
        }
        // A path through which a deeper one is read is not a key of its own.
        let leaves = order.filter { path in
            !order.contains { $0 != path && ($0.hasPrefix(path + ".") || $0.hasPrefix(path + "[]")) }
        }
        return leaves.map { Key(path: $0, requirements: readers[$0]!) }
    }

    /// Sections and fields a site of `roles` may not state (`RoleConsistency`):
    /// left out of its skeleton, as stating them would contradict the roles.
    static func forbidden(roles: [String]) -> (sections: Set<String>, productionFields: Set<String>) {
        let declared = Set(roles)
        var sections = Set<String>(), production = Set<String>()
        for (section, needed, _) in RoleConsistency.sectionRoles where declared.isDisjoint(with: needed) {
            if section == "production" { production = Set(RoleConsistency.makingFields) } else { sections.insert(section) }
        }
        return (sections, production)
    }

    /// The skeleton file. `command` is the command line that wrote it, quoted in its header.
    public static func yaml(packs: [RequirementPack], country: String, roles: [String], id: String, name: String,
                            asOf: Day, command: String, schemaLine: String? = nil) -> String {
        let requirements = applicable(packs: packs, country: country, roles: roles, asOf: asOf)
        let (sections, productionFields) = forbidden(roles: roles)
        let keys = keys(of: requirements).filter { key in
            let head = String(key.path.prefix { $0 != "." && $0 != "[" })
            if sections.contains(head) { return false }
            if head == "production", productionFields.contains(String(key.path.dropFirst("production.".count))) { return false }
            return true
        }
        var readers: [String: [String]] = [:]
        for key in keys { readers[key.path] = key.requirements }
        let packNames = packs.filter { $0.country == country }.map { "\($0.id) \($0.version)" }.joined(separator: ", ")

        var lines: [String] = []
        if let schemaLine { lines.append(schemaLine) }
        lines += [
            "# Site file skeleton, written by `\(command)`.",
            "# Every key below is read by a requirement of \(packNames) that applies under the roles",
            "# \(roles.joined(separator: ", ")) (\(requirements.count) requirements); each comment names its type or unit",
            "# and the requirements that read it. `~` is unknown: `h2audit check` reports it as missing",
            "# evidence until you state it. State absence too: `none` for a distance to nothing,",
            "# a bound such as '> 100 m', `never` for a check never done, `[]` for an empty list.",
            "# Lists and objects written `~` have their keys commented out below them: write the",
            "# items in their place (`h2audit check FILE --todo` lists what is still unknown).",
            "",
        ]
        var writer = Writer(readers: readers)
        writer.object(SiteSchema.site, prefix: "", indent: "", commented: false, required: [
            "id": id, "name": name, "country": country, "roles": "[" + roles.joined(separator: ", ") + "]",
        ])
        lines += writer.lines
        return lines.joined(separator: "\n") + "\n"
    }

    /// The words of a field's type in a comment: unit, choices, and the stated absences it takes.
    static func typeWords(_ spec: FieldSpec) -> String {
        var words: String
        switch spec.type {
        case .quantity(let kind):
            words = kind.noun + " with a unit, e.g. `" + example(kind) + "`"
            if kind == .pressure { words += " (gauge)" }
            words += ", or a bound such as `> " + example(kind) + "`"
        case .choice(let options): words = "one of " + options.joined(separator: ", ")
        case .list(.choice(let options)): words = "list of: " + options.joined(separator: ", ")
        case .flag: words = "true or false"
        default: words = spec.type.name
        }
        if spec.allowsNone { words += ", or `none`" }
        if spec.isEvent { words += ", or `never`" }
        return words
    }

    static func example(_ kind: QuantityKind) -> String {
        "1 " + kind.canonicalSymbol
    }

    struct Writer {
        let readers: [String: [String]]
        var lines: [String] = []

        /// The ids of the requirements reading `path` or anything below it.
        func readers(under path: String) -> [String] {
            var ids: [String] = []
            for (key, list) in readers.sorted(by: { $0.key < $1.key })
            where key == path || key.hasPrefix(path + ".") || key.hasPrefix(path + "[]") {
                for id in list where !ids.contains(id) { ids.append(id) }
            }
            return ids.sorted()
        }

        static func needed(_ ids: [String]) -> String {
            guard !ids.isEmpty else { return "" }
            if ids.count <= 8 { return "; read by " + ids.joined(separator: ", ") }
            return "; read by " + ids.prefix(8).joined(separator: ", ") + " and \(ids.count - 8) more"
        }

        mutating func emit(_ indent: String, _ commented: Bool, _ text: String, comment: String? = nil) {
            var line = (commented ? "# " : "") + indent + text
            if let comment {
                let pad = max(1, 40 - line.count)
                line += String(repeating: " ", count: pad) + "# " + comment
            }
            lines.append(line)
        }

        /// Writes the keys of `schema` read below `prefix`; `required` gives the
        /// values of the required keys of the root, and inside a commented
        /// template every required key is written so that the item is whole.
        mutating func object(_ schema: ObjectSchema, prefix: String, indent: String, commented: Bool,
                             required: [String: String] = [:], listItem: Bool = false) {
            var first = listItem
            for spec in schema.fields where spec.derivedFrom == nil {
                let path = prefix.isEmpty ? spec.name : prefix + "." + spec.name
                let ids = readers(under: path)
                let isRequired = spec.required && (commented || required[spec.name] != nil)
                guard !ids.isEmpty || isRequired else { continue }
                // The first key of a list item carries its dash.
                let keyIndent = first ? String(indent.dropLast(2)) + "- " : indent
                first = false
                lines.append((commented ? "# " : "") + indent + "# " + spec.doc)
                if let value = required[spec.name] {
                    emit(keyIndent, commented, "\(spec.name): \(value)", comment: "required")
                    continue
                }
                let kind = spec.required ? "required; " : ""
                switch spec.type {
                case .object(let nested):
                    if commented || nested.fields.contains(where: \.required) {
                        if !commented {
                            emit(keyIndent, false, "\(spec.name): ~", comment: "\(nested.name): write its keys below in place of ~" + Self.needed(ids))
                            object(nested, prefix: path, indent: indent + "  ", commented: true)
                        } else {
                            emit(keyIndent, true, "\(spec.name):", comment: kind + nested.name + Self.needed(ids))
                            object(nested, prefix: path, indent: indent + "  ", commented: true)
                        }
                    } else {
                        emit(keyIndent, false, "\(spec.name):", comment: nested.name)
                        object(nested, prefix: path, indent: indent + "  ", commented: false)
                    }
                case .list(.object(let nested)):
                    if commented {
                        emit(keyIndent, true, "\(spec.name):", comment: kind + "list of \(nested.name)" + Self.needed(ids))
                    } else {
                        emit(keyIndent, false, "\(spec.name): ~", comment: "list of \(nested.name), `[]` for none: write the items below in place of ~" + Self.needed(ids))
                    }
                    object(nested, prefix: path + "[]", indent: indent + "    ", commented: true, listItem: true)
                default:
                    emit(keyIndent, commented, "\(spec.name): ~", comment: kind + SiteSkeleton.typeWords(spec) + Self.needed(ids))
                }
            }
        }
    }
}
