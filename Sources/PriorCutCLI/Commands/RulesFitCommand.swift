import ArgumentParser
import Foundation
import Imaging
import NucleusRules
import Rewards

/// `priorcut rules fit nuclei.shape-similarity --masks DIR --images DIR`.
struct RulesFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Derive a rule's parameters from ground-truth masks of a training split; print a manifest `with:` block.",
        discussion: """
            Supported: nuclei.shape-similarity — `expected` is the mean of each of the 8 properties over every
            annotated object, `normalizers` the --percentile (default 99th, nearest rank) of its absolute value.
            Use the training split only: fitting on the images you evaluate on would leak the answer.
            """)

    @Argument(help: "The rule to fit (nuclei.shape-similarity).")
    var rule: String
    @Option(help: "Folder of ground-truth label images.")
    var masks: String
    @Option(help: "Folder of the matching images (same name stems).")
    var images: String
    @Option(help: "Percentile of |property| used as its normaliser.")
    var percentile: Double = 99
    @Flag(help: "Print JSON instead of the manifest block.")
    var json = false

    @OptionGroup var intensity: IntensityOptions

    func run() throws {
        guard rule == ShapeSimilarityRule.identifier else {
            throw ValidationError("only \(ShapeSimilarityRule.identifier) can be fitted, not '\(rule)'")
        }
        let pairs = try PairedInputs([("--images", images), ("--masks", masks)])
        var properties: [[Double]] = []
        for item in pairs.items {
            let image = try intensity.readImage(item.paths[0])
            properties += try ShapeSimilarityFit.properties(groundTruth: ImageFile.readLabels(item.paths[1]), image: image)
        }
        let fit = try ShapeSimilarityFit(properties: properties, percentile: percentile)
        if json {
            try printJSON(["rule": rule, "images": pairs.items.count, "objects": fit.objectCount,
                           "properties": NucleusProperties.names, "expected": fit.expected, "normalizers": fit.normalizers])
        } else {
            print("# \(rule) fitted on \(pairs.items.count) images")
            print(fit.manifestBlock)
        }
    }
}
