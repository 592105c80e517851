import Foundation
import Graphs
import Imaging
import NeuralNets
import Randomness
import Tensors

/// Self-supervised pre-training of the feature extractor with the superpixel contrastive loss (paper A.1,
/// Eqs. 8–10, "Method 2"): the U-Net learns embeddings that are uniform inside every superpixel and differ between
/// adjacent superpixels, most where the boundary map says there is a boundary.
///
/// Each step draws `batchSize` images (without replacement while the dataset allows), cuts one random
/// `cropSize × cropSize` window from each, relabels the window's superpixels, builds their adjacency graph, and
/// takes one Adam step on `SuperpixelContrastiveLoss`. Every draw comes from the seeded generator: the same seed,
/// images and configuration give the same weights. A class: the extractor, its optimiser and the generator are one
/// evolving identity.
public final class ContrastivePretraining {
    public struct Configuration: Sendable, Equatable {
        /// U-Net channels per level (paper A.9: 16/32/64/128 for nuclei, 32/64/128/256 otherwise).
        public var featureMaps = [16, 32, 64, 128]
        /// D, the embedding width (the reference's 16).
        public var embeddingWidth = 16
        /// Paper A.1 gives the extractor the raw image and a smoothed superpixel edge map.
        public var input = PixelEmbeddingFeatures.Input.imageAndSuperpixelEdges
        public var loss = SuperpixelContrastiveLoss()
        public var edgeWeighting = ContrastiveTarget.EdgeWeighting.boundary
        /// Side of the square random crops; a multiple of `2^(levels − 1)`, at most every image's sides.
        public var cropSize = 128
        public var batchSize = 4
        /// Adam learning rate (the authors' pre-training: 1e-3; PyTorch defaults otherwise).
        public var learningRate: Float = 1e-3

        public init() {}

        public func validate() throws(PretrainingError) {
            try loss.validate()
            guard !featureMaps.isEmpty, featureMaps.allSatisfy({ $0 > 0 }), embeddingWidth > 0 else {
                throw .invalidConfiguration("feature maps \(featureMaps) and embedding width \(embeddingWidth) must be positive")
            }
            let multiple = 1 << (featureMaps.count - 1)
            guard cropSize > 0, cropSize % multiple == 0 else {
                throw .invalidConfiguration("the crop size \(cropSize) must be a positive multiple of \(multiple) for \(featureMaps.count) U-Net levels")
            }
            guard batchSize >= 1 else { throw .invalidConfiguration("the batch size must be ≥ 1, got \(batchSize)") }
            guard learningRate > 0, learningRate.isFinite else {
                throw .invalidConfiguration("the learning rate must be positive, got \(learningRate)")
            }
        }
    }

    /// The losses of one step.
    public struct StepStatistics: Sendable, Equatable {
        /// 1-based.
        public let step: Int
        public let loss: Float
        public let variance: Float
        public let distance: Float
        public let regularization: Float
    }

    /// Reported after every step of `train(steps:progress:)`.
    public struct Progress: Sendable {
        public let statistics: StepStatistics
        /// The steps of this `train` call: `completed` of `total`.
        public let completed: Int, total: Int
        /// Mean loss over the last (up to) 20 steps.
        public let runningLoss: Float
        public let elapsedSeconds: Double
        /// Remaining seconds at the mean pace so far.
        public var estimatedSecondsLeft: Double { elapsedSeconds / Double(completed) * Double(total - completed) }
    }

    public let configuration: Configuration
    public let features: PixelEmbeddingFeatures
    public let seed: UInt64
    public private(set) var steps = 0
    /// Mean loss over the last (up to) 20 steps, `nil` before the first.
    public var runningLoss: Float? { recentLosses.isEmpty ? nil : recentLosses.reduce(0, +) / Float(recentLosses.count) }
    private var recentLosses: [Float] = []
    private let optimiser: Adam
    private var generator: SeededGenerator
    private let dataset: [Prepared]

    /// An image ready for cropping: U-Net input channels, superpixel ids 0..<n, boundary map.
    private struct Prepared {
        let rows: Int, cols: Int
        let channels: [Float]
        let labels: [Int32]
        let labelCount: Int
        let boundaries: [Float]
    }

    /// - Parameters:
    ///   - images: at least one; every side at least `cropSize`.
    ///   - seed: the U-Net's initialisation and every crop and batch draw.
    public init(configuration: Configuration, images: [PretrainingImage], seed: UInt64) throws(PretrainingError) {
        try configuration.validate()
        guard !images.isEmpty else { throw .inconsistentInput("no images to pre-train on") }
        if let (index, small) = images.enumerated().first(where: { $0.element.image.rows < configuration.cropSize
            || $0.element.image.cols < configuration.cropSize }) {
            throw .inconsistentInput("image \(index) is \(small.image.shape), smaller than the \(configuration.cropSize)×\(configuration.cropSize) crops")
        }
        var generator = SeededGenerator(seed: seed)
        var networkGenerator = generator.split()
        let features: PixelEmbeddingFeatures
        do {
            features = try PixelEmbeddingFeatures(featureMaps: configuration.featureMaps,
                                                  embeddingWidth: configuration.embeddingWidth, trainsJointly: false,
                                                  input: configuration.input, distance: configuration.loss.distance,
                                                  affinityMargin: configuration.loss.distanceMargin,
                                                  using: &networkGenerator)
        } catch {
            throw .invalidConfiguration(error.description)
        }
        dataset = images.map { item in
            var ids: [UInt32: Int32] = [:]
            let labels = item.superpixels.values.map { label in
                if let id = ids[label] { return id }
                let id = Int32(ids.count)
                ids[label] = id
                return id
            }
            return Prepared(rows: item.image.rows, cols: item.image.cols,
                            channels: features.inputChannels(image: item.image, superpixels: item.superpixels),
                            labels: labels, labelCount: ids.count, boundaries: item.boundaryMap.values)
        }
        optimiser = Adam(parameters: features.parameters, learningRate: configuration.learningRate)
        self.features = features
        self.configuration = configuration
        self.generator = generator
        self.seed = seed
    }

    /// One Adam step on a fresh batch of random crops. Throws (stepping nothing) if the loss is not finite.
    @discardableResult
    public func step() throws(PretrainingError) -> StepStatistics {
        let size = configuration.cropSize, channels = configuration.input.channels
        var input: [Float] = []
        input.reserveCapacity(configuration.batchSize * channels * size * size)
        var targets: [ContrastiveTarget] = []
        for index in drawBatch() {
            let item = dataset[index]
            let top = generator.nextInt(in: 0...(item.rows - size)), left = generator.nextInt(in: 0...(item.cols - size))
            for channel in 0..<channels {
                let plane = channel * item.rows * item.cols
                for r in top..<(top + size) {
                    let start = plane + r * item.cols + left
                    input += item.channels[start..<(start + size)]
                }
            }
            targets.append(try target(of: item, top: top, left: left))
        }
        let batch = Tensor(shape: [targets.count, channels, size, size], values: input)
        let terms = configuration.loss(features.pixelEmbeddings(batch), target: ContrastiveTarget(batch: targets))
        let total = terms.total
        guard total.scalar.isFinite else { throw .nonFiniteLoss(step: steps + 1) }
        optimiser.zeroGradients()
        total.backward()
        optimiser.update()
        steps += 1
        recentLosses.append(total.scalar)
        if recentLosses.count > 20 { recentLosses.removeFirst() }
        return StepStatistics(step: steps, loss: total.scalar, variance: terms.variance.scalar,
                              distance: terms.distance.scalar, regularization: terms.regularization.scalar)
    }

    /// `count` steps, reporting after each (the callback may save a checkpoint, and stops the training by
    /// throwing). Returns the statistics of every step.
    @discardableResult
    public func train(steps count: Int, progress: (Progress) throws(PretrainingError) -> Void = { _ in })
        throws(PretrainingError) -> [StepStatistics] {
        guard count > 0 else { return [] }
        let start = DispatchTime.now().uptimeNanoseconds
        var history: [StepStatistics] = []
        for completed in 1...count {
            let statistics = try step()
            history.append(statistics)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            try progress(Progress(statistics: statistics, completed: completed, total: count,
                              runningLoss: runningLoss ?? statistics.loss, elapsedSeconds: elapsed))
        }
        return history
    }

    /// Saves the extractor (atomically) with its architecture and the pre-training's settings and state:
    /// `steps`, `loss` (the running loss), `variance_margin`, `distance_margin`, `regularization_weight`,
    /// `edge_weighting`, `crop_size`, `batch_size`, `learning_rate`, `seed`, plus `extra`.
    public func save(to url: URL, extra: [String: String] = [:]) throws(PretrainingError) {
        let loss = configuration.loss
        let own: [String: String] = [
            "steps": String(steps), "loss": runningLoss.map { "\($0)" } ?? "",
            "variance_margin": "\(loss.varianceMargin)", "distance_margin": "\(loss.distanceMargin)",
            "regularization_weight": "\(loss.regularizationWeight)",
            "edge_weighting": configuration.edgeWeighting.rawValue, "crop_size": String(configuration.cropSize),
            "batch_size": String(configuration.batchSize), "learning_rate": "\(configuration.learningRate)",
            "seed": String(seed),
        ]
        try features.save(to: url, metadata: extra.merging(own) { _, mine in mine })
    }

    /// Image indices for one batch: a random subset while the dataset is large enough, else with repetition.
    private func drawBatch() -> [Int] {
        let n = dataset.count, b = configuration.batchSize
        if n >= b {
            var indices = Array(0..<n)
            for i in 0..<b { indices.swapAt(i, generator.nextInt(in: i...(n - 1))) }
            return Array(indices.prefix(b))
        }
        return (0..<b).map { _ in generator.nextInt(in: 0...(n - 1)) }
    }

    /// The contrastive target of one crop: its superpixels renumbered 0, 1, … in order of appearance, their
    /// adjacency graph and edge weights from the crop's boundary map.
    private func target(of item: Prepared, top: Int, left: Int) throws(PretrainingError) -> ContrastiveTarget {
        let size = configuration.cropSize
        var renumbered = [Int32](repeating: -1, count: item.labelCount)
        var next: Int32 = 0
        var labels = [UInt32](repeating: 0, count: size * size), boundaries = [Float](repeating: 0, count: size * size)
        for r in 0..<size {
            for c in 0..<size {
                let source = (top + r) * item.cols + left + c
                let old = Int(item.labels[source])
                if renumbered[old] < 0 { renumbered[old] = next; next += 1 }
                labels[r * size + c] = UInt32(renumbered[old])
                boundaries[r * size + c] = item.boundaries[source]
            }
        }
        do {
            let superpixels = try LabelImage(rows: size, cols: size, values: labels)
            let graph = try RegionAdjacencyGraph(labels: superpixels, boundaries: try Image(rows: size, cols: size, values: boundaries))
            return try ContrastiveTarget(superpixels: superpixels, graph: graph, weighting: configuration.edgeWeighting)
        } catch {
            throw .inconsistentInput("crop at (\(top), \(left)): \(error)")
        }
    }
}
