import ArgumentParser
import Foundation
import Imaging
import Rewards

/// `priorcut rules prefer-truth --manifest M --images DIR --masks DIR`.
struct PreferTruthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prefer-truth",
        abstract: "Check that a manifest rewards the ground truth above the over-segmentation, merges and splits.",
        discussion: """
            Per image: superpixels (default recipe, intersected with the ground truth, so the truth is exactly a merge
            of superpixels; or --superpixels DIR), then the mean reward (as `priorcut reward` computes it) of the
            ground truth, of the raw over-segmentation (every superpixel an object), of a segmentation where
            --fraction of the true objects are merged pairwise with a neighbour, and of one where as many are split
            in two. Prints the four rewards per image and their means; exits with status 1 if the mean truth reward
            is not the highest.
            """)

    @Option(help: "Rule manifest (YAML).")
    var manifest: String
    @Option(help: "Folder of images.")
    var images: String
    @Option(help: "Folder of ground-truth label images (same name stems).")
    var masks: String
    @Option(help: "Folder of superpixel label images (same stems); default: computed and intersected with the masks.")
    var superpixels: String?
    @Option(help: "Use at most this many images (sorted by name).")
    var limit: Int?
    @Option(help: "Fraction of the true objects merged, and split.")
    var fraction: Double = 0.2
    @Option(help: "Seed of the subgraph sampler and of the perturbations.")
    var seed: UInt64 = 0
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard fraction > 0, fraction <= 0.5 else { throw ValidationError("--fraction must lie in (0, 0.5], got \(fraction)") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    @OptionGroup var intensity: IntensityOptions

    func run() throws {
        let manifest = try RewardManifest.load(path: self.manifest, registry: PriorCutCLI.registry())
        var inputs = [("--images", images), ("--masks", masks)]
        if let superpixels { inputs.append(("--superpixels", superpixels)) }
        let items = Array(try PairedInputs(inputs).items.prefix(limit ?? .max))
        var rows: [(String, TruthPreference)] = []
        for (index, item) in items.enumerated() {
            let image = try intensity.readImage(item.paths[0])
            let truth = try ImageFile.readLabels(item.paths[1])
            let superpixels = try item.paths.count > 2 ? ImageFile.readLabels(item.paths[2])
                : SuperpixelRecipe.raw.superpixels(of: image, groundTruth: truth)
            let scene = try RewardScene(image: image, superpixels: superpixels, subgraphSizes: manifest.subgraphSizes,
                                        seed: seed &+ UInt64(index))
            rows.append((item.stem, try TruthPreference(manifest: manifest, scene: scene, groundTruth: truth,
                                                        fraction: fraction, seed: seed &+ UInt64(index))))
        }
        guard !rows.isEmpty else { throw ValidationError("no images") }
        func mean(_ value: (TruthPreference) -> Float) -> Float { rows.reduce(0) { $0 + value($1.1) } / Float(rows.count) }
        let means = TruthPreference(truth: mean(\.truth), raw: mean(\.raw), merged: mean(\.merged), split: mean(\.split),
                                    merges: rows.reduce(0) { $0 + $1.1.merges }, splits: rows.reduce(0) { $0 + $1.1.splits })
        let preferring = rows.count { $0.1.prefersTruth }
        if json {
            func object(_ p: TruthPreference) -> [String: Any] {
                ["truth": Double(p.truth), "raw": Double(p.raw), "merged": Double(p.merged), "split": Double(p.split),
                 "merges": p.merges, "splits": p.splits]
            }
            try printJSON(["manifest": manifest.name, "mean": object(means), "images_preferring_truth": preferring,
                           "images": rows.map { ["image": $0.0, "rewards": object($0.1)] as [String: Any] }])
        } else {
            print("image  truth  raw  merged  split")
            for (stem, p) in rows {
                let note = (p.merges == 0 ? "  (nothing to merge)" : "") + (p.splits == 0 ? "  (nothing to split)" : "")
            print(String(format: "%@  %.4f  %.4f  %.4f  %.4f", stem, p.truth, p.raw, p.merged, p.split) + note + (p.prefersTruth ? "" : "  ✗"))
            }
            print(String(format: "mean  %.4f  %.4f  %.4f  %.4f", means.truth, means.raw, means.merged, means.split))
            print("\(preferring)/\(rows.count) images prefer the truth")
        }
        if !means.prefersTruth { throw ExitCode(1) }
    }
}
