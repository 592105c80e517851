import Foundation
import Graphs
import Imaging
import Rewards

/// The report of a trained run (`priorcut report RUN`, the last step of `priorcut example`): the trained agent
/// (best checkpoint, chosen by validation reward without ground truth, paper A.5), the same agent at step 0, every
/// baseline and the superpixel upper bound, evaluated on the run's held-out images with the same metrics; Fig. 4
/// panels for the first few; the run's training curves.
///
/// Held-out images are the experiment's `test` data when it has some, else its validation images. Only images
/// with ground truth enter the table; all can be shown. Every method's label images are written to
/// `RUN/segmentations/<method identifier>/<image>.tif` (`agent`, `agent-step-0`, `otsu`, `watershed`,
/// `mutex-watershed`, `multicut`, `sp-gt`), so `priorcut evaluate` reproduces each number.
public struct TrainedRunReport {
    public var run: String
    public var registry: RuleRegistry?
    /// Evaluate at most this many held-out images (nil: all).
    public var imageLimit: Int?
    /// Show panels for this many images.
    public var figureCount: Int
    public var baselines: [SegmentationMethod]

    public init(run: String, registry: RuleRegistry? = nil, imageLimit: Int? = nil, figureCount: Int = 3,
                baselines: [SegmentationMethod] = SegmentationMethod.baselines) {
        self.run = run
        self.registry = registry
        self.imageLimit = imageLimit
        self.figureCount = figureCount
        self.baselines = baselines
    }

    /// Evaluates, draws and returns the report (write it with `RunReport.write(to:)`); `progress` hears each stage.
    public func make(progress: (String) -> Void = { _ in }) throws -> RunReport {
        let trained = try TrainedModel(run: run, checkpoint: .best, registry: registry)
        let untrained = try TrainedModel(untrainedRun: run, registry: registry)
        let configuration = trained.configuration
        let (heldOut, heldOutKind) = try Self.heldOutImages(configuration)
        let images = imageLimit.map { Array(heldOut.prefix($0)) } ?? heldOut
        guard !images.isEmpty else {
            throw ReportError.inconsistentInput(image: run, reason: "the run has no held-out (test or validation) images")
        }

        var items: [EvaluationImage] = []
        var superpixelImages: [LabelImage] = []
        for image in images {
            progress("superpixels \(image.name)")
            let start = ContinuousClock.now
            // A run trained on ground-truth-intersected superpixels (the paper's "GT" setting, an upper-bound study)
            // is evaluated on them too, wherever the held-out image has its mask.
            let truth = configuration.superpixels.groundTruth ? image.mask : nil
            let superpixels = try configuration.superpixels.recipe.superpixels(of: image.image, groundTruth: truth)
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            superpixelImages.append(superpixels)
            if let mask = image.mask {
                items.append(EvaluationImage(name: image.name, image: image.image, groundTruth: mask,
                                             superpixels: superpixels, superpixelSeconds: seconds))
            }
        }

        // The agents work on the shared superpixels (the run's recipe); their time includes computing them.
        let step = trained.checkpoint.step
        let methods = [
            SegmentationMethod(name: "agent (step \(step))", identifier: "agent", kind: .trainedAgent, usesSuperpixels: true) {
                try trained.segment($0.image, name: $0.name, superpixels: $0.superpixels).labels
            },
            SegmentationMethod(name: "agent (step 0)", identifier: "agent-step-0", kind: .untrainedAgent, usesSuperpixels: true) {
                try untrained.segment($0.image, name: $0.name, superpixels: $0.superpixels).labels
            },
        ] + baselines + [SegmentationMethod.upperBound]
        let comparison = MethodComparison(methods: methods, segmentationFolder: trained.run.segmentations.path)
        let rows = try comparison.evaluate(items) { method, image in
            if method == methods.last?.name { progress("scored \(image) with \(methods.count) methods") }
        }

        var figures: [ImageFigure] = []
        for (image, superpixels) in zip(images, superpixelImages).prefix(figureCount) {
            progress("figure \(image.name)")
            let result = try trained.segment(image.image, name: image.name, superpixels: superpixels)
            let edges = try RegionAdjacencyGraph(labels: result.superpixels).edges
            figures.append(try ImageFigure(ImageFigure.Inputs(
                image: image.name, raw: image.image, groundTruth: image.mask, superpixels: result.superpixels,
                edges: edges, actions: result.actions, segmentation: result.labels,
                rewardMap: try trained.rewardMap(of: image.image, result: result, groundTruth: image.mask),
                pixelFeatures: try trained.pixelFeatures(of: image.image, superpixels: result.superpixels))))
        }

        let curves = try? String(contentsOf: trained.run.curves, encoding: .utf8)
        return RunReport(
            title: "PriorCut report · \(configuration.name)",
            run: trained.run.url.lastPathComponent,
            created: Date(),
            settings: Self.settings(trained, heldOut: "\(items.count) \(heldOutKind) image\(items.count == 1 ? "" : "s")"),
            notes: Self.notes(trained, evaluated: items.count, shown: figures.count, withoutTruth: images.count - items.count),
            methods: rows, figures: figures, curvesSVG: curves)
    }

    /// The experiment's test images, else its validation images, and which of the two they are.
    static func heldOutImages(_ configuration: ExperimentConfiguration) throws -> ([ExperimentImage], String) {
        if let test = configuration.test { return (try test.loadImages(), "test") }
        return (try configuration.data.loadSplit().validation, "validation")
    }

    static func settings(_ model: TrainedModel, heldOut: String) -> [RunReport.Setting] {
        let configuration = model.configuration
        let data: String = switch configuration.data.source {
        case let .synthetic(synthetic):
            "\(synthetic.count) synthetic \(synthetic.recipe.name), \(synthetic.size.lowerBound == synthetic.size.upperBound ? "\(synthetic.size.lowerBound)" : "\(synthetic.size.lowerBound)–\(synthetic.size.upperBound)") px, seed \(synthetic.seed)"
        case let .folder(folder):
            folder.images + (folder.masks == nil ? "" : " (with masks)")
        }
        let reward = model.checkpoint.validationReward.map { String(format: ", validation reward %.3f", $0) } ?? ""
        let features = configuration.features
        return [
            .init("experiment", configuration.name),
            .init("seed", "\(configuration.seed)"),
            .init("training data", data),
            .init("held out", heldOut),
            .init("superpixels", configuration.superpixels.recipe.method.rawValue
                  + (configuration.superpixels.groundTruth ? " ∩ ground truth (upper-bound study)" : "")),
            .init("features", "\(features.extractor.name) extractor" + (features.handcrafted ? " + handcrafted" : "")),
            .init("training", "\(configuration.training.steps) steps, batch \(configuration.training.batchSize)"),
            .init("checkpoint", "best: step \(model.checkpoint.step)\(reward)"),
            .init("manifest", URL(fileURLWithPath: configuration.manifest).lastPathComponent),
        ]
    }

    static func notes(_ model: TrainedModel, evaluated: Int, shown: Int, withoutTruth: Int) -> [String] {
        var notes = [
            "The agent learned from the reward rules of the manifest only; no ground truth was used for training or "
                + "for choosing the checkpoint (the one with the best validation reward, paper A.5). Ground truth is "
                + "used here only to score the results.",
            "Every method ran on the same \(evaluated) held-out image\(evaluated == 1 ? "" : "s"); methods on the "
                + "superpixel graph share the run's superpixels, and their time per image includes computing them.",
        ]
        if withoutTruth > 0 {
            notes.append("\(withoutTruth) held-out image\(withoutTruth == 1 ? " has" : "s have") no ground truth and "
                         + "\(withoutTruth == 1 ? "is" : "are") only shown, not scored.")
        }
        return notes
    }
}
