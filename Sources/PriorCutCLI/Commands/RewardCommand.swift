import ArgumentParser
import Foundation
import Imaging
import Rewards

struct RewardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reward",
        abstract: "Score one segmentation under a rule manifest: per-object and per-rule scores, subgraph means, a reward map.",
        discussion: """
            The rule author's inner loop. The segmentation (a pixel label image) is mapped onto the superpixels by
            majority overlap; the region adjacency graph is built with the image as intensities, and dense subgraphs
            of the manifest's sizes are sampled with --seed. The actions are the segmentation's own: 1 (cut) on every
            edge between two objects, 0 (merge) inside an object; --actions FILE overrides them with one number per
            edge in graph edge order (whitespace or newline separated). mean_reward is the mean over subgraph sizes
            of the mean subgraph reward. --out DIR writes <image stem>_reward.png: objects filled with their score,
            superpixel boundaries drawn in their edge reward (red 0 → yellow → green 1) over the grey image.
            """)

    @Option(help: "Rule manifest (YAML).")
    var manifest: String
    @Option(help: "Image (TIFF/PNG).")
    var image: String
    @Option(help: "Superpixel label image, ids consecutive from 0.")
    var superpixels: String
    @Option(help: "Segmentation to score: a pixel label image.")
    var segmentation: String
    @Option(help: "Ground-truth label image, for supervised rules (core.dice).")
    var groundTruth: String?
    @Option(help: "Per-edge actions in [0, 1] overriding the segmentation's own (one number per edge).")
    var actions: String?
    @Option(help: "Folder for the reward-map PNG.")
    var out: String?
    @Flag(help: "Overwrite an existing reward map.")
    var force = false
    @Flag(help: "Print JSON instead of text.")
    var json = false
    @Option(help: "Seed of the subgraph sampler.")
    var seed: UInt64 = 0

    @OptionGroup var intensity: IntensityOptions

    func run() throws {
        let manifest = try RewardManifest.load(path: self.manifest, registry: PriorCutCLI.registry())
        let image = try intensity.readImage(self.image)
        let superpixels = try ImageFile.readLabels(self.superpixels)
        let segmentation = try ImageFile.readLabels(self.segmentation)
        let scene = try RewardScene(image: image, superpixels: superpixels, subgraphSizes: manifest.subgraphSizes, seed: seed)
        let (objectOfSuperpixel, labels) = try scene.objects(of: segmentation)
        let truth = try groundTruth.map { path in
            try GroundTruth(superpixels: superpixels, groundTruth: ImageFile.readLabels(path), graph: scene.rag.graph)
        }
        let context = try scene.context(objectOfSuperpixel: objectOfSuperpixel, classing: manifest.classing,
                                        actions: try actions.map { try readActions($0, edgeCount: scene.rag.graph.edgeCount) },
                                        groundTruth: truth)
        let report = try manifest.rewards(for: context)

        var mapPath: String?
        if let out {
            let stem = URL(fileURLWithPath: self.image).deletingPathExtension().lastPathComponent
            let location = OutputLocation(path: out, isFolder: true, fileExtension: "png")
            try location.prepare(stems: ["\(stem)_reward"], force: force)
            let path = location.path(for: "\(stem)_reward")
            try PNGFile.write(try Raster(colour: report.map(context: context, edgeScale: manifest.totalWeight)), to: path)
            mapPath = path
        }

        let perSize = zip(manifest.subgraphSizes, report.subgraphRewards).map { size, rewards in
            (size, rewards.isEmpty ? nil : rewards.reduce(0, +) / Float(rewards.count))
        }
        let objectRules = report.ruleScores.compactMap { entry -> (String, [Float?])? in
            if case let .objects(values) = entry.scores { return (entry.identifier, values) }
            return nil
        }
        if json {
            var object: [String: Any] = [
                "manifest": manifest.name, "mean_reward": Double(report.meanReward),
                "superpixels": scene.rag.nodeCount, "edges": scene.rag.graph.edgeCount,
                "per_size": Dictionary(uniqueKeysWithValues: perSize.map { size, mean in ("\(size)", jsonNumber(mean)) }),
                "rules": Dictionary(uniqueKeysWithValues: report.ruleScores.map { entry in
                    (entry.identifier, ["level": entry.scores.level.rawValue, "mean": jsonNumber(entry.scores.mean)] as [String: Any])
                }),
                "objects": labels.indices.map { i -> [String: Any] in
                    ["label": Int(labels[i]), "class": context.classes[i].rawValue, "area": context.objectAreas[i],
                     "score": Double(report.objectScores[i]),
                     "rules": Dictionary(uniqueKeysWithValues: objectRules.compactMap { id, values in values[i].map { (id, Double($0)) } })]
                },
            ]
            if let mapPath { object["reward_map"] = mapPath }
            try printJSON(object)
            return
        }
        print("manifest '\(manifest.name)': \(scene.rag.nodeCount) superpixels, \(scene.rag.graph.edgeCount) edges, \(labels.count) objects")
        print("objects (label, class, area, score\(objectRules.map { ", " + $0.0 }.joined())):")
        for i in labels.indices {
            let rules = objectRules.map { _, values in values[i].map { String(format: "%.3f", $0) } ?? "—" }
            print("  \(labels[i])  \(context.classes[i].rawValue)  \(context.objectAreas[i])  "
                  + String(format: "%.3f", report.objectScores[i]) + rules.map { "  " + $0 }.joined())
        }
        print("rules (mean score):")
        for entry in report.ruleScores {
            print("  \(entry.identifier) (\(entry.scores.level.rawValue)): " + (entry.scores.mean.map { String(format: "%.4f", $0) } ?? "—"))
        }
        print("subgraph means:")
        for (size, mean) in perSize { print("  \(size): " + (mean.map { String(format: "%.4f", $0) } ?? "— (no subgraph of this size)")) }
        print("mean_reward: " + String(format: "%.4f", report.meanReward))
        if let mapPath { print("reward map: \(mapPath)") }
    }

    /// A JSON number, or null.
    private func jsonNumber(_ value: Float?) -> Any { value.map { Double($0) as Any } ?? NSNull() }

    private func readActions(_ path: String, edgeCount: Int) throws -> [Float] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationError("--actions \(path): cannot read (\(error.localizedDescription))")
        }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "," })
        var values: [Float] = []
        for (index, word) in words.enumerated() {
            guard let value = Float(word), (0...1).contains(value) else {
                throw ValidationError("--actions \(path): value \(index + 1) '\(word)' is not a number in [0, 1]")
            }
            values.append(value)
        }
        guard values.count == edgeCount else {
            throw ValidationError("--actions \(path): \(values.count) values, but the graph has \(edgeCount) edges")
        }
        return values
    }
}

extension RuleScores {
    /// The mean of the scores (judged objects only), or nil when there is none.
    var mean: Float? {
        let values: [Float] = switch self {
        case let .objects(v): v.compactMap { $0 }
        case let .superpixels(v), let .edges(v): v
        case let .image(v): [v]
        case let .subgraphs(v): v.flatMap { $0 }
        }
        return values.isEmpty ? nil : values.reduce(0, +) / Float(values.count)
    }
}
