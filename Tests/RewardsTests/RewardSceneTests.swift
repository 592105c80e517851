import Graphs
import Imaging
import Rewards
import Testing

@Suite("Reward scene and truth preference")
struct RewardSceneTests {
    /// 4×6 image, superpixels in three vertical stripes (0 | 1 | 2), a path graph 0–1–2.
    let stripes = try! StripeScene()

    @Test("A pixel segmentation maps onto superpixels by majority overlap; actions cut between objects only")
    func majorityMapping() throws {
        let scene = try RewardScene(image: stripes.image, superpixels: stripes.superpixels, subgraphSizes: [2], seed: 0)
        // Label 7 covers stripe 0 and 3 of 8 pixels of stripe 1; label 4 the rest: stripe 1 goes to label 4.
        let segmentation = try LabelImage(rows: 4, cols: 6, values: (0..<24).map { i in
            let c = i % 6, r = i / 6
            return c < 2 || (c == 2 && r < 3) ? 7 : 4
        })
        let (objects, labels) = try scene.objects(of: segmentation)
        #expect(objects == [0, 1, 1])
        #expect(labels == [7, 4])
        #expect(scene.actions(objectOfSuperpixel: objects) == [1, 0])
        #expect(scene.subgraphs.map { $0.map { $0.sorted() } } == [[[0, 1]]])
        #expect(RewardScene.compacted([5, 5, 2, 9, 2]) == [0, 0, 1, 2, 1])
        let wrongShape = try LabelImage(rows: 2, cols: 2, values: [0, 0, 0, 0])
        #expect(throws: RewardError.self) { try scene.objects(of: wrongShape) }
    }

    @Test("Count slack: any count in [k − s, k + s] scores 1; outside, the band's edge replaces k")
    func countSlack() throws {
        let registry = try RuleRegistry(plugins: [])
        func manifest(_ slack: Int) throws -> RewardManifest {
            try RewardManifest.parse("""
                rules:
                  - rule: core.object-count
                    with: { expected: 3, slack: \(slack) }
                objects: { background: { largest: true } }
                """, file: "count.yaml", registry: registry)
        }
        // Three objects of equal area; the largest (lowest index on ties) is background, so n = 2 foreground objects.
        let classing = try manifest(0).classing
        let context = try stripes.context(actions: [1, 1], objects: [0, 1, 2], classing: classing)
        #expect(context.classes == [.background, .foreground, .foreground])
        let exact = try manifest(0).rewards(for: context)
        #expect(exact.objectScores == [2.0 / 3, 1, 1])          // background n/k = 2/3
        let band = try manifest(1).rewards(for: context)
        #expect(band.objectScores == [1, 1, 1])                  // n = 2 lies in [2, 4]
        #expect(throws: ConfigurationErrors.self) { try manifest(3) }  // slack must stay below k
    }

    @Test("Perturbations merge disjoint neighbouring pairs (or into the background) and split along adjacency")
    func perturbations() throws {
        // Path 0–1–2–3–4–5: objects A = {0, 1}, B = {2, 3}, background = {4, 5}.
        let graph = try Graph(nodeCount: 6, edges: (0..<5).map { Edge($0, $0 + 1) })
        let truth = [0, 0, 1, 1, 2, 2]
        let result = TruthPreference.perturbations(truthObjects: truth, background: 2, graph: graph,
                                                   areas: [1, 1, 1, 1, 1, 1], fraction: 0.5, seed: 3)
        // One object (half of two) is merged with its only foreground neighbour: A and B become one object.
        #expect(result.merges == 1)
        #expect(result.merged == [0, 0, 0, 0, 1, 1])
        // One object is split into its two superpixels.
        #expect(result.splits == 1)
        #expect(Set(result.split).count == 4)
        #expect(result.split[4] == result.split[5])
        // An isolated object (only the background around it) is merged into the background.
        let lonely = TruthPreference.perturbations(truthObjects: [1, 0, 0, 2, 2, 2], background: 1, graph: graph,
                                                   areas: [1, 1, 1, 1, 1, 1], fraction: 0.5, seed: 1)
        #expect(lonely.merges == 1)
        #expect(Set(lonely.merged).count == 2)
    }

    @Test("Truth preference on a toy manifest: merging everything scores below the truth")
    func truthPreference() throws {
        let registry = try RuleRegistry(plugins: [])
        let manifest = try RewardManifest.parse("""
            subgraph_sizes: [2]
            rules:
              - rule: core.intensity-contrast
            """, file: "contrast.yaml", registry: registry)
        let scene = try RewardScene(image: stripes.image, superpixels: stripes.superpixels, subgraphSizes: [2], seed: 0)
        // Ground truth: the bright middle stripe is an object on a dark background.
        let truth = try LabelImage(rows: 4, cols: 6, values: (0..<24).map { (2..<4).contains($0 % 6) ? 1 : 0 })
        let preference = try TruthPreference(manifest: manifest, scene: scene, groundTruth: truth, seed: 0)
        #expect(abs(preference.truth - 0.8) < 1e-5)  // both edges cut across a 0.8 step: |0 − 0.8| each
        #expect(preference.merged < preference.truth) // the object is lost into the background: merges over the step
        #expect(preference.raw == preference.truth)   // here every superpixel is already its own object
        #expect(preference.splits == 0)               // a one-superpixel object cannot be split
    }
}
