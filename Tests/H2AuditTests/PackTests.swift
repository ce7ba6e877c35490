import Testing
@testable import H2Audit

@Suite("Requirement packs")
struct PackTests {
    @Test("both national packs load")
    func load() {
        #expect(Set(shippedPacks.map(\.country)) == ["KR", "JP"])
    }

    @Test("every example of every requirement gives its expected status")
    func examples() {
        for pack in shippedPacks {
            for requirement in pack.requirements {
                let failures = ExampleRunner.failures(of: requirement)
                #expect(failures.isEmpty, "\(requirement.id): \(failures.map(\.description).joined(separator: "\n"))")
            }
        }
    }

    @Test("every requirement is documented, sourced and has both kinds of example")
    func documentation() {
        for pack in shippedPacks {
            for r in pack.requirements {
                #expect(!r.source.document.isEmpty && !r.source.brief.isEmpty, "\(r.id) has no source")
                #expect(r.source.brief.allSatisfy { $0.hasPrefix(pack.country + "-") }, "\(r.id) cites rows of another brief")
                #expect(!r.rationale.isEmpty && !r.remediation.isEmpty, "\(r.id) lacks rationale or remediation")
                let expected = Set(r.examples.map(\.expect))
                let passing: Set<Status> = r.basis == .commitment ? [.met] : [.met]
                let failing: Set<Status> = r.basis == .commitment ? [.upcoming] : [.gap]
                #expect(!expected.isDisjoint(with: passing), "\(r.id) has no compliant example")
                #expect(!expected.isDisjoint(with: failing), "\(r.id) has no non-compliant example")
            }
        }
    }

    @Test("dated requirements have examples on both sides of their dates")
    func datedExamples() {
        for pack in shippedPacks {
            for r in pack.requirements {
                if let effective = r.effective, effective > Day("2000-01-01")! {
                    #expect(r.examples.contains { $0.asOf < effective } || r.until != nil && r.examples.contains { $0.asOf > r.until! },
                            "\(r.id) has no example before \(effective)")
                    #expect(r.examples.contains { $0.asOf >= effective }, "\(r.id) has no example from \(effective)")
                }
                if let until = r.until {
                    #expect(r.examples.contains { $0.asOf > until }, "\(r.id) has no example after \(until)")
                }
            }
        }
    }

    @Test("each pack covers all four stages with at least 30 requirements and uses the shared topics")
    func coverage() {
        for pack in shippedPacks {
            #expect(pack.requirements.count >= 30)
            let stages = Set(pack.requirements.map(\.stage))
            for stage in [Stage.production, .storage, .transport, .use] { #expect(stages.contains(stage), "\(pack.id) lacks \(stage)") }
            #expect(pack.requirements.allSatisfy { Topic.ids.contains($0.topic) })
        }
        let kr = Set(shippedPacks[1].requirements.map(\.topic)), jp = Set(shippedPacks[0].requirements.map(\.topic))
        #expect(kr.intersection(jp).count >= 10, "the packs share too few topics to be compared")
    }

    @Test("pack errors point at file, line and column, even inside block expressions")
    func errors() {
        let text = """
        pack: {id: t, title: T, country: KR}
        requirements:
          - id: T-1
            title: t
            stage: use
            topic: separation-distanse
            severity: major
            basis: law
            require: |-
              equipment.all(e,
                e.distances.public_road >= 5 kg)
            source: {document: d, brief: [KR-1]}
            rationale: r
            remediation: f
        """
        do {
            _ = try PackLoader().parse(text, file: "p.yaml")
            Issue.record("the pack loaded")
        } catch {
            let d = error.diagnostics
            #expect(d.contains { $0.message.contains("did you mean 'separation-distance'") && $0.mark?.line == 6 })
            #expect(d.contains { $0.message.contains("dimensions differ") && $0.mark == SourceMark(file: "p.yaml", line: 11, column: 33) })
        }
    }

    @Test("a wrong expectation in an example is caught, naming the requirement")
    func runnerCatchesWrongExamples() throws {
        let p = try pack("""
        id: T-EX
        title: t
        stage: use
        topic: separation-distance
        severity: major
        basis: law
        roles: [refuelling_station]
        require: equipment.all(e, e.distances.public_road >= 5 m)
        source: {document: d, brief: [KR-68]}
        rationale: r
        remediation: f
        examples:
          - expect: met
            site: {roles: [refuelling_station], equipment: [{id: D, type: dispenser, distances: {public_road: 4 m}}]}
        """)
        let failures = ExampleRunner.failures(in: p)
        #expect(failures.count == 1)
        #expect(failures[0].description.contains("T-EX example expected met, got gap"))
    }
}

@Suite("Documentation")
struct DocumentationTests {
    @Test("docs/site-schema.md is what `h2audit schema` generates")
    func schemaReferenceIsCurrent() throws {
        let committed = try String(contentsOfFile: repositoryRoot.appendingPathComponent("docs/site-schema.md").path, encoding: .utf8)
        #expect(committed == SchemaReference.markdown(), "run: swift run h2audit schema > docs/site-schema.md")
    }
}
