import Rewards
import Testing

@Suite("Rule manifests")
struct ManifestTests {
    let registry = try! RuleRegistry(plugins: [])

    @Test("A valid manifest is parsed with its sizes, classing, weights, profiles and shaping")
    func valid() throws {
        let text = """
            manifest: demo
            subgraph_sizes: [12, 6]
            objects:
              background: { largest: true, min_area: 1400 }
              discard: { max_area: 20 }
            profiles:
              rim: { anchor: border, sigma: 0.1 }
            rules:
              - rule: core.object-count
                weight: 0.6
                with: { expected: 15 }
              - rule: core.background-merge
                weight: 0.4
                profile: rim
            shaping: { exponential: 3 }
            """
        let manifest = try RewardManifest.parse(text, file: "demo.yaml", registry: registry)
        #expect(manifest.name == "demo")
        #expect(manifest.subgraphSizes == [6, 12])
        #expect(manifest.classing == ObjectClassing(largestIsBackground: true, backgroundMinArea: 1400, discardMaxArea: 20))
        #expect(manifest.entries.map(\.identifier) == ["core.object-count", "core.background-merge"])
        #expect(manifest.entries.map(\.weight) == [0.6, 0.4])
        #expect(manifest.entries[1].profile == WeightProfile(anchor: .border, sigma: 0.1))
        #expect(manifest.shaping?.theta == 3)
        #expect((manifest.entries[0].rule as? ObjectCountRule)?.expected == 15)
    }

    func errors(_ text: String) -> [ConfigurationError] {
        do {
            _ = try RewardManifest.parse(text, file: "m.yaml", registry: registry)
            return []
        } catch {
            return error.errors
        }
    }

    @Test("A typo in a rule name gives one error naming the line and the closest rule")
    func ruleTypo() {
        let found = errors("""
            rules:
              - rule: core.object-count
                with: { expected: 3 }
              - rule: core.backgroud-merge
            """)
        #expect(found.count == 1)
        #expect(found.first?.line == 4)
        #expect(found.first?.message.contains("did you mean 'core.background-merge'") == true)
    }

    @Test("Unknown keys, wrong types, out-of-range values and missing parameters are each reported with their line")
    func everyProblem() {
        let found = errors("""
            subgraph_sizes: [6, 1]
            rulez: []
            rules:
              - rule: core.object-count
                wieght: 2
              - rule: core.intensity-contrast
                with: { scale: high }
              - rule: core.object-count
                with: { expected: 0 }
            """)
        let lines = Set(found.map(\.line))
        #expect(lines.isSuperset(of: [1, 2]), "\(found)")
        #expect(found.contains { $0.line == 2 && $0.message.contains("did you mean 'rules'") })
        #expect(found.contains { $0.line == 5 && $0.message.contains("did you mean 'weight'") })
        #expect(found.contains { $0.line == 7 && $0.message.contains("expected a number") })
        #expect(found.contains { $0.line == 9 && $0.message.contains("outside") })
    }

    @Test("A required parameter left out is named")
    func missingParameter() {
        let found = errors("rules:\n  - rule: core.object-count\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("needs parameter 'expected'") == true)
    }

    @Test("YAML syntax errors carry a line")
    func syntax() {
        let found = errors("rules:\n  - rule: [core.dice\n")
        #expect(found.count == 1 && found[0].line >= 2)
    }

    @Test("Object rules take their profile from the objects section, not from the entry")
    func objectProfile() {
        let found = errors("""
            profiles:
              inner: { anchor: centre, sigma: 0.3 }
            rules:
              - rule: core.object-count
                with: { expected: 2 }
                profile: inner
            """)
        #expect(found.count == 1 && found[0].line == 6)
    }

    @Test("objects.reject must name an object-level rule of the manifest and give both keys")
    func rejection() throws {
        let manifest = try RewardManifest.parse("""
            objects: { reject: { rule: core.object-count, below: 0.25 } }
            rules:
              - rule: core.object-count
                with: { expected: 3 }
            """, file: "m.yaml", registry: registry)
        #expect(manifest.classing.rejection == ObjectRejection(rule: "core.object-count", below: 0.25))
        let edgeRule = errors("""
            objects:
              reject: { rule: core.background-merge, below: 0.5 }
            rules:
              - rule: core.object-count
                with: { expected: 3 }
              - rule: core.background-merge
            """)
        #expect(edgeRule.count == 1 && edgeRule[0].line == 2, "\(edgeRule)")
        #expect(edgeRule.first?.message.contains("its object-level rules: core.object-count") == true)
        let missing = errors("""
            objects: { reject: { rule: core.object-count } }
            rules:
              - rule: core.object-count
                with: { expected: 3 }
            """)
        #expect(missing.count == 1 && missing[0].line == 1 && missing[0].message.contains("'below'"), "\(missing)")
    }

    @Test("rejectedObjects: foreground objects the named rule scores below the threshold, nothing else; the same from a reward report, shaped or not")
    func rejects() throws {
        let scene = try RewardScene(image: Image(rows: 4, cols: 6, repeating: 0.5),
                                    superpixels: LabelImage(rows: 4, cols: 6, values: (0..<24).map { UInt32($0 % 6 / 2) }),
                                    subgraphSizes: [2], seed: 0)
        func rejected(_ objects: String, shaping: String = "") throws -> [Bool] {
            let manifest = try RewardManifest.parse("""
                objects: { background: { largest: true }\(objects) }
                rules:
                  - rule: core.object-count
                    with: { expected: 1 }
                \(shaping)
                """, file: "m.yaml", registry: registry)
            let context = try scene.context(objectOfSuperpixel: [0, 1, 2], classing: manifest.classing)
            let direct = try manifest.rejectedObjects(in: context)
            let fromReport = try manifest.rejectedObjects(in: context, report: try manifest.rewards(for: context))
            #expect(direct == fromReport, "the report's (shaped) scores must decide as the rule's own scores do")
            return direct
        }
        // Three superpixels of equal size, each its own object: object 0 is background (largest, first of the
        // ties); the two foreground objects score k/n = 1/2.
        for shaping in ["", "shaping: { exponential: 3 }"] {
            #expect(try rejected(", reject: { rule: core.object-count, below: 0.6 }", shaping: shaping) == [false, true, true])
            #expect(try rejected(", reject: { rule: core.object-count, below: 0.5 }", shaping: shaping) == [false, false, false])
            #expect(try rejected("", shaping: shaping) == [false, false, false])
        }
    }
}
