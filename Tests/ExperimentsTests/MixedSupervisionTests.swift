import Experiments
import Foundation
import Testing
import TestSupport

/// Mixed supervision (paper A.10; `supervision:` in an experiment): the first annotated training images get the
/// Dice rule, every other training image the experiment's rules.
@Suite("Mixed supervision")
struct MixedSupervisionTests {
    /// The rules-only manifest of these runs: intensity contrast, same subgraph sizes as the Dice manifest.
    static let rules = """
        manifest: contrast
        subgraph_sizes: [6, 12]
        objects:
          background: { largest: true }
        rules:
          - rule: core.intensity-contrast
            weight: 1

        """

    /// The tiny experiment with `supervision:` appended, its folder holding both manifests.
    static func experiment(supervision: String, supervisionManifest: String = TestManifests.dice,
                           steps: Int = 20) throws -> String {
        let path = try TrainingFixtures.write(TrainingFixtures.experiment(steps: steps, checkpointEvery: 5)
                                                  + "supervision: \(supervision)\n", manifest: rules)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try supervisionManifest.write(to: folder.appendingPathComponent("dice.yaml"), atomically: true, encoding: .utf8)
        return path
    }

    @Test("The annotated images form their own batch scored by the Dice manifest; the run keeps a copy and resumes exactly")
    func annotatedBatchAndResume() throws {
        let path = try Self.experiment(supervision: "{ manifest: dice.yaml, images: 1 }")
        let configuration = try ExperimentConfiguration.load(path: path)
        #expect(configuration.supervision?.images == 1)
        #expect(configuration.supervision?.manifest.hasSuffix("/dice.yaml") == true)
        // The resolved config.yaml round-trips the supervision.
        let reparsed = try ExperimentConfiguration.parse(configuration.yaml, file: "config.yaml", baseFolder: "/")
        #expect(reparsed == configuration)

        let whole = Fixtures.temporaryDirectory("run")
        let trainer = try Trainer(configuration: configuration, folder: whole.path, force: false)
        // 4 training images, batches of 2: the annotated one alone, then the other three as 2 + 1.
        #expect(trainer.trainingBatches.map(\.manifest.name) == ["dice", "contrast", "contrast"])
        #expect(trainer.trainingBatches.map(\.images.count) == [1, 2, 1])
        _ = try trainer.train()
        let copy = try String(contentsOf: whole.appendingPathComponent("supervision-manifest.yaml"), encoding: .utf8)
        #expect(copy == TestManifests.dice)

        var half = configuration
        half.training.steps = 10
        let resumedFolder = Fixtures.temporaryDirectory("run")
        _ = try Trainer(configuration: half, folder: resumedFolder.path, force: false).train()
        let resumed = try Trainer(resuming: resumedFolder.path, steps: 20)
        #expect(resumed.trainingBatches.map(\.manifest.name) == ["dice", "contrast", "contrast"])
        _ = try resumed.train()
        #expect(try TrainingFixtures.metricsWithoutTime(whole) == TrainingFixtures.metricsWithoutTime(resumedFolder))
    }

    @Test("Without supervision every batch gets the rules, in the same batches as before")
    func rulesOnly() throws {
        let path = try TrainingFixtures.write(TrainingFixtures.experiment(steps: 1), manifest: Self.rules)
        let configuration = try ExperimentConfiguration.load(path: path)
        #expect(configuration.supervision == nil)
        let trainer = try Trainer(configuration: configuration, folder: Fixtures.temporaryDirectory("run").path, force: false)
        #expect(trainer.trainingBatches.map(\.manifest.name) == ["contrast", "contrast"])
    }

    @Test("Bad supervision: unknown key (with its line), other subgraph sizes, as many annotated images as training images")
    func errors() throws {
        let unknown = try Self.experiment(supervision: "{ manifest: dice.yaml, image: 1 }")
        // The supervision line comes right after the fixture's text (which ends with a newline).
        let line = TrainingFixtures.experiment(steps: 20, checkpointEvery: 5).components(separatedBy: "\n").count
        #expect { try ExperimentConfiguration.load(path: unknown) } throws: { error in
            "\(error)".contains("experiment.yaml:\(line):") && "\(error)".contains("unknown key 'image' in supervision")
        }
        let sizes = try Self.experiment(supervision: "{ manifest: dice.yaml }",
                                        supervisionManifest: TestManifests.dice.replacingOccurrences(of: "[6, 12]", with: "[6]"))
        #expect { try Trainer(configuration: try ExperimentConfiguration.load(path: sizes),
                              folder: Fixtures.temporaryDirectory("run").path, force: false) } throws: { error in
            "\(error)".contains("subgraph_sizes [6] differ")
        }
        let all = try Self.experiment(supervision: "{ manifest: dice.yaml, images: 4 }")
        #expect { try Trainer(configuration: try ExperimentConfiguration.load(path: all),
                              folder: Fixtures.temporaryDirectory("run").path, force: false) } throws: { error in
            "\(error)".contains("supervision.images is 4 but there are only 4 training images")
        }
    }
}
