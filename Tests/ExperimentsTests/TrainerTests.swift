import Agent
import Experiments
import Foundation
import Imaging
import Randomness
import Tensors
import Testing
import TestSupport

@Suite("Trainer")
struct TrainerTests {
    /// Trains the experiment `text` into a fresh run folder.
    @discardableResult
    func train(_ text: String, steps: Int? = nil) throws -> (run: URL, summary: Trainer.Summary) {
        var configuration = try ExperimentConfiguration.load(path: try TrainingFixtures.write(text))
        if let steps { configuration.training.steps = steps }
        let folder = Fixtures.temporaryDirectory("run")
        let trainer = try Trainer(configuration: configuration, folder: folder.path, force: false)
        return (folder, try trainer.train())
    }

    @Test("The run folder holds config, manifest, split, metrics with validation metrics, curves and both checkpoints")
    func runFolder() throws {
        let (run, summary) = try train(TrainingFixtures.experiment(steps: 20))
        #expect(summary.stepsCompleted == 20 && !summary.interrupted)
        let lines = try TrainingFixtures.metricsWithoutTime(run)
        #expect(lines.filter { $0.contains("\"kind\":\"train\"") }.count == 20)
        let validations = lines.filter { $0.contains("\"kind\":\"validation\"") }
        #expect(validations.count == 2 && validations.allSatisfy { $0.contains("\"map\":") && $0.contains("\"vi_split\":") })
        let split = try #require(try Fixtures.json(run.appendingPathComponent("split.json").path) as? [String: [String]])
        #expect(split["training"]?.count == 4 && split["validation"]?.count == 2 && split["test"] == [])
        #expect(split["validation"]?.allSatisfy { $0.hasPrefix("circles-7-") } == true)
        let svg = try String(contentsOf: run.appendingPathComponent("curves.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("<polyline") && svg.hasSuffix("</svg>\n"))
        let best = try #require(try Fixtures.json(run.appendingPathComponent("checkpoints/best.json").path) as? [String: Any])
        #expect(best["step"] as? Int == summary.bestStep)
        #expect(abs((best["validation_reward"] as? Double ?? .nan) - (summary.bestReward ?? .nan)) < 1e-12)
        let last = try #require(try Fixtures.json(run.appendingPathComponent("checkpoints/last.json").path) as? [String: Any])
        #expect(last["step"] as? Int == 20)
        let resolved = try ExperimentConfiguration.load(path: run.appendingPathComponent("config.yaml").path)
        #expect(resolved.training.steps == 20)
    }

    @Test("Same seed, same thread count: identical metrics.jsonl for 50 steps; another seed differs")
    func determinism() throws {
        let first = try TrainingFixtures.metricsWithoutTime(try train(TrainingFixtures.experiment()).run)
        let second = try TrainingFixtures.metricsWithoutTime(try train(TrainingFixtures.experiment()).run)
        let other = try TrainingFixtures.metricsWithoutTime(try train(TrainingFixtures.experiment(seed: 4)).run)
        #expect(first.count == 55)
        #expect(first == second)
        #expect(first != other)
    }

    /// Asserts exact continuation: the replay memory (capacity 8, so it wraps), optimiser moments, networks and the
    /// per-step generator are restored, so N + resume N equals 2N line for line and checkpoint byte for byte.
    @Test("A run of 40 steps equals 20 steps resumed to 40: same metrics, same last checkpoint bytes")
    func resumeIsExact() throws {
        let text = TrainingFixtures.experiment(steps: 40, checkpointEvery: 4)
        let whole = try train(text).run
        let (half, _) = try train(text, steps: 20)
        let resumed = try Trainer(resuming: half.path, steps: 40)
        #expect(resumed.step == 20)
        _ = try resumed.train()
        #expect(try TrainingFixtures.metricsWithoutTime(whole) == TrainingFixtures.metricsWithoutTime(half))
        for file in ["checkpoints/last.safetensors", "checkpoints/best.safetensors"] {
            #expect(try Data(contentsOf: whole.appendingPathComponent(file)) == Data(contentsOf: half.appendingPathComponent(file)))
        }
    }

    @Test("A non-finite loss stops the run naming the step and the loss, and keeps the last good checkpoint")
    func nonFiniteLossStops() throws {
        let (run, _) = try train(TrainingFixtures.experiment(steps: 10))
        let configuration = run.appendingPathComponent("config.yaml")
        let text = try String(contentsOf: configuration, encoding: .utf8)
        try text.replacingOccurrences(of: "critic_learning_rate: 0.003", with: "critic_learning_rate: 1e30")
            .replacingOccurrences(of: "actor_learning_rate: 0.003", with: "actor_learning_rate: 1e30")
            .write(to: configuration, atomically: true, encoding: .utf8)
        let lastBefore = try Data(contentsOf: run.appendingPathComponent("checkpoints/last.safetensors"))
        let trainer = try Trainer(resuming: run.path, steps: 30)
        let error = #expect(throws: ExperimentError.self) { try trainer.train() }
        let message = error?.description ?? ""
        #expect(message.contains("step 11: the") && message.contains("loss is not finite"), "\(message)")
        #expect(message.contains("last.safetensors (step 10)"), "\(message)")
        #expect(try Data(contentsOf: run.appendingPathComponent("checkpoints/last.safetensors")) == lastBefore)
        let model = try TrainedModel(run: run.path, checkpoint: .last)
        #expect(model.checkpoint.step == 10)
    }

    @Test("A joint U-Net without handcrafted node features trains, and the model segments odd-size images at their size")
    func jointFeaturesAndOddSizes() throws {
        let text = TrainingFixtures.experiment(steps: 4, checkpointEvery: 2)
            .replacingOccurrences(of: "  validation: 2", with: "  validation: 2\n  size: [30, 34]")
            .replacingOccurrences(of: "  size: 32\n", with: "")
            + "features: { handcrafted: false, extractor: joint, feature_maps: [4, 8], embedding_width: 4 }\n"
        let (run, summary) = try train(text)
        #expect(summary.stepsCompleted == 4)
        let model = try TrainedModel(run: run.path, checkpoint: .last)
        var generator = SystemRandomNumberGenerator()
        for (rows, cols) in [(37, 51), (40, 40)] {
            let image = try Image(rows: rows, cols: cols, values: (0..<(rows * cols)).map { _ in Float.random(in: 0...1, using: &generator) })
            let result = try model.segment(image)
            #expect(result.labels.rows == rows && result.labels.cols == cols)
            #expect(result.superpixels.rows == rows && result.superpixels.cols == cols)
            #expect(result.actions.allSatisfy { $0 > 0 && $0 < 1 })
        }
        let best = try TrainedModel(run: run.path)
        #expect(best.checkpointName == .best && best.checkpoint.step == summary.bestStep)
    }

    /// `priorcut superpixels` writes ids from 0; given superpixels take any ids, 0 included, in their order.
    @Test("Given superpixels with ids 0, 5, 9 become 0, 1, 2 in the model's result")
    func givenSuperpixelsFromZero() throws {
        let (run, _) = try train(TrainingFixtures.experiment(steps: 2, checkpointEvery: 2))
        let model = try TrainedModel(run: run.path, checkpoint: .last)
        let image = try Image(rows: 32, cols: 30, values: (0..<(32 * 30)).map { Float($0 % 30) / 30 })
        let given = try LabelImage(rows: 32, cols: 30, values: (0..<(32 * 30)).map { [0, 5, 9][($0 % 30) / 10] })
        let result = try model.segment(image, superpixels: given)
        #expect(result.superpixels.values == given.values.map { [0: 0, 5: 1, 9: 2][$0] ?? 99 })
        #expect(result.labels.rows == 32 && result.labels.cols == 30)
    }

    @Test("A new run refuses a non-empty folder without force; a missing checkpoint is a clear error")
    func folderProtection() throws {
        let path = try TrainingFixtures.write(TrainingFixtures.experiment(steps: 2))
        let configuration = try ExperimentConfiguration.load(path: path)
        let folder = Fixtures.temporaryDirectory("run")
        try Data("x".utf8).write(to: folder.appendingPathComponent("note.txt"))
        let refused = #expect(throws: ExperimentError.self) {
            try Trainer(configuration: configuration, folder: folder.path, force: false)
        }
        #expect(refused?.description.contains("--force") == true)
        let empty = Fixtures.temporaryDirectory("run")
        let missing = #expect(throws: ExperimentError.self) { try TrainedModel(run: empty.path) }
        #expect(missing?.description.contains("config.yaml") == true)
    }

    @Test("A pretrained U-Net is loaded and stays frozen; a checkpoint of another architecture is a clear error")
    func pretrainedExtractor() throws {
        let folder = Fixtures.temporaryDirectory("pretrained")
        let good = folder.appendingPathComponent("unet.safetensors"), bad = folder.appendingPathComponent("other.safetensors")
        var generator = SeededGenerator(seed: 5)
        try PixelEmbeddingFeatures(featureMaps: [4, 8], embeddingWidth: 4, trainsJointly: false,
                                   input: .imageAndSuperpixelEdges, using: &generator).save(to: good)
        try PixelEmbeddingFeatures(featureMaps: [4, 8, 16], embeddingWidth: 4, trainsJointly: false, using: &generator)
            .save(to: bad)
        let saved = try SafeTensorsFile(contentsOf: good)
        var tensors: [String: Tensor] = [:]
        for name in saved.names { tensors[name] = try saved.tensor(name) }
        #expect(!tensors.isEmpty && tensors.keys.allSatisfy { $0.hasPrefix("unet.") })
        let pretrained = "features: { extractor: pretrained, checkpoint: \(good.path), feature_maps: [4, 8], embedding_width: 4 }\n"
        let (run, _) = try train(TrainingFixtures.experiment(steps: 3, checkpointEvery: 3) + pretrained)
        let after = try SafeTensorsFile(contentsOf: run.appendingPathComponent("checkpoints/last.safetensors"))
        for (name, value) in tensors {
            #expect(try after.tensor("features." + name).values == value.values, "\(name) changed")
        }
        let other = TrainingFixtures.experiment(steps: 1) + pretrained.replacingOccurrences(of: good.path, with: bad.path)
        let error = #expect(throws: ExperimentError.self) { try train(other) }
        #expect(error?.description.contains("has feature_maps [4, 8, 16]") == true, "\(String(describing: error))")
    }
}
