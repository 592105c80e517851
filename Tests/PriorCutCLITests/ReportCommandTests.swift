import Foundation
import TestSupport
import Testing

/// `priorcut train` on a tiny experiment, then `priorcut report` on its run folder.
@Suite struct ReportCommandTests {
    static let manifest = TestManifests.dice

    static let experiment = """
        name: tiny-report
        seed: 2
        manifest: manifest.yaml
        data:
          synthetic: circles
          count: 4
          size: 48
          radius: [4, 7]
          circles: [2, 4]
          distractors: [0, 1]
          seed: 7
          validation: 1
        test:
          synthetic: circles
          count: 2
          size: 48
          radius: [4, 7]
          circles: [2, 4]
          distractors: [0, 1]
          seed: 8
        features:
          extractor: joint
          feature_maps: [4, 8]
          embedding_width: 4
        networks:
          actor: { depth: 1, width: 8 }
          critic: { depth: 1, width: 8 }
        agent:
          warmup_steps: 2
        training:
          steps: 6
          batch_size: 2
          validation_every: 3
          checkpoint_every: 3

        """

    @Test func reportsATrainedRunAndRefusesToOverwriteWithoutForce() throws {
        let folder = Fixtures.temporaryDirectory("priorcut-report-command")
        try Self.manifest.write(to: folder.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        let experiment = folder.appendingPathComponent("experiment.yaml")
        try Self.experiment.write(to: experiment, atomically: true, encoding: .utf8)
        let run = folder.appendingPathComponent("run")
        let train = try PriorCutProcess.run(["train", experiment.path, "--out", run.path])
        try #require(train.status == 0, "\(train.error)")

        let report = try PriorCutProcess.run(["report", run.path, "--figures", "1", "--json"])
        try #require(report.status == 0, "\(report.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let table = try #require(json["table"] as? [[String: Any]])
        #expect(table.compactMap { $0["kind"] as? String }
                == ["trained_agent", "untrained_agent", "baseline", "baseline", "baseline", "baseline", "upper_bound"])
        #expect(table.allSatisfy { $0["images"] as? Int == 2 })

        let html = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<img src=\"data:image/png;base64,").count - 1 == 7)
        for row in table { #expect(html.contains(">\(row["method"] as? String ?? "?")<")) }
        #expect(html.contains("<svg"))   // the run's curves
        let segmentations = try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("segmentations").path)
        #expect(segmentations.sorted() == ["agent", "agent-step-0", "multicut", "mutex-watershed", "otsu", "sp-gt", "watershed"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("figures").path).count == 7)

        let again = try PriorCutProcess.run(["report", run.path])
        #expect(again.status != 0 && again.error.contains("--force"))
        let forced = try PriorCutProcess.run(["report", run.path, "--force", "--figures", "0", "--images", "1"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(forced.output.contains("sp gt"))

        let missing = try PriorCutProcess.run(["report", folder.appendingPathComponent("nothing").path])
        #expect(missing.status != 0 && missing.error.contains("config.yaml"))
    }

    /// A run trained on ground-truth-intersected superpixels is evaluated on them: its "sp gt" row is exact.
    @Test func groundTruthSuperpixelRunsAreEvaluatedOnThem() throws {
        let folder = Fixtures.temporaryDirectory("priorcut-report-gt")
        try Self.manifest.write(to: folder.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        let experiment = folder.appendingPathComponent("experiment.yaml")
        // Crowded 128 px images, where the plain recipe's superpixels cannot reach every object exactly.
        let crowded = Self.experiment.replacingOccurrences(of: "size: 48", with: "size: 128")
            .replacingOccurrences(of: "radius: [4, 7]", with: "radius: [10, 19]")
            .replacingOccurrences(of: "circles: [2, 4]", with: "circles: [10, 20]")
        try (crowded + "superpixels: { ground_truth: true }\n").write(to: experiment, atomically: true, encoding: .utf8)
        let run = folder.appendingPathComponent("run")
        let train = try PriorCutProcess.run(["train", experiment.path, "--out", run.path])
        try #require(train.status == 0, "\(train.error)")
        let report = try PriorCutProcess.run(["report", run.path, "--figures", "0", "--json"])
        try #require(report.status == 0, "\(report.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let table = try #require(json["table"] as? [[String: Any]])
        let bound = try #require(table.first { $0["kind"] as? String == "upper_bound" })
        let mean = try #require(bound["mean"] as? [String: Any])
        #expect(mean["mAP"] as? Double == 1, "\(mean)")
    }
}

/// `priorcut example NAME` on a tiny example folder: train, select, evaluate, report.
@Suite struct ExampleCommandTests {
    /// A fresh examples folder holding the example `tiny` (the report tests' manifest and quick experiment).
    static func examplesFolder(_ name: String) throws -> URL {
        let examples = Fixtures.temporaryDirectory(name)
        let tiny = examples.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: tiny, withIntermediateDirectories: true)
        try ReportCommandTests.manifest.write(to: tiny.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        try ReportCommandTests.experiment.write(to: tiny.appendingPathComponent("experiment.yaml"), atomically: true,
                                                encoding: .utf8)
        return examples
    }

    @Test func runsAnExampleEndToEnd() throws {
        let examples = try Self.examplesFolder("priorcut-examples")
        let run = examples.appendingPathComponent("run")
        let result = try PriorCutProcess.run(["example", "tiny", "--examples", examples.path, "--out", run.path,
                                              "--figures", "1", "--seeds", "1"])
        try #require(result.status == 0, "\(result.error)")
        #expect(result.output.contains("agent (step 0)") && result.output.contains("sp gt"))
        for file in ["report.html", "metrics.json", "config.yaml", "curves.svg", "checkpoints/best.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent(file).path), "\(file) missing")
        }

        let full = try PriorCutProcess.run(["example", "tiny", "--full", "--examples", examples.path, "--out", run.path])
        #expect(full.status != 0 && full.error.contains("experiment-full.yaml"))
        let unknown = try PriorCutProcess.run(["example", "nothing", "--examples", examples.path])
        #expect(unknown.status != 0 && unknown.error.contains("available: tiny"))
        let negative = try PriorCutProcess.run(["example", "tiny", "--examples", examples.path, "--figures=-1"])
        #expect(negative.status != 0 && negative.error.contains("--figures must be at least 0"))
        let noSeeds = try PriorCutProcess.run(["example", "tiny", "--examples", examples.path, "--seeds", "0"])
        #expect(noSeeds.status != 0 && noSeeds.error.contains("--seeds must be at least 1"))
    }

    @Test func keepsTheSeedWithTheBestValidationReward() throws {
        let examples = try Self.examplesFolder("priorcut-examples-seeds")
        let out = examples.appendingPathComponent("run")
        let arguments = ["example", "tiny", "--examples", examples.path, "--out", out.path, "--figures", "0", "--seeds", "2"]
        let result = try PriorCutProcess.run(arguments)
        try #require(result.status == 0, "\(result.error)")
        let selection = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("selection.json"))) as? [String: Any])
        let candidates = try #require(selection["candidates"] as? [[String: Any]])
        #expect(candidates.count == 2)
        let rewards = candidates.compactMap { $0["best_validation_reward"] as? Double }
        let runs = candidates.compactMap { $0["run"] as? String }
        try #require(rewards.count == 2 && runs.count == 2)
        // The chosen run is the candidate with the larger best validation reward, and it holds the report.
        let chosen = try #require(selection["chosen"] as? String)
        #expect(chosen == runs[rewards[1] > rewards[0] ? 1 : 0])
        #expect(FileManager.default.fileExists(atPath: chosen + "/report.html"))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("report.html").path)
        #expect(out.appendingPathComponent(link).standardizedFileURL.path == URL(fileURLWithPath: chosen + "/report.html").standardizedFileURL.path)
        #expect(result.output.contains("run: \(chosen)"))
        // Each seed trained into its own folder, with the seed it names.
        for run in runs {
            let config = try String(contentsOfFile: run + "/config.yaml", encoding: .utf8)
            let seed = try #require(run.split(separator: "-").last)
            #expect(config.contains("seed: \(seed)"), "\(run)/config.yaml should record seed \(seed)")
        }
        // A second run into the same folder asks for --force instead of replacing the selection.
        let again = try PriorCutProcess.run(arguments)
        #expect(again.status != 0 && again.error.contains("--force"))
    }
}
