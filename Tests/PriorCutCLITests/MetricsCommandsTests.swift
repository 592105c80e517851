import Foundation
import Imaging
import TestSupport
import Testing

/// End-to-end runs of the built `priorcut` executable (it sits beside the test bundle in .build/<config>/).
enum PriorCutProcess {
    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("priorcut").path
    }

    /// Runs `priorcut` with this process's environment changed by `environment` (a nil value removes the variable).
    static func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> Result {
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build the priorcut product first (\(executable))")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      error: String(decoding: error, as: UTF8.self))
    }
}

@Suite struct MetricsCommandsTests {
    @Test func synthIsByteIdenticalForTheSameSeedAndRefusesToOverwrite() throws {
        let root = Fixtures.temporaryDirectory()
        for (folder, seed) in [("a", "5"), ("b", "5"), ("c", "6")] {
            let result = try PriorCutProcess.run(["synth", "circles", "--count", "2", "--size", "96", "--seed", seed,
                                                  "--objects", "3:5", "--radius", "6:10", "--out", root.appendingPathComponent(folder).path])
            #expect(result.status == 0, "\(result.error)")
        }
        for sub in ["images/circles_0000.tif", "images/circles_0001.tif", "masks/circles_0001.tif"] {
            let a = try Data(contentsOf: root.appendingPathComponent("a/\(sub)"))
            #expect(a == (try Data(contentsOf: root.appendingPathComponent("b/\(sub)"))))
            #expect(a != (try Data(contentsOf: root.appendingPathComponent("c/\(sub)"))))
        }
        let image = try ImageFile.read(root.appendingPathComponent("a/images/circles_0000.tif").path)
        let mask = try ImageFile.read(root.appendingPathComponent("a/masks/circles_0000.tif").path)
        #expect(image.sampleType == .float32 && mask.sampleType == .uint32 && image.rows == 96)
        let again = try PriorCutProcess.run(["synth", "circles", "--count", "2", "--size", "96", "--seed", "5",
                                             "--out", root.appendingPathComponent("a").path])
        #expect(again.status != 0 && again.error.contains("--force"))
    }

    @Test func evaluateFoldersPrintsPerImageAndMeanJSON() throws {
        let root = Fixtures.temporaryDirectory()
        let gt = root.appendingPathComponent("gt"), pred = root.appendingPathComponent("pred")
        for folder in [gt, pred] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for name in ["jittered", "merged"] {
            try FileManager.default.copyItem(atPath: Fixtures.fixture("metrics/\(name)_gt.tif"), toPath: gt.appendingPathComponent("\(name).tif").path)
            try FileManager.default.copyItem(atPath: Fixtures.fixture("metrics/\(name)_pred.tif"), toPath: pred.appendingPathComponent("\(name).tif").path)
        }
        let result = try PriorCutProcess.run(["evaluate", "--ground-truth", gt.path, "--prediction", pred.path, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let images = try #require(json["images"] as? [[String: Any]])
        let mean = try #require(json["mean"] as? [String: Any])
        let summary = try Fixtures.csv(Fixtures.fixture("metrics/summary.csv"))
        let expected = ["jittered", "merged"].compactMap { name in summary.first { $0["case"] == name }?["mAP"].flatMap(Double.init) }
        try #require(expected.count == 2)
        #expect(images.map { $0["name"] as? String } == ["jittered", "merged"])
        let perImage = images.compactMap { ($0["metrics"] as? [String: Any])?["mAP"] as? Double }
        #expect(perImage.count == 2 && zip(perImage, expected).allSatisfy { abs($0 - $1) <= 1e-12 })
        #expect(abs((mean["mAP"] as? Double ?? -1) - (expected[0] + expected[1]) / 2) <= 1e-12)
        #expect((images[0]["thresholds"] as? [Any])?.count == 10)

        // A missing partner is a clear error naming it.
        try FileManager.default.copyItem(atPath: Fixtures.fixture("metrics/split_gt.tif"), toPath: gt.appendingPathComponent("split.tif").path)
        let missing = try PriorCutProcess.run(["evaluate", "--ground-truth", gt.path, "--prediction", pred.path])
        #expect(missing.status != 0 && missing.error.contains("--prediction has no file for: split"))
        // A shape mismatch names the image.
        let mismatch = try PriorCutProcess.run(["evaluate", "--ground-truth", Fixtures.fixture("metrics/dsb_otsu_cc_gt.tif"),
                                                "--prediction", Fixtures.fixture("metrics/jittered_pred.tif")])
        #expect(mismatch.status != 0 && mismatch.error.contains("256×256") && mismatch.error.contains("128×128"))
    }

    @Test func upperBoundWritesLabelImagesAndProtectsThem() throws {
        let root = Fixtures.temporaryDirectory()
        let out = root.appendingPathComponent("bound.tif").path
        // Superpixels = ground truth relabelled: the bound is the ground truth itself.
        let gt = try ImageFile.readLabels(Fixtures.fixture("metrics/identical_permuted_gt.tif"))
        let arguments = ["upper-bound", "--superpixels", Fixtures.fixture("metrics/identical_permuted_pred.tif"),
                         "--ground-truth", Fixtures.fixture("metrics/identical_permuted_gt.tif"), "--out", out, "--json"]
        let first = try PriorCutProcess.run(arguments)
        #expect(first.status == 0, "\(first.error)")
        #expect(try ImageFile.readLabels(out) == gt)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        #expect(json["mean_superpixels_per_nucleus"] as? Double == 23.0 / 22.0) // 22 objects + 1 background superpixel
        let second = try PriorCutProcess.run(arguments)
        #expect(second.status != 0 && second.error.contains("refusing to overwrite"))
        #expect(try PriorCutProcess.run(arguments + ["--force"]).status == 0)
    }
}
