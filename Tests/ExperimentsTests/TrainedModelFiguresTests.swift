import Experiments
import Foundation
import Imaging
import Randomness
import Testing
import TestSupport

/// The report's additions to `TrainedModel`: the step-0 agent, the pixel features and the reward map.
@Suite struct TrainedModelFiguresTests {
    static func trainedRun() throws -> URL {
        let text = TrainingFixtures.experiment(steps: 4, checkpointEvery: 2)
            + "features: { handcrafted: true, extractor: joint, feature_maps: [4, 8], embedding_width: 4 }\n"
        let configuration = try ExperimentConfiguration.load(path: try TrainingFixtures.write(text))
        let folder = Fixtures.temporaryDirectory("report-run")
        _ = try Trainer(configuration: configuration, folder: folder.path, force: false).train()
        return folder
    }

    /// A smooth test image with structure in both directions.
    static func image(rows: Int, cols: Int) throws -> Image {
        try Image(rows: rows, cols: cols, values: (0..<(rows * cols)).map { i in
            let (r, c) = (Float(i / cols), Float(i % cols))
            return 0.5 + 0.25 * sin(r / 3) * cos(c / 5)
        })
    }

    @Test func pixelFeaturesAreTheUNetOutputCroppedBack() throws {
        let model = try TrainedModel(run: try Self.trainedRun().path, checkpoint: .last)
        // 37 × 51 is padded to 38 × 52 (sides multiple of 2 for two levels), by repeating the last row and column.
        let odd = try Self.image(rows: 37, cols: 51)
        var padded = [Float]()
        for r in 0..<38 {
            for c in 0..<52 { padded.append(odd[min(r, 36), min(c, 50)]) }
        }
        let features = try #require(try model.pixelFeatures(of: odd, superpixels: LabelImage(rows: 37, cols: 51, repeating: 0)))
        let reference = try #require(try model.pixelFeatures(of: try Image(rows: 38, cols: 52, values: padded),
                                                            superpixels: LabelImage(rows: 38, cols: 52, repeating: 0)))
        #expect(features.shape == [4, 37, 51] && reference.shape == [4, 38, 52])
        for d in 0..<4 {
            for r in [0, 17, 36] {
                for c in [0, 25, 50] { #expect(features[d, r, c] == reference[d, r, c]) }
            }
        }
        #expect(Set(features.values).count > 100)
        #expect(features.values.allSatisfy { $0.isFinite })
    }

    @Test func untrainedAgentIsTheRunAtStepZero() throws {
        let run = try Self.trainedRun()
        let trained = try TrainedModel(run: run.path, checkpoint: .last)
        let untrained = try TrainedModel(untrainedRun: run.path)
        let again = try TrainedModel(untrainedRun: run.path)
        #expect(untrained.checkpoint.step == 0 && trained.checkpoint.step == 4)
        let image = try Self.image(rows: 32, cols: 32)
        let before = try untrained.segment(image), after = try trained.segment(image)
        #expect(before.superpixels == after.superpixels)
        #expect(before.actions != after.actions)                       // four updates moved the actor
        #expect(try again.segment(image).actions == before.actions)    // the initial weights come from the seed
    }

    @Test func givenSuperpixelsWithAnyIdsGiveTheSameSegmentation() throws {
        let model = try TrainedModel(run: try Self.trainedRun().path, checkpoint: .last)
        let image = try Self.image(rows: 32, cols: 32)
        let own = try model.segment(image)
        // The same regions under other ids: shifted (no 0), and spread out with gaps (0 kept).
        for given in [own.superpixels.map { $0 + 5 }, own.superpixels.map { $0 * 3 }] {
            let result = try model.segment(image, superpixels: given)
            #expect(result.superpixels == own.superpixels)
            #expect(result.actions == own.actions && result.labels == own.labels)
        }
    }

    @Test func rewardMapScoresTheSegmentationWithTheManifest() throws {
        let model = try TrainedModel(run: try Self.trainedRun().path, checkpoint: .last)
        var generator = SplitMix64(seed: 4, stream: 0)
        var circles = SyntheticCircles()
        circles.radius = 4...7
        circles.circles = 2...4
        circles.distractors = 0...1
        let sample = try circles.generate(size: 32, using: &generator)
        let result = try model.segment(sample.image)
        // The fixture's manifest is the supervised Dice rule: it needs the ground truth.
        #expect(throws: (any Error).self) { try model.rewardMap(of: sample.image, result: result) }
        let map = try model.rewardMap(of: sample.image, result: result, groundTruth: sample.mask)
        #expect(map.shape == sample.image.shape)
        #expect(map.values.allSatisfy { all($0 .>= 0) && all($0 .<= 1) })
    }
}
