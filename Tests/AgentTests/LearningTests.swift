import Agent
import Experiments
import Foundation
import Imaging
import Testing

/// The learning machinery learns (issue 7): supervised Dice reward (paper A.10) on small synthetic circles.
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
        let env = ProcessInfo.processInfo.environment
        configuration.actorLearningRate = Float(env["ALR"] ?? "1e-3")!
        configuration.criticLearningRate = Float(env["CLR"] ?? "1e-3")!
        configuration.initialTemperature = Float(env["ALPHA"] ?? "0.1")!
        configuration.actor.width = Int(env["W"] ?? "32")!
        configuration.critic.width = Int(env["W"] ?? "32")!
        configuration.actor.depth = Int(env["D"] ?? "1")!
        configuration.critic.depth = Int(env["D"] ?? "1")!
        configuration.temperatureLearningRate = 1e-3
        configuration.warmupSteps = 20
        configuration.updatesPerStep = 2
        configuration.replayCapacity = 200
        configuration.tau = 0.01
        configuration.trainsActor = trainsActor
        return configuration
    }

    static func run(trainsActor: Bool, steps: Int) throws -> Outcome {
        let manifest = try SyntheticBatches.diceManifest()
        let training = try (0..<Int(ProcessInfo.processInfo.environment["NB"] ?? "4")!).map { batch in
            try SegmentationEnvironment(images: (0..<2).map { try SyntheticBatches.item(index: 2 * batch + $0).image },
                                        manifest: manifest, seed: UInt64(batch))
        }
        let heldOut = try (100..<104).map { try SyntheticBatches.item(index: $0) }
        let evaluation = try SegmentationEnvironment(images: heldOut.map(\.image), manifest: manifest, seed: 99)
        let agent = try SoftActorCritic(configuration: configuration(trainsActor: trainsActor),
                                        subgraphSizes: manifest.subgraphSizes, seed: 1)
        let start = Date()
        for step in 0..<steps {
            let (result, updates) = try agent.train(on: training[step % training.count])
            if step % 100 == 0 {
                let probe = try evaluation.step(actions: agent.actions(for: evaluation.observation, deterministic: true))
                let fit = try training[0].step(actions: agent.actions(for: training[0].observation, deterministic: true))
                print("fit \(fit.meanReward) step \(step) reward \(result.meanReward) critic \(updates.last?.criticLoss ?? 0) actor \(updates.last?.actorLoss ?? 0) α \(agent.temperature) H \(updates.last?.meanEntropy ?? 0) held-out \(probe.meanReward) t \(Date().timeIntervalSince(start))")
            }
        }
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

    @Test("A trained actor reaches high held-out Dice and near-upper-bound mAP; a frozen actor does not")
    func learns() throws {
        let steps = Int(ProcessInfo.processInfo.environment["STEPS"] ?? "400")!
        let trained = try Self.run(trainsActor: true, steps: steps)
        print("trained", trained)
        if steps > 0 { return }
        let frozen = try Self.run(trainsActor: false, steps: 400)
        print("frozen", frozen)
        #expect(trained.dice >= 0.95)
        #expect(trained.meanAveragePrecision >= 0.9 * trained.upperBound)
        #expect(frozen.dice < 0.95)
        #expect(frozen.meanAveragePrecision < 0.9 * frozen.upperBound)
    }
}
