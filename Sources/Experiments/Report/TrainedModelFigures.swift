import Agent
import Foundation
import Imaging
import Rewards
import Tensors

extension TrainedModel {
    /// The run's agent before any training: the networks as `ExperimentAgent` builds them from the run's seed
    /// (the same initial weights training started from; a pretrained feature extractor is loaded as in training).
    /// Its segmentations are the report's "untrained (step 0)" row.
    public convenience init(untrainedRun path: String, registry: RuleRegistry? = nil) throws(ExperimentError) {
        let run = RunFolder(path: path)
        var configuration = try ExperimentConfiguration.load(path: run.configuration.path)
        configuration.manifest = run.manifest.path
        let manifest = try configuration.loadManifest(registry: registry)
        let agent = try ExperimentAgent.make(configuration, manifest: manifest)
        let initial = TrainingCheckpoint(step: 0, seed: configuration.seed, validationReward: nil, bestStep: nil,
                                         bestReward: nil, counters: [:])
        self.init(run: run, configuration: configuration, manifest: manifest, checkpoint: initial,
                  checkpointName: .last, agent: agent)
    }

    /// The feature extractor's per-pixel embedding of an image, [D, H, W]; nil when the run has no extractor
    /// (handcrafted features only). The image (and the superpixels, for an extractor that reads their edge map) is
    /// padded for the U-Net as in `segment` and the result cropped back.
    public func pixelFeatures(of image: Image, superpixels: LabelImage) throws(ExperimentError) -> Tensor? {
        guard let features = agent.features else { return nil }
        let multiple = configuration.features.sideMultiple
        let rows = PreparedImage.padded(image.rows, to: multiple), cols = PreparedImage.padded(image.cols, to: multiple)
        let padded: Image, paddedSuperpixels: LabelImage
        do {
            padded = try PreparedImage.pad(image, rows: rows, cols: cols)
            paddedSuperpixels = try PreparedImage.pad(superpixels, rows: rows, cols: cols)
        } catch { throw .data("\(error)") }
        let input = Tensor(shape: [1, features.input.channels, rows, cols],
                           values: features.inputChannels(image: padded, superpixels: paddedSuperpixels))
        let embedding = withoutGradients { features.unet(input).detached }
        let width = embedding.count / (rows * cols)
        var values = [Float](repeating: 0, count: width * image.rows * image.cols)
        embedding.values.withUnsafeBufferPointer { source in
            for d in 0..<width {
                for r in 0..<image.rows {
                    let from = (d * rows + r) * cols, to = (d * image.rows + r) * image.cols
                    for c in 0..<image.cols { values[to + c] = source[from + c] }
                }
            }
        }
        return Tensor(shape: [width, image.rows, image.cols], values: values)
    }

    /// The reward picture of a segmentation (`RewardReport.map`): the manifest scores the objects of `result`
    /// (its background, label 0, is one object and is classed like any other) with the agent's actions.
    /// `groundTruth` serves the rules that need it (the supervised Dice rule, paper A.10).
    public func rewardMap(of image: Image, result: Segmentation, groundTruth: LabelImage? = nil) throws -> ColourImage {
        let scene = try RewardScene(image: image, superpixels: result.superpixels,
                                    subgraphSizes: manifest.subgraphSizes, seed: configuration.seed)
        guard scene.rag.graph.edgeCount == result.actions.count else {
            throw ReportError.mismatchedActions(edges: scene.rag.graph.edgeCount, actions: result.actions.count)
        }
        let objects = try scene.objects(of: result.labels)
        let truth = try groundTruth.map { mask throws(RewardError) in
            try GroundTruth(superpixels: result.superpixels, groundTruth: mask, graph: scene.rag.graph)
        }
        let context = try scene.context(objectOfSuperpixel: objects.objectOfSuperpixel, classing: manifest.classing,
                                        actions: result.actions, groundTruth: truth)
        return try manifest.rewards(for: context).map(context: context, edgeScale: manifest.totalWeight)
    }
}
