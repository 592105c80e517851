import Agent
import Experiments
import Imaging
import Testing

/// The learning machinery learns (issue 7): the supervised Dice reward (paper A.10) on small synthetic circles,
/// evaluated with deterministic actions on held-out images, against the same run with the actor frozen.
///
/// Thresholds are below the targets (0.95 Dice, 0.9 × the superpixel upper bound): in the time budget this
/// configuration reaches about 0.89 held-out Dice and 0.53 × the upper bound (see Documentation/Agent.md); they
/// assert real learning, far above the frozen actor (about 0.39 Dice, mAP ≈ 0.02).
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
        // Faster than the paper's 1e-4 so that the small test learns in seconds.
        configuration.actorLearningRate = 3e-3
        configuration.criticLearningRate = 3e-3
        configuration.temperatureLearningRate = 1e-3
        configuration.initialTemperature = 0.01
        configuration.warmupSteps = 20
        configuration.updatesPerStep = 4
        configuration.replayCapacity = 200
        configuration.tau = 0.01
        configuration.trainsActor = trainsActor
        return configuration
    }

    /// Trains on 16 images (8 batches of 2, 64 × 64) for `steps` environment steps (4 updates each); evaluates on 4
    /// others.
    static func run(trainsActor: Bool, steps: Int) throws -> Outcome {
        let manifest = try SyntheticBatches.diceManifest()
        let training = try (0..<8).map { batch in
            try SegmentationEnvironment(images: (0..<2).map { try SyntheticBatches.item(index: 2 * batch + $0).image },
                                        manifest: manifest, seed: UInt64(batch))
        }
        let heldOut = try (100..<104).map { try SyntheticBatches.item(index: $0) }
        let evaluation = try SegmentationEnvironment(images: heldOut.map(\.image), manifest: manifest, seed: 99)
        let agent = try SoftActorCritic(configuration: configuration(trainsActor: trainsActor),
                                        subgraphSizes: manifest.subgraphSizes, seed: 1)
        for step in 0..<steps { _ = try agent.train(on: training[step % training.count]) }
        let result = try evaluation.step(actions: agent.actions(for: evaluation.observation, deterministic: true))
        var precision = 0.0, upper = 0.0
        for (item, segmentation) in zip(heldOut, result.segmentations) {
            precision += try SegmentationMetrics(groundTruth: item.mask, prediction: segmentation).meanAveragePrecision
            let bound = try SuperpixelUpperBound(superpixels: item.image.superpixels, groundTruth: item.mask)
            upper += try SegmentationMetrics(groundTruth: item.mask, prediction: bound.segmentation).meanAveragePrecision
        }
        return Outcome(dice: result.meanReward, meanAveragePrecision: precision / Double(heldOut.count),
                       upperBound: upper / Double(heldOut.count))
    }

    @Test("A trained actor reaches high held-out Dice and a good share of the upper-bound mAP; a frozen actor does not")
    func learns() throws {
        let trained = try Self.run(trainsActor: true, steps: 1500)
        let frozen = try Self.run(trainsActor: false, steps: 1500)
        print("learning test: trained Dice \(trained.dice), mAP \(trained.meanAveragePrecision); frozen Dice \(frozen.dice), mAP \(frozen.meanAveragePrecision); upper bound mAP \(trained.upperBound)")
        #expect(trained.dice >= 0.8)
        #expect(trained.meanAveragePrecision >= 0.35 * trained.upperBound)
        #expect(frozen.dice < 0.6)
        #expect(frozen.meanAveragePrecision < 0.1 * frozen.upperBound)
        #expect(trained.dice - frozen.dice > 0.3)
    }
}
