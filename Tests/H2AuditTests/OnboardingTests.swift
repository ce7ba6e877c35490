import Foundation
import Testing
@testable import H2Audit

/// `h2audit init`, `check --todo` and the JSON Schema (issue 17, items 1-3).
@Suite struct OnboardingTests {
    static let combinations: [(country: String, roles: [String])] = [
        ("KR", ["production", "storage"]), ("KR", ["refuelling_station"]), ("KR", ["transport"]),
        ("KR", ["fuel_cell_use"]), ("KR", ["industrial_use", "storage"]), ("JP", ["refuelling_station"]),
        ("JP", ["terminal", "storage"]), ("JP", ["pipeline"]), ("JP", ["production", "storage", "refuelling_station"]),
    ]
    static let asOf = Day("2026-11-23")!

    static func skeleton(_ country: String, _ roles: [String]) -> String {
        SiteSkeleton.yaml(packs: shippedPacks, country: country, roles: roles, id: "s-1", name: "Test site",
                          asOf: asOf, command: "h2audit init")
    }

    /// The key paths a skeleton writes, commented-out ones included (`equipment[].distances.railway`).
    static func writtenPaths(_ text: String) -> Set<String> {
        var paths = Set<String>()
        var stack: [(indent: Int, path: String)] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            if line.hasPrefix("# ") { line = line.dropFirst(2) }
            guard let match = line.wholeMatch(of: /( *)(- )?([a-z0-9_]+):.*/) else { continue }
            var indent = match.1.count
            if match.2 != nil { indent += 2 }
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            var parent = stack.last?.path ?? ""
            // A list item's keys sit below `key[]`.
            if match.2 != nil || (stack.last.map { $0.indent + 4 == indent } ?? false) { parent += parent.hasSuffix("[]") ? "" : "[]" }
            let path = parent.isEmpty ? String(match.3) : parent + "." + match.3
            paths.insert(path)
            stack.append((indent, path))
        }
        return paths
    }

    /// `equipment[D-1].distances.railway` -> `equipment[].distances.railway`; a derived fact's words dropped.
    static func normalised(_ path: String) -> String {
        var out = "", depth = 0
        for c in path {
            if c == "[" { depth += 1; if depth == 1 { out += "[]" }; continue }
            if c == "]" { depth -= 1; continue }
            if depth == 0 { if c == " " { break }; out.append(c) }
        }
        return out
    }

    @Test("init: the skeleton validates, and check finds missing evidence and no gap", arguments: 0..<combinations.count)
    func skeletonChecks(_ i: Int) throws {
        let (country, roles) = Self.combinations[i]
        let text = Self.skeleton(country, roles)
        let site = try Site.parse(text, file: "skeleton.yaml")
        let report = Checker(packs: shippedPacks, asOf: Self.asOf).check(site)
        let label = "\(country) \(roles)"
        #expect(report.count(.gap) == 0, "\(label): \(report.findings.filter { $0.status == .gap }.map(\.requirement.id))")
        #expect(report.count(.met) == 0 && report.count(.waived) == 0, "\(label)")
        #expect(report.count(.missingEvidence) > 0, "\(label)")
        #expect(!report.notAssessed, "\(label): \(report.warnings)")

        // Every fact check asks for is a key of the skeleton (or the list or object that holds keys of it).
        let written = Self.writtenPaths(text)
        for finding in report.findings {
            for fact in finding.missing {
                let path = Self.normalised(fact.path)
                if path.hasPrefix("scope.") || path.hasSuffix(".high_pressure_gas") || path.hasSuffix(".counted_storage_capacity") { continue }
                let named = written.contains(path) || written.contains { $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[]") }
                #expect(named, "\(label): \(finding.requirement.id) asks for \(fact.path), which the skeleton does not write")
            }
        }
    }

    @Test("init: the skeleton writes every key the applicable requirements read", arguments: 0..<combinations.count)
    func skeletonCoversReads(_ i: Int) {
        let (country, roles) = Self.combinations[i]
        let written = Self.writtenPaths(Self.skeleton(country, roles))
        let requirements = SiteSkeleton.applicable(packs: shippedPacks, country: country, roles: roles, asOf: Self.asOf)
        #expect(!requirements.isEmpty)
        let (sections, productionFields) = SiteSkeleton.forbidden(roles: roles)
        for requirement in requirements {
            for expression in [requirement.applies].compactMap({ $0 }) + requirement.alternatives.map(\.condition) {
                for read in expression.readPaths {
                    for path in ScopeFacts.inputPaths(of: read) ?? [read] {
                        let head = String(path.prefix { $0 != "." && $0 != "[" })
                        if sections.contains(head) || (head == "production" && productionFields.contains(String(path.dropFirst(11)))) { continue }
                        #expect(written.contains(path), "\(country) \(roles): \(requirement.id) reads \(path), not in the skeleton")
                    }
                }
            }
        }
    }

    @Test("readPaths: member chains from the site and from quantifier variables, derived inputs named")
    func readPaths() throws {
        let e = try CompiledExpression("equipment.filter(e, e.type == 'dispenser').all(e, e.distances.public_road >= 5 m || has(e.blast_wall)) && inspections.last_periodic + 1 yr >= as_of")
        #expect(e.readPaths == ["equipment[].type", "equipment[].distances.public_road", "equipment[].blast_wall", "inspections.last_periodic"])
        let m = try CompiledExpression("equipment.map(e, e.distances).all(d, d.railway > 5 m) && scope.jp_production_class == 'class1'")
        #expect(m.readPaths == ["equipment[].distances.railway", "scope.jp_production_class"])
        // Every input a derived fact names is a field of the schema.
        for derived in ["equipment[].high_pressure_gas", "pipelines[].high_pressure_gas", "equipment[].counted_storage_capacity", "scope",
                        "scope.high_pressure_gas", "scope.processing_capacity", "scope.compressed_storage_capacity",
                        "scope.liquefied_storage_mass", "scope.jp_storage_capacity", "scope.jp_production_class"] {
            for input in try #require(ScopeFacts.inputPaths(of: derived)) {
                #expect(TodoList.schemaOrder(input.replacingOccurrences(of: "[]", with: "")).allSatisfy { $0 != Int.max }, "\(input)")
            }
        }
    }

    @Test("check --todo: a gap's unknown term is listed with the failing one (review, section 1: self_inspection_records)")
    func todoGathersGapFacts() throws {
        var text = try String(contentsOfFile: sitesDirectory + "/jp-tokyo-offsite-urban-hrs.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "last_self_inspection: 2026-02-02", with: "last_self_inspection: 2024-02-02")
        text = text.replacingOccurrences(of: "  self_inspection_records: true\n", with: "")
        let site = try Site.parse(text, file: "tokyo.yaml")
        let plain = Checker(packs: shippedPacks, asOf: Self.asOf).check(site)
        let all = Checker(packs: shippedPacks, asOf: Self.asOf, gathersEveryMissingFact: true).check(site)
        // The statuses do not change; the gap also names the fact it lacks.
        #expect(plain.findings.map(\.status) == all.findings.map(\.status))
        let finding = try #require(all.findings.first { $0.requirement.id == "JP-INS-002" })
        #expect(finding.status == .gap)
        #expect(finding.missing.map(\.path) == ["inspections.self_inspection_records"])
        #expect(try #require(plain.findings.first { $0.requirement.id == "JP-INS-002" }).missing.isEmpty)

        let items = TodoList.items(all)
        let item = try #require(items.first { $0.path == "inspections.self_inspection_records" })
        #expect(item.requirements == ["JP-INS-002"])
        // One item per key, in file order.
        #expect(Set(items.map(\.path)).count == items.count)
        #expect(items.map(\.mark.line) == items.map(\.mark.line).sorted())
    }

    @Test("check --todo on a skeleton: the conditions of requirements whose applicability is unknown are listed too")
    func todoOnSkeleton() throws {
        let site = try Site.parse(Self.skeleton("JP", ["refuelling_station"]), file: "skeleton.yaml")
        let report = Checker(packs: shippedPacks, asOf: Self.asOf, gathersEveryMissingFact: true).check(site)
        let items = TodoList.items(report)
        // JP-INS-002 applies by the production class, unknown without equipment; its own facts are asked for at once.
        #expect(items.contains { $0.path == "inspections.last_self_inspection" && $0.requirements.contains("JP-INS-002") })
        #expect(items.contains { $0.path == "equipment" })
        #expect(items.contains { $0.path == "station.design" })
        // Keys of the root first, then by the schema's order within an object.
        let inspections = items.filter { $0.path.hasPrefix("inspections.") }.map(\.path)
        #expect(inspections.firstIndex(of: "inspections.last_periodic")! < inspections.firstIndex(of: "inspections.last_self_inspection")!)
    }

    @Test("init, validate, check and check --todo through the CLI")
    func cli() throws {
        let dir = scratchDirectory()
        let file = dir.appendingPathComponent("station.yaml").path
        let made = try run(["init", "--country", "JP", "--role", "refuelling_station", "--id", "osaka-1", "--name", "Osaka station", "--output", file])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("id: osaka-1") && text.contains("name: Osaka station") && text.contains("roles: [refuelling_station]"))
        #expect(text.contains("last_self_inspection: ~") && text.contains("read by JP-INS-002"))
        #expect(try run(["validate", file]).status == 0)
        let checked = try run(["check", file, "--as-of", "2026-11-23"])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("missing evidence") && checked.stdout.contains("met 0, gap 0,"))  // placeholders give no gap
        let todo = try run(["check", file, "--todo", "--as-of", "2026-11-23"])
        #expect(todo.status == 1)
        #expect(todo.stdout.contains("inspections.last_self_inspection  (at ") && todo.stdout.contains("facts to state"))
        let json = try run(["check", file, "--todo", "--format", "json", "--as-of", "2026-11-23"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let files = try #require(parsed?["files"] as? [[String: Any]])
        #expect((files.first?["todo"] as? [[String: Any]])?.contains { $0["path"] as? String == "station.design" } == true)
        // An existing file is kept; a wrong role is a usage error; --todo writes text or json only.
        #expect(try run(["init", "--country", "JP", "--role", "refuelling_station", "--output", file]).status == 64)
        let wrong = try run(["init", "--country", "KR", "--role", "refueling_station"])
        #expect(wrong.status == 64 && wrong.stderr.contains("did you mean 'refuelling_station'"))
        #expect(try run(["check", file, "--todo", "--format", "sarif"]).status == 64)
    }

    // MARK: - JSON Schema

    @Test("docs/site.schema.json is what `h2audit schema --format json-schema` generates")
    func shippedSchema() throws {
        let committed = try String(contentsOfFile: repositoryRoot.appendingPathComponent("docs/site.schema.json").path, encoding: .utf8)
        #expect(committed == SiteJSONSchema.json(), "run: swift run h2audit schema --format json-schema > docs/site.schema.json")
    }

    @Test("every example site names the schema on its first line")
    func exampleSchemaLine() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for name in files {
            let text = try String(contentsOfFile: sitesDirectory + "/" + name, encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=../docs/site.schema.json\n"), "\(name)")
        }
    }

    /// A YAML node as JSON, with YAML 1.2's core schema for plain scalars (as yaml-language-server reads them).
    static func json(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let text, let style):
            if style == .plain {
                if YAMLNode.isNullText(text) { return "null" }
                if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(text) { return text.lowercased() }
                if text.wholeMatch(of: /[-+]?[0-9]+/) != nil, let n = Int(text) { return String(n) }
                if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil, let d = Double(text) { return "\(d)" }
            }
            var out = ""
            JSONValue.string(text, into: &out)
            return out
        case .sequence(let items):
            return "[" + items.map(json).joined(separator: ",") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { pair in
                var key = ""
                JSONValue.string(pair.key.scalar ?? "", into: &key)
                return key + ":" + json(pair.value)
            }.joined(separator: ",") + "}"
        }
    }

    static let invalidSites: [(name: String, change: @Sendable (String) -> String)] = [
        ("unknown key", { $0 + "\nfacilty_type: station\n" }),
        ("bad enum", { $0.replacingOccurrences(of: "country: KR", with: "country: Korea") }),
        ("quantity without unit", { $0.replacingOccurrences(of: "max_operating_pressure: 87.5 MPa", with: "max_operating_pressure: 87.5") }),
        ("quantity of another kind", { $0.replacingOccurrences(of: "max_operating_pressure: 87.5 MPa", with: "max_operating_pressure: 87.5 m") }),
        ("geometric volume for gas", { $0.replacingOccurrences(of: "storage_capacity: 788 Nm3", with: "storage_capacity: 788 m3") }),
        ("missing required key", { $0.replacingOccurrences(of: "\nname: Ulsan", with: "\nx-name: Ulsan") }),
        ("none where not allowed", { $0.replacingOccurrences(of: "max_operating_pressure: 87.5 MPa", with: "max_operating_pressure: none") }),
        ("bound written >=", { $0.replacingOccurrences(of: "public_road: 4.5 m", with: "public_road: '>= 4.5 m'") }),
        ("bad date", { $0.replacingOccurrences(of: "commissioned: 2024-03-15", with: "commissioned: 2024-13-15") }),
        ("never on a date that is no event", { $0.replacingOccurrences(of: "commissioned: 2024-03-15", with: "commissioned: never") }),
        ("flag as yes", { $0.replacingOccurrences(of: "buried: false", with: "buried: no") }),
        ("empty roles", { $0.replacingOccurrences(of: "roles: [production, storage, refuelling_station]", with: "roles: []") }),
        ("derived key written", { $0 + "\nscope: {high_pressure_gas: true}\n" }),
        ("list for an object", { $0.replacingOccurrences(of: "\nstation:\n", with: "\nstation: []\nx-station:\n") }),
    ]

    static let validVariants: [(name: String, change: @Sendable (String) -> String)] = [
        ("extension keys", { $0 + "\nx-internal-ref: ABC-123\nx_note: {a: 1}\n" }),
        ("null optional key", { $0 + "\nnotes: ~\n" }),
        ("bound and none", { $0.replacingOccurrences(of: "public_road: 4.5 m", with: "public_road: '> 4.5 m'") }),
        ("grouped digits and gauge units", { $0.replacingOccurrences(of: "storage_capacity: 788 Nm3", with: "storage_capacity: 1,788 Nm3")
            .replacingOccurrences(of: "max_operating_pressure: 87.5 MPa", with: "max_operating_pressure: 875 barg") }),
    ]

    @Test("the JSON Schema agrees with validate on the examples, skeletons and invalid sites (python3 jsonschema)")
    func jsonSchemaAgreesWithValidate() throws {
        let dir = scratchDirectory()
        let schemaPath = dir.appendingPathComponent("site.schema.json").path
        write(SiteJSONSchema.json(), to: URL(fileURLWithPath: schemaPath))
        var cases: [(name: String, yaml: String)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: sitesDirectory).sorted() where name.hasSuffix(".yaml") {
            cases.append((name, try String(contentsOfFile: sitesDirectory + "/" + name, encoding: .utf8)))
        }
        for (country, roles) in Self.combinations { cases.append(("init \(country) \(roles)", Self.skeleton(country, roles))) }
        let ulsan = try String(contentsOfFile: sitesDirectory + "/kr-ulsan-onsite-electrolysis-hrs.yaml", encoding: .utf8)
        for (name, change) in Self.invalidSites + Self.validVariants {
            let changed = change(ulsan)
            #expect(changed != ulsan, "\(name): the change did not apply")
            cases.append((name, changed))
        }
        var files: [String] = []
        var expected: [String: Bool] = [:]
        for (i, c) in cases.enumerated() {
            let valid: Bool
            do { _ = try Site.parse(c.yaml, file: c.name); valid = true } catch { valid = false }
            expected[c.name] = valid
            let node = try YAMLLoader().parse(c.yaml, file: c.name)
            let path = dir.appendingPathComponent("case\(i).json").path
            write(Self.json(node), to: URL(fileURLWithPath: path))
            files.append(path)
        }
        #expect(Self.invalidSites.allSatisfy { expected[$0.name] == false }, "validate accepts an invalid case")
        #expect(Self.validVariants.allSatisfy { expected[$0.name] == true }, "validate refuses a valid variant")

        let script = """
        import json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1]))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = list(validator.iter_errors(json.load(open(path))))
            print("valid" if not errors else "invalid " + errors[0].message[:160].replace("\\n", " "))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaPath] + files
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema is needed (pip install jsonschema)")
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == cases.count)
        for (c, line) in zip(cases, lines) {
            #expect(line.hasPrefix("valid") == expected[c.name]!, "\(c.name): validate says \(expected[c.name]! ? "valid" : "invalid"), the JSON Schema says \(line)")
        }
    }
}
