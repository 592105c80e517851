import Foundation
import Imaging
import Testing
import TestSupport

/// End-to-end `priorcut train` and `priorcut segment` runs of the built executable: interruption by SIGKILL at
/// arbitrary moments (checkpoints are never half-written and `--resume` continues exactly), Ctrl-C, and
/// segmentation of odd-size 16-bit images.
@Suite("CLI: train and segment")
struct TrainCommandTests {
    static let manifest = TestManifests.dice

    /// A tiny circles experiment; `width` sizes the networks (and so the checkpoint files).
    static func experiment(steps: Int, width: Int, checkpointEvery: Int) -> String {
        """
        name: cli
        seed: 5
        manifest: manifest.yaml
        data: { synthetic: circles, count: 6, size: 32, radius: [4, 7], circles: [2, 4], distractors: [0, 1],
                seed: 7, validation: 2 }
        networks:
          actor: { depth: 1, width: \(width) }
          critic: { depth: 1, width: \(width) }
        agent: { actor_learning_rate: 0.003, critic_learning_rate: 0.003, warmup_steps: 3, replay: { capacity: 16 } }
        training: { steps: \(steps), batch_size: 2, validation_every: 10, checkpoint_every: \(checkpointEvery) }

        """
    }

    static func writeExperiment(steps: Int, width: Int = 8, checkpointEvery: Int = 10) throws -> String {
        let folder = Fixtures.temporaryDirectory("cli-experiment")
        try manifest.write(to: folder.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("experiment.yaml")
        try experiment(steps: steps, width: width, checkpointEvery: checkpointEvery)
            .write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    static func executable() throws -> String {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent(), Fixtures.repositoryRoot.appendingPathComponent(".build/release")]
        return try #require(candidates.map { $0.appendingPathComponent("priorcut").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }, "build the priorcut executable first")
    }

    /// Starts `priorcut` without waiting; output goes to files so that a killed process cannot block a pipe.
    static func launch(_ arguments: [String]) throws -> (process: Process, stderr: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = arguments
        let log = Fixtures.temporaryDirectory("cli-log").appendingPathComponent("stderr.txt")
        try #require(FileManager.default.createFile(atPath: log.path, contents: nil))
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, log)
    }

    /// The train steps logged in `metrics.jsonl`, in file order.
    static func trainSteps(_ run: URL) -> [Int] {
        let text = (try? String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line -> Int? in
            guard line.contains("\"kind\":\"train\""),
                  let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["step"] as? Int
        }
    }

    static func metricsWithoutTime(_ run: URL) throws -> [String] {
        try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8).split(separator: "\n")
            .map { $0.replacingOccurrences(of: #","seconds":[^,}]*"#, with: "", options: .regularExpression) }
    }

    /// Every checkpoint file present must be whole: JSON that parses; safetensors whose header parses and whose
    /// tensors exactly fill the file. Returns the `last.json` step.
    static func checkCheckpointsAreWhole(_ run: URL) throws -> Int? {
        let folder = run.appendingPathComponent("checkpoints")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var lastStep: Int?
        for name in names where !name.hasPrefix(".") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if name.hasSuffix(".json") {
                let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name)")
                if name == "last.json" { lastStep = object["step"] as? Int }
            } else if name.hasSuffix(".safetensors") {
                #expect(data.count > 8, "\(name) is empty")
                let length = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
                try #require(8 + length <= data.count, "\(name): header longer than the file")
                let header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length)))
                    as? [String: Any], "\(name): header is not JSON")
                let ends = header.compactMap { ($0.value as? [String: Any])?["data_offsets"] as? [Int] }.map { $0[1] }
                #expect(ends.max() == data.count - 8 - length, "\(name): tensors do not fill the file")
                #expect(header.count > 10)
            } else {
                Issue.record("unexpected file \(name) in checkpoints/")
            }
        }
        return lastStep
    }

    @Test("SIGKILL at arbitrary moments never leaves a half-written checkpoint, and --resume continues exactly")
    func killMidWrite() throws {
        let steps = 40
        // Width 32 and a checkpoint every step: much of the time goes into writing checkpoints.
        let experiment = try Self.writeExperiment(steps: steps, width: 32, checkpointEvery: 1)
        let run = Fixtures.temporaryDirectory("cli-kill").appendingPathComponent("run")
        let reference = Fixtures.temporaryDirectory("cli-kill").appendingPathComponent("run")
        let whole = try SuperpixelsCommandTests.priorcut(["train", experiment, "--out", reference.path])
        try #require(whole.status == 0, "\(whole.stderr)")

        var arguments = ["train", experiment, "--out", run.path]
        var kills = 0, killedMidWrite = 0
        let checkpoints = run.appendingPathComponent("checkpoints").path
        func writing() -> Bool {
            ((try? FileManager.default.contentsOfDirectory(atPath: checkpoints)) ?? []).contains { $0.hasSuffix(".tmp") }
        }
        // A delay in seconds after the process's first new step, or nil: kill as soon as a checkpoint's temporary
        // file appears (that is, while a checkpoint is being written).
        for delay in [0.0, nil, 0.037, nil, 0.011, nil, 0.053, nil] as [Double?] {
            let (process, _) = try Self.launch(arguments)
            let start = Self.trainSteps(run).last ?? 0
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning, (Self.trainSteps(run).last ?? 0) <= start, Date() < deadline { usleep(2000) }
            if let delay {
                usleep(useconds_t(delay * 1e6))
            } else {
                while process.isRunning, !writing(), Date() < deadline { usleep(200) }
            }
            guard process.isRunning else { break }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            kills += 1
            #expect(process.terminationReason == .uncaughtSignal)
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("checkpoints").path)) ?? []
            if leftovers.contains(where: { $0.hasSuffix(".tmp") }) { killedMidWrite += 1 }
            _ = try Self.checkCheckpointsAreWhole(run)
            arguments = ["train", "--resume", run.path]
        }
        #expect(kills >= 3, "the runs finished before they could be killed; use more steps")
        print("kill test: \(kills) kills, \(killedMidWrite) of them while a checkpoint was being written")
        #expect(killedMidWrite >= 1, "no kill landed while a checkpoint was being written")
        let finish = try SuperpixelsCommandTests.priorcut(["train", "--resume", run.path])
        #expect(finish.status == 0, "\(finish.stderr)")
        #expect(try Self.checkCheckpointsAreWhole(run) == steps)
        #expect(Self.trainSteps(run) == Array(1...steps))
        #expect(try Self.metricsWithoutTime(run) == Self.metricsWithoutTime(reference))
    }

    @Test("Ctrl-C saves the last checkpoint at the step reached and says how to resume")
    func interrupt() throws {
        let experiment = try Self.writeExperiment(steps: 100_000, width: 16, checkpointEvery: 1000)
        let run = Fixtures.temporaryDirectory("cli-int").appendingPathComponent("run")
        let (process, log) = try Self.launch(["train", experiment, "--out", run.path])
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Self.trainSteps(run).count < 5, Date() < deadline { usleep(5000) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("priorcut train --resume \(run.path)"), "\(stderr)")
        let step = try Self.checkCheckpointsAreWhole(run)
        #expect(step != nil && step == Self.trainSteps(run).last)
    }

    @Test("segment writes uint32 label TIFFs of the input's size for odd-size 16-bit images, one file or a folder")
    func segmentOddSizes() throws {
        let experiment = try Self.writeExperiment(steps: 10)
        let run = Fixtures.temporaryDirectory("cli-seg").appendingPathComponent("run")
        let trained = try SuperpixelsCommandTests.priorcut(["train", experiment, "--out", run.path, "--json"])
        try #require(trained.status == 0, "\(trained.stderr)")
        let inputs = Fixtures.temporaryDirectory("cli-seg-in")
        var generator = SystemRandomNumberGenerator()
        for (name, rows, cols) in [("odd", 257, 313), ("small", 45, 71)] {
            var values = [UInt16](repeating: 0, count: rows * cols)
            for r in 0..<rows {
                for c in 0..<cols {
                    let inside = (r - rows / 2) * (r - rows / 2) + (c - cols / 3) * (c - cols / 3) < 100
                    values[r * cols + c] = (inside ? 20_000 : 1_000) + UInt16.random(in: 0...500, using: &generator)
                }
            }
            try ImageFile.write(try Raster(rows: rows, cols: cols, samples: .uint16(values)),
                                to: inputs.appendingPathComponent("\(name).tif").path)
        }
        let outputs = Fixtures.temporaryDirectory("cli-seg-out")
        let single = outputs.appendingPathComponent("odd-labels.tif")
        let one = try SuperpixelsCommandTests.priorcut(["segment", "--run", run.path, "--image",
                                                        inputs.appendingPathComponent("odd.tif").path, "--out", single.path])
        #expect(one.status == 0, "\(one.stderr)")
        let labels = try ImageFile.read(single.path)
        #expect(labels.sampleType == .uint32 && labels.rows == 257 && labels.cols == 313)

        let folder = outputs.appendingPathComponent("labels")
        let many = try SuperpixelsCommandTests.priorcut(["segment", "--run", run.path, "--images", inputs.path,
                                                         "--out", folder.path, "--checkpoint", "last", "--json"])
        #expect(many.status == 0, "\(many.stderr)")
        let small = try ImageFile.read(folder.appendingPathComponent("small.tif").path)
        #expect(small.sampleType == .uint32 && small.rows == 45 && small.cols == 71)
        let again = try SuperpixelsCommandTests.priorcut(["segment", "--run", run.path, "--images", inputs.path,
                                                          "--out", folder.path])
        #expect(again.status != 0 && again.stderr.contains("--force"))
    }
}
