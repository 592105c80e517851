import Agent
import Graphs
import Imaging
import Rewards
import Testing

@Suite("Segmentation environment")
struct EnvironmentTests {
    static func environment(seed: UInt64 = 3) throws -> SegmentationEnvironment {
        let images = try (0..<3).map { try SyntheticBatches.item(index: $0).image }
        return try SegmentationEnvironment(images: images, manifest: try SyntheticBatches.diceManifest(), seed: seed)
    }

    /// The ground-truth splits of the whole batch, in batch edge order.
    static func truth(_ environment: SegmentationEnvironment) -> [Float] {
        environment.images.flatMap { $0.groundTruth!.edgeSplits }
    }

    @Test("The batch graph is the disjoint union; subgraph edge ids are offset into their own image's range")
    func batchLayout() throws {
        let environment = try Self.environment()
        let observation = environment.observation
        #expect(observation.edgeCount == environment.images.map(\.rag.graph.edgeCount).reduce(0, +))
        #expect(observation.nodeCount == environment.images.map(\.rag.nodeCount).reduce(0, +))
        for (i, k) in observation.subgraphSizes.enumerated() {
            var expected: [Int] = []
            for (b, perSize) in environment.subgraphs.enumerated() {
                expected += perSize[i].edgeIDs.map { $0 + environment.batch.edgeOffsets[b] }
                // Every subgraph of image b lies inside image b's edges.
                for s in 0..<perSize[i].count {
                    #expect(perSize[i][s].allSatisfy { $0 < environment.images[b].rag.graph.edgeCount })
                }
            }
            #expect(observation.subgraphEdges[i] == expected)
            #expect(observation.subgraphEdges[i].count == observation.subgraphCount(i) * k)
        }
        // Messages go both ways: u → v first, then v → u.
        let e = observation.edgeCount
        #expect(observation.messageSources == observation.edgeU + observation.edgeV)
        #expect(observation.messageTargets[0..<e] == observation.edgeV[...])
    }

    @Test("Ground-truth actions give Dice 1 everywhere and the ground-truth partition; inverted ones score low")
    func perfectActions() throws {
        let environment = try Self.environment()
        let truth = Self.truth(environment)
        let perfect = try environment.step(actions: truth)
        for (i, rewards) in perfect.subgraphRewards.enumerated() {
            #expect(rewards.count == environment.observation.subgraphCount(i))
            #expect(rewards.allSatisfy { abs($0 - 1) < 1e-5 })
        }
        // Cut exactly where the ground truth splits: superpixels in one object share a label, across a split not.
        for (b, image) in environment.images.enumerated() {
            let labels = perfect.nodeLabels[b]
            for (e, edge) in image.rag.edges.enumerated() {
                #expect((labels[edge.u] != labels[edge.v]) == (image.groundTruth!.edgeSplits[e] == 1))
            }
        }
        let inverted = try environment.step(actions: truth.map { 1 - $0 })
        #expect(inverted.meanReward < 0.5)
    }

    @Test("step is pure: the same actions give the same result, extreme actions give finite costs")
    func purity() throws {
        let environment = try Self.environment()
        let actions = (0..<environment.observation.edgeCount).map { Float($0 % 7) / 6 } // includes exact 0 and 1
        let first = try environment.step(actions: actions)
        let second = try environment.step(actions: actions)
        #expect(first.subgraphRewards == second.subgraphRewards)
        #expect(first.nodeLabels == second.nodeLabels)
        #expect(first.subgraphRewards.joined().allSatisfy { $0.isFinite })
        // The same seed draws the same subgraphs, another seed others.
        #expect(try Self.environment(seed: 3).subgraphs == environment.subgraphs)
        #expect(try Self.environment(seed: 4).subgraphs != environment.subgraphs)
    }

    @Test("Segmentations: the largest object is background 0, the others 1, 2, …")
    func segmentation() throws {
        let environment = try Self.environment()
        let result = try environment.step(actions: Self.truth(environment))
        for (b, segmentation) in result.segmentations.enumerated() {
            var areas: [UInt32: Int] = [:]
            for label in segmentation.values { areas[label, default: 0] += 1 }
            #expect(areas.max { $0.value < $1.value }?.key == 0)
            let objects = Set(result.nodeLabels[b]).count
            #expect(areas.keys.sorted() == (0..<UInt32(objects)).map { $0 })
        }
    }

    @Test("Discarded objects (objects.discard) are 0 in the segmentation, like the background")
    func discardedObjects() throws {
        let item = try SyntheticBatches.item(index: 0)
        let manifest = try RewardManifest.parse("""
            manifest: dice-discard
            subgraph_sizes: [6]
            objects:
              background: { largest: true }
              discard: { max_area: 40 }
            rules:
              - rule: core.dice
                weight: 1
            """, file: "dice.yaml", registry: SyntheticBatches.registry)
        let environment = try SegmentationEnvironment(images: [item.image], manifest: manifest, seed: 0)
        // Every edge cut: each superpixel is its own object.
        let result = try environment.step(actions: [Float](repeating: 1, count: environment.observation.edgeCount))
        var areas = [Int](repeating: 0, count: item.image.rag.nodeCount)
        for label in item.image.superpixels.values { areas[Int(label)] += 1 }
        let largest = try #require(areas.indices.max { areas[$0] < areas[$1] })
        let kept = areas.indices.filter { $0 != largest && areas[$0] > 40 }
        #expect(kept.count > 0 && kept.count < areas.count - 1, "the image needs both small and large superpixels")
        let segmentation = result.segmentations[0]
        #expect(Set(segmentation.values).subtracting([0]).count == kept.count)
        let keptSet = Set(kept)
        let wrong = zip(segmentation.values, item.image.superpixels.values).filter { label, superpixel in
            (label != 0) != keptSet.contains(Int(superpixel))
        }
        #expect(wrong.isEmpty)
    }

    @Test("Rejected objects (objects.reject) are 0 in the segmentation; the rewards do not change")
    func rejectedObjects() throws {
        let item = try SyntheticBatches.item(index: 0)
        func environment(reject: String) throws -> SegmentationEnvironment {
            let manifest = try RewardManifest.parse("""
                subgraph_sizes: [6]
                objects:
                  background: { largest: true }
                  \(reject)
                rules:
                  - rule: core.object-count
                    with: { expected: 2 }
                """, file: "count.yaml", registry: SyntheticBatches.registry)
            return try SegmentationEnvironment(images: [item.image], manifest: manifest, seed: 0)
        }
        // Every edge cut: n foreground objects, each scored k/n = 2/n by the count rule.
        let cut = [Float](repeating: 1, count: item.image.rag.graph.edgeCount)
        let kept = try environment(reject: "").step(actions: cut)
        let n = Set(kept.segmentations[0].values).subtracting([0]).count
        try #require(n > 4, "the image needs more than 4 superpixels")
        let rejected = try environment(reject: "reject: { rule: core.object-count, below: \(3.0 / Double(n)) }").step(actions: cut)
        #expect(rejected.segmentations[0].values.allSatisfy { $0 == 0 })
        #expect(rejected.subgraphRewards == kept.subgraphRewards)
        let spared = try environment(reject: "reject: { rule: core.object-count, below: \(1.0 / Double(n)) }").step(actions: cut)
        #expect(spared.segmentations[0] == kept.segmentations[0])
    }

    @Test("Bad input is refused with a typed error")
    func badInput() throws {
        let environment = try Self.environment()
        #expect(throws: AgentError.self) { try environment.step(actions: [0.5]) }
        #expect(throws: AgentError.self) {
            try SegmentationEnvironment(images: [], manifest: try SyntheticBatches.diceManifest(), seed: 0)
        }
        let item = try SyntheticBatches.item(index: 0)
        let small = Image(rows: 3, cols: 3, repeating: 0)
        #expect(throws: AgentError.self) { try EnvironmentImage(image: small, superpixels: item.image.superpixels) }
        // A manifest with a supervised rule but an image without ground truth: the reward error names the image.
        let unlabelled = try EnvironmentImage(image: item.image.image, superpixels: item.image.superpixels)
        let env = try SegmentationEnvironment(images: [item.image, unlabelled],
                                              manifest: try SyntheticBatches.diceManifest(), seed: 0)
        let error = #expect(throws: AgentError.self) {
            try env.step(actions: [Float](repeating: 0.5, count: env.observation.edgeCount))
        }
        if case let .reward(image, _) = error { #expect(image == 1) } else { Issue.record("expected a reward error, got \(String(describing: error))") }
    }
}
