import Graphs
import Imaging
import Rewards
import Testing

/// A 4×6 image of three vertical stripes of superpixels (0 | 1 | 2, two columns each) on a path graph.
struct StripeScene {
    let superpixels: LabelImage
    let image: Image
    let rag: RegionAdjacencyGraph

    init() throws {
        superpixels = try LabelImage(rows: 4, cols: 6, values: (0..<24).map { UInt32(($0 % 6) / 2) })
        image = try Image(rows: 4, cols: 6, values: (0..<24).map { [0.1, 0.1, 0.9, 0.9, 0.1, 0.1][$0 % 6] })
        rag = try RegionAdjacencyGraph(labels: superpixels, intensities: image)
    }

    func context(actions: [Float], objects: [Int], classing: ObjectClassing = ObjectClassing(),
                 groundTruth: GroundTruth? = nil) throws -> RewardContext {
        try RewardContext(image: image, superpixels: superpixels, rag: rag, actions: actions, objectOfSuperpixel: objects,
                          classing: classing, subgraphSizes: [2], subgraphs: [[[0, 1]]], groundTruth: groundTruth)
    }
}

@Suite("Reward composition")
struct CompositionTests {
    let registry = try! RuleRegistry(plugins: [])

    @Test("Object-count rule: foreground k/n when too many, background n/k when too few (Eqs. 13, 15)")
    func objectCount() throws {
        let scene = try StripeScene()
        let rule = try ObjectCountRule(parameters: .defaults(for: ObjectCountRule.self, overriding: ["expected": .integer(4)]))
        // Superpixel 0 is its own object (the largest-area tie goes to object 0 → background); 1 and 2 are foreground.
        let context = try scene.context(actions: [1, 1], objects: [0, 1, 2], classing: ObjectClassing(largestIsBackground: true))
        #expect(context.classes == [.background, .foreground, .foreground])
        #expect(try rule.scores(in: context) == .objects([0.5, 1, 1]))
        let many = try ObjectCountRule(parameters: .defaults(for: ObjectCountRule.self, overriding: ["expected": .integer(1)]))
        #expect(try many.scores(in: context) == .objects([1, 0.5, 0.5]))
    }

    @Test("Intensity contrast (Eq. 18) rewards splitting across an intensity step and merging inside a flat region")
    func contrast() throws {
        let scene = try StripeScene()
        let rule = try IntensityContrastRule(parameters: .defaults(for: IntensityContrastRule.self))
        let split = try rule.scores(in: try scene.context(actions: [1, 1], objects: [0, 1, 2]))
        guard case let .edges(values) = split else { Issue.record("expected edge scores"); return }
        #expect(abs(values[0] - 0.8) < 1e-6)  // |0 − 0.8|
        let merge = try rule.scores(in: try scene.context(actions: [0, 0], objects: [0, 0, 0]))
        guard case let .edges(merged) = merge else { Issue.record("expected edge scores"); return }
        #expect(abs(merged[0] - 0.2) < 1e-6)  // |1 − 0.8|
    }

    @Test("A manifest composes object and edge rules exactly as documented")
    func manifestComposition() throws {
        let manifest = try RewardManifest.parse("""
            subgraph_sizes: [2]
            objects: { background: { largest: true } }
            rules:
              - rule: core.object-count
                weight: 0.6
                with: { expected: 4 }
              - rule: core.background-merge
                weight: 0.5
            """, file: "m.yaml", registry: registry)
        let scene = try StripeScene()
        let context = try scene.context(actions: [0.2, 0.8], objects: [0, 1, 2], classing: manifest.classing)
        let report = try manifest.rewards(for: context)
        // Object scores [0.5, 1, 1] (count rule alone, weighted mean = its score); edges take the max: [1, 1].
        #expect(report.objectScores == [0.5, 1, 1])
        // Edge reward = 0.6 · max(o_u, o_v) + 0.5 · (1 − a).
        #expect(abs(report.edgeRewards[0] - (0.6 + 0.5 * 0.8)) < 1e-6)
        #expect(abs(report.edgeRewards[1] - (0.6 + 0.5 * 0.2)) < 1e-6)
        #expect(abs(report.subgraphRewards[0][0] - (report.edgeRewards[0] + report.edgeRewards[1]) / 2) < 1e-6)
        #expect(abs(report.meanReward - report.subgraphRewards[0][0]) < 1e-6)
    }

    @Test("Dice rule (A.10) needs ground truth and is highest for the true splits")
    func dice() throws {
        let scene = try StripeScene()
        // Ground truth: the bright middle stripe is one object, the two dark stripes are background (label 0).
        let truthLabels = try LabelImage(rows: 4, cols: 6, values: (0..<24).map { ($0 % 6) / 2 == 1 ? 5 : 0 })
        let truth = try GroundTruth(superpixels: scene.superpixels, groundTruth: truthLabels, graph: scene.rag.graph)
        #expect(truth.edgeSplits == [1, 1])
        let rule = try DiceRule(parameters: .defaults(for: DiceRule.self))
        #expect(throws: RewardError.self) { try rule.scores(in: try scene.context(actions: [1, 1], objects: [0, 1, 2])) }
        func dice(_ actions: [Float]) throws -> Float {
            guard case let .subgraphs(values) = try rule.scores(in: try scene.context(actions: actions, objects: [0, 1, 2], groundTruth: truth)) else { return -1 }
            return values[0][0]
        }
        #expect(try dice([1, 1]) == 1)
        let low = try dice([0, 0]), middle = try dice([0.5, 0.5]), high = try dice([0.9, 0.9])
        #expect(low < middle && middle < high)
    }

    @Test("Inconsistent inputs are typed errors")
    func inconsistent() throws {
        let scene = try StripeScene()
        #expect(throws: RewardError.self) { try scene.context(actions: [0.5], objects: [0, 1, 2]) }
        #expect(throws: RewardError.self) { try scene.context(actions: [0.5, 0.5], objects: [0, 1]) }
    }
}
