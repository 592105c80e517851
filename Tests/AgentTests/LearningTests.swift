import Agent
import Experiments
import Imaging
import Testing

/// The learning machinery learns (issue 7): the supervised Dice reward (paper A.10) on small synthetic circles,
/// evaluated with deterministic actions on 16 held-out images, against the same run with the actor frozen. The two
/// runs are separate tests so that they run side by side.
///
/// The agent uses the CPU defaults of `AgentConfiguration`; only the networks are smaller (width 32, depth 1) so
/// that both runs fit in the time budget. The images hold circles only: with the generator's distractors (bright
/// bars, triangles and blobs that the ground truth counts as background) even direct supervised training of the
/// same actor on the same features stays near 0.86 held-out Dice — telling a distractor from a circle needs the
/// shape of a group of superpixels (Documentation/Agent.md).
///
/// **The circles do not overlap** (`minimumSeparation` 1.0; the generator's default 0.85 lets them overlap and the
/// circles example and the nuclei experiment keep touching objects): this makes the test about the learning
/// machinery rather than about how well the handcrafted features split overlapping objects. Measured on held-out
/// images 100–115 of each distribution (Documentation/Agent.md): with separation 1.0, mAP 0.96 = 0.98 × the
/// superpixel upper bound; with the default 0.85, 0.79 = 0.84 × — the `basins` edge feature lifted it from 0.59 ×;
/// 5 of 75 circles are still lost to false merges with an overlapping neighbour.
@Suite("Learning")
struct LearningTests {
    struct Outcome {
        let dice: Float
        let meanAveragePrecision: Double
        let upperBound: Double
    }

    static func configuration(trainsActor: Bool) -> AgentConfiguration {
        var configuration = AgentConfiguration()
        configuration.actor = NetworkShape(depth: 1, width: 32, hiddenLayers: 1)
        configuration.critic = NetworkShape(depth: 1, width: 32, hiddenLayers: 1)
        configuration.trainsActor = trainsActor
        return configuration
    }

    static func item(_ index: Int) throws -> SyntheticBatches.Item {
        try SyntheticBatches.item(index: index, distractors: false, minimumSeparation: 1)
    }

    /// Trains on 32 images (16 batches of 2, 64 × 64) for 2000 environment steps; evaluates on 16 others.
    static func run(trainsActor: Bool) throws -> Outcome {
        let manifest = try SyntheticBatches.diceManifest()
        let training = try (0..<16).map { batch in
            try SegmentationEnvironment(images: (0..<2).map { try item(2 * batch + $0).image },
                                        manifest: manifest, seed: UInt64(batch))
        }
        let heldOut = try (100..<116).map(item)
        let evaluation = try SegmentationEnvironment(images: heldOut.map(\.image), manifest: manifest, seed: 99)
        let agent = try SoftActorCritic(configuration: configuration(trainsActor: trainsActor),
                                        subgraphSizes: manifest.subgraphSizes, seed: 1)
        for step in 0..<2000 { _ = try agent.train(on: training[step % training.count]) }
        let result = try evaluation.step(actions: agent.actions(for: evaluation.observation, deterministic: true))
        var precision = 0.0, upper = 0.0
        for (item, segmentation) in zip(heldOut, result.segmentations) {
            precision += try SegmentationMetrics(groundTruth: item.mask, prediction: segmentation).meanAveragePrecision
            let bound = try SuperpixelUpperBound(superpixels: item.image.superpixels, groundTruth: item.mask)
            upper += try SegmentationMetrics(groundTruth: item.mask, prediction: bound.segmentation).meanAveragePrecision
        }
        let outcome = Outcome(dice: result.meanReward, meanAveragePrecision: precision / Double(heldOut.count),
                              upperBound: upper / Double(heldOut.count))
        print("learning test, actor \(trainsActor ? "trained" : "frozen"): held-out Dice \(outcome.dice), mAP \(outcome.meanAveragePrecision), upper bound \(outcome.upperBound)")
        return outcome
    }

    @Test("A trained actor reaches ≥ 0.95 held-out Dice and ≥ 0.9 × the superpixel upper bound's mAP")
    func trainedActorLearns() throws {
        let trained = try Self.run(trainsActor: true)
        #expect(trained.dice >= 0.95)
        #expect(trained.meanAveragePrecision >= 0.9 * trained.upperBound)
    }

    @Test("The same run with the actor frozen stays far below both thresholds")
    func frozenActorDoesNot() throws {
        let frozen = try Self.run(trainsActor: false)
        #expect(frozen.dice < 0.7)
        #expect(frozen.meanAveragePrecision < 0.3 * frozen.upperBound)
    }
}
