import Foundation
import Imaging
import TestSupport
import Testing

/// End-to-end tests of `priorcut reward`, `rules fit`, `rules prefer-truth`, the bundled manifests and the
/// rule-plugin tutorial package.
@Suite struct RewardCommandsTests {
    static let root = Fixtures.repositoryRoot
    static func example(_ path: String) -> String { root.appendingPathComponent("Examples/\(path)").path }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test func rulesListsEveryPluginsRulesByDefault() throws {
        let result = try PriorCutProcess.run(["rules", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let rules = try #require(try Self.json(result.output)["rules"] as? [[String: Any]])
        let identifiers = Set(rules.compactMap { $0["identifier"] as? String })
        #expect(identifiers.isSuperset(of: ["core.object-count", "circles.hough", "nuclei.shape-similarity", "embryo.radial-cell"]))
        let count = try #require(rules.first { $0["identifier"] as? String == "core.object-count" })
        let parameters = (count["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(parameters == ["expected", "slack"])
    }

    @Test func everyBundledManifestPassesTheCheck() throws {
        let manifests = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Examples").path)
            .map { Self.example("\($0)/manifest.yaml") }
            .filter { FileManager.default.fileExists(atPath: $0) && !$0.contains("rule-plugin") }
        #expect(manifests.count >= 3)
        let result = try PriorCutProcess.run(["manifest", "check"] + manifests)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.split(separator: "\n").count == manifests.count)
    }

    @Test func rewardPrintsObjectsRulesSizesAndWritesAMap() throws {
        let dir = Fixtures.temporaryDirectory()
        let synth = try PriorCutProcess.run(["synth", "circles", "--count", "1", "--size", "128", "--seed", "3",
                                             "--objects", "4", "--radius", "10:14", "--out", dir.path])
        #expect(synth.status == 0, "\(synth.error)")
        let image = dir.appendingPathComponent("images/circles_0000.tif").path
        let mask = dir.appendingPathComponent("masks/circles_0000.tif").path
        let superpixels = dir.appendingPathComponent("sp.tif").path
        #expect(try PriorCutProcess.run(["superpixels", "--image", image, "--ground-truth", mask, "--out", superpixels]).status == 0)
        let arguments = ["reward", "--manifest", Self.example("circles/manifest.yaml"), "--image", image,
                         "--superpixels", superpixels, "--segmentation", mask, "--out", dir.appendingPathComponent("maps").path]
        let result = try PriorCutProcess.run(arguments + ["--json"])
        #expect(result.status == 0, "\(result.error)")
        let report = try Self.json(result.output)
        let mean = try #require(report["mean_reward"] as? Double)
        let perSize = try #require(report["per_size"] as? [String: Double])
        #expect(Set(perSize.keys) == ["6", "12"])
        #expect(abs(mean - perSize.values.reduce(0, +) / 2) < 1e-5)
        let objects = try #require(report["objects"] as? [[String: Any]])
        let truthLabels = Set(try ImageFile.readLabels(mask).values.map(Int.init))
        #expect(Set(objects.compactMap { $0["label"] as? Int }) == truthLabels)
        let foreground = objects.filter { $0["class"] as? String == "foreground" }
        #expect(foreground.count == truthLabels.count - 1)
        for object in foreground {
            let rules = try #require(object["rules"] as? [String: Double])
            #expect(Set(rules.keys) == ["circles.hough", "core.object-count"])
        }
        let map = try PNGFile.read(dir.appendingPathComponent("maps/circles_0000_reward.png").path)
        #expect(map.channels == 3 && map.rows == 128 && map.cols == 128)
        // The raw over-segmentation (the superpixels as a segmentation) scores below the truth.
        let raw = try PriorCutProcess.run(["reward", "--manifest", Self.example("circles/manifest.yaml"), "--image", image,
                                           "--superpixels", superpixels, "--segmentation", superpixels, "--json"])
        #expect(try #require(Self.json(raw.output)["mean_reward"] as? Double) < mean)
        // The map is not overwritten without --force, and bad actions are a clear error.
        let again = try PriorCutProcess.run(arguments)
        #expect(again.status != 0 && again.error.contains("--force"))
        let actions = dir.appendingPathComponent("actions.txt")
        try "0.5 2".write(to: actions, atomically: true, encoding: .utf8)
        let bad = try PriorCutProcess.run(Array(arguments.dropLast(2)) + ["--actions", actions.path])
        #expect(bad.status != 0 && bad.error.contains("not a number in [0, 1]"))
        // Valid actions (one per edge) override the segmentation's own: undecided 0.5 everywhere changes the contrast term.
        let edges = try #require(report["edges"] as? Int)
        try Array(repeating: "0.5", count: edges).joined(separator: "\n").write(to: actions, atomically: true, encoding: .utf8)
        let undecided = try PriorCutProcess.run(Array(arguments.dropLast(2)) + ["--actions", actions.path, "--json"])
        #expect(undecided.status == 0, "\(undecided.error)")
        #expect(try #require(Self.json(undecided.output)["mean_reward"] as? Double) != mean)
        // A segmentation of another shape is a clear error.
        let small = dir.appendingPathComponent("small.tif").path
        try ImageFile.write(try Raster(labels: LabelImage(rows: 8, cols: 8, repeating: 1)), to: small)
        let wrong = try PriorCutProcess.run(["reward", "--manifest", Self.example("circles/manifest.yaml"), "--image", image,
                                             "--superpixels", superpixels, "--segmentation", small])
        #expect(wrong.status != 0 && wrong.error.contains("segmentation is 8×8"))
    }

    @Test func fitDerivesMeansAndPercentilesFromMasks() throws {
        let dir = Fixtures.temporaryDirectory()
        let images = dir.appendingPathComponent("images"), masks = dir.appendingPathComponent("masks")
        for folder in [images, masks] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        // Two images, each with one filled square of side 4 (a) or 6 (b) at intensity 0.5.
        for (name, side) in [("a", 4), ("b", 6)] {
            let labels = try LabelImage(rows: 16, cols: 16, values: (0..<256).map { i in i / 16 >= 2 && i / 16 < 2 + side && i % 16 >= 3 && i % 16 < 3 + side ? 1 : 0 })
            try ImageFile.write(try Raster(labels: labels), to: masks.appendingPathComponent("\(name).tif").path)
            try ImageFile.write(try Raster(image: labels.map { $0 == 1 ? Float(0.5) : 0.1 }), to: images.appendingPathComponent("\(name).tif").path)
        }
        let result = try PriorCutProcess.run(["rules", "fit", "nuclei.shape-similarity", "--masks", masks.path,
                                              "--images", images.path, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let fit = try Self.json(result.output)
        let names = try #require(fit["properties"] as? [String])
        let expected = try #require(fit["expected"] as? [Double]), normalizers = try #require(fit["normalizers"] as? [Double])
        let value = Dictionary(uniqueKeysWithValues: zip(names, expected))
        let norm = Dictionary(uniqueKeysWithValues: zip(names, normalizers))
        #expect(fit["objects"] as? Int == 2)
        #expect(abs((value["extent"] ?? 0) - 1) < 1e-9 && abs((value["solidity"] ?? 0) - 1) < 1e-9)
        #expect(abs((value["eccentricity"] ?? 1)) < 1e-6)
        // Read as experiments read images: each stretched to [0, 1], so the squares (0.5 on 0.1) become 1.
        #expect(abs((value["intensity_mean"] ?? 0) - 1) < 1e-6)
        // Minor axis of a filled square of side s: 4·sqrt(s²/12 … ) — the mean of sides 4 and 6 and the 99th
        // percentile (the larger) as normaliser.
        let minor4 = 4 * ((16.0 - 1) / 12).squareRoot(), minor6 = 4 * ((36.0 - 1) / 12).squareRoot()
        #expect(abs((value["axis_minor_length"] ?? 0) - (minor4 + minor6) / 2) < 1e-6)
        #expect(abs((norm["axis_minor_length"] ?? 0) - minor6) < 1e-6)
        let typeScaled = try PriorCutProcess.run(["rules", "fit", "nuclei.shape-similarity", "--masks", masks.path,
                                                  "--images", images.path, "--normalisation", "type", "--json"])
        #expect(typeScaled.status == 0, "\(typeScaled.error)")
        let typeFit = try Self.json(typeScaled.output)
        let typeValue = Dictionary(uniqueKeysWithValues: zip(try #require(typeFit["properties"] as? [String]),
                                                             try #require(typeFit["expected"] as? [Double])))
        #expect(abs((typeValue["intensity_mean"] ?? 0) - 0.5) < 1e-6)
        let other = try PriorCutProcess.run(["rules", "fit", "circles.hough", "--masks", masks.path, "--images", images.path])
        #expect(other.status != 0 && other.error.contains("only nuclei.shape-similarity"))
    }

    /// Rules prefer the truth (issue 6): on synthetic circles, synthetic embryos and the four bundled DSB2018 test
    /// images, every image's ground truth outranks the raw over-segmentation, 20 % merges and 20 % splits.
    @Test(arguments: ["circles", "embryo", "nuclei"])
    func bundledManifestsPreferTheTruth(kind: String) throws {
        let dir = Fixtures.temporaryDirectory()
        var data = Self.example("nuclei/data/test")
        if kind != "nuclei" {
            let synth = try PriorCutProcess.run(["synth", kind, "--count", "3", "--size", "256", "--seed", "21", "--out", dir.path])
            #expect(synth.status == 0, "\(synth.error)")
            data = dir.path
        }
        // Generated files are read as training reads generated images (their type's range).
        let normalisation = kind == "nuclei" ? "min_max" : "type"
        let result = try PriorCutProcess.run(["rules", "prefer-truth", "--manifest", Self.example("\(kind)/manifest.yaml"),
                                              "--images", data + "/images", "--masks", data + "/masks", "--seed", "4",
                                              "--normalisation", normalisation, "--json"])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        let images = try #require(try Self.json(result.output)["images"] as? [[String: Any]])
        #expect(images.count == (kind == "nuclei" ? 4 : 3))
        for image in images {
            let r = try #require(image["rewards"] as? [String: Any])
            let truth = try #require(r["truth"] as? Double)
            #expect(truth > (r["raw"] as? Double ?? 1), "\(kind) \(image["image"] ?? ""): \(r)")
            if (r["merges"] as? Int ?? 0) > 0 { #expect(truth > (r["merged"] as? Double ?? 1), "\(kind): \(r)") }
            if (r["splits"] as? Int ?? 0) > 0 { #expect(truth > (r["split"] as? Double ?? 1), "\(kind): \(r)") }
        }
    }
}
