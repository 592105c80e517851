import Foundation
import Imaging
import TestSupport
import Testing

/// The tutorial of Documentation/WritingARulePlugin.md, followed literally: build the package in
/// Examples/rule-plugin (which depends on PriorCut by path) and score rods with its `my-priorcut reward`.
///
/// The slowest test of the suite: the first run compiles PriorCut a second time into `.build-rule-plugin/` (several
/// minutes); later runs only relink. Skip it with `--skip RulePluginExampleTests` when iterating on other things.
@Suite struct RulePluginExampleTests {
    @Test func tutorialPackageBuildsAndItsRuleScoresElongatedObjects() throws {
        let root = Fixtures.repositoryRoot
        let package = root.appendingPathComponent("Examples/rule-plugin").path
        let scratch = root.appendingPathComponent(".build-rule-plugin").path
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The cached build manifest of the scratch folder does not notice source files added to PriorCut (the path
        // dependency) since the last build; regenerating it costs a second.
        build.arguments = ["swift", "build", "--package-path", package, "--scratch-path", scratch, "--product", "my-priorcut",
                           "--disable-build-manifest-caching"]
        let log = Pipe()
        build.standardOutput = log
        build.standardError = log
        try build.run()
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        build.waitUntilExit()
        try #require(build.terminationStatus == 0, "swift build of Examples/rule-plugin failed:\n\(output)")

        // Two rods (18 × 6 and 6 × 18 px, axis ratio ≈ 3) and a square (10 × 10) on a dark background;
        // superpixels: the objects cut into 4 × 4 tiles.
        let dir = Fixtures.temporaryDirectory()
        let rows = 48, cols = 48
        let mask = try LabelImage(rows: rows, cols: cols, values: (0..<rows * cols).map { i in
            let r = i / cols, c = i % cols
            if (5..<11).contains(r), (4..<22).contains(c) { return 1 }
            if (20..<38).contains(r), (30..<36).contains(c) { return 2 }
            if (30..<40).contains(r), (5..<15).contains(c) { return 3 }
            return 0
        })
        let image = mask.map { $0 == 0 ? Float(0.1) : 0.8 }
        let tiles = try LabelImage(rows: rows, cols: cols, values: (0..<rows * cols).map { UInt32(($0 / cols) / 4 * 12 + ($0 % cols) / 4) })
        let superpixels = try GroundTruthIntersection.split(tiles, groundTruth: mask)
        let paths = ["image", "mask", "superpixels"].map { dir.appendingPathComponent("\($0).tif").path }
        try ImageFile.write(try Raster(image: image), to: paths[0])
        try ImageFile.write(try Raster(labels: mask), to: paths[1])
        try ImageFile.write(try Raster(labels: superpixels), to: paths[2])

        let executable = URL(fileURLWithPath: scratch).appendingPathComponent("debug/my-priorcut").path
        let run = Process()
        run.executableURL = URL(fileURLWithPath: executable)
        run.arguments = ["reward", "--manifest", root.appendingPathComponent("Examples/rule-plugin/manifest.yaml").path,
                         "--image", paths[0], "--superpixels", paths[2], "--segmentation", paths[1], "--json"]
        let out = Pipe()
        run.standardOutput = out
        try run.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let objects = try #require(report["objects"] as? [[String: Any]])
        func axisRatioScore(_ label: Int) -> Double? {
            let object = objects.first { $0["label"] as? Int == label }
            return (object?["rules"] as? [String: Double])?["elongation.axis-ratio"]
        }
        let rod1 = try #require(axisRatioScore(1)), rod2 = try #require(axisRatioScore(2)), square = try #require(axisRatioScore(3))
        #expect(rod1 > 0.9 && rod2 > 0.9)   // ratio ≈ 3.1 against an expected 3
        #expect(square < 0.1)               // ratio 1: (1 − 3) / 0.75 ≈ −2.7 standard tolerances away
        #expect(axisRatioScore(0) == nil)   // the background is not judged by the rule
    }
}
