import Graphs
import Imaging

/// What the superpixel contrastive loss (`SuperpixelContrastiveLoss`, paper A.1) compares: the superpixel of every
/// pixel, the adjacent pairs to push apart with their weights `w` (Σ w = 1), and the weights `c_i` of the
/// superpixels in the variance term (Σ c = 1; `c_i = 1/|N|` for one image). A batch concatenates images with
/// offset ids and divides every image's weights by the batch size, so each image counts equally.
public struct ContrastiveTarget: Sendable, Equatable {
    /// How the push between two adjacent superpixels is weighted (paper A.1: by boundary evidence).
    public enum EdgeWeighting: String, Sendable, Equatable, Codable, CaseIterable {
        /// Every edge the same weight (the authors' pre-training code).
        case uniform
        /// Proportional to the mean boundary-map value along the edge (the paper's "weights from pixel-wise
        /// boundary probability predictions"): real boundaries are pushed harder than boundaries inside an
        /// object. An image whose boundary values are all 0 falls back to uniform weights.
        case boundary
    }

    public let superpixelOfPixel: [Int]
    public let superpixelCount: Int
    public let edgeU: [Int], edgeV: [Int]
    /// `w` per edge, summing to 1 (or empty without edges).
    public let edgeWeights: [Float]
    /// `c_i` per superpixel, summing to 1.
    public let superpixelWeights: [Float]
    /// `c_i / m_i` per pixel: Eq. 8's inner mean and outer weight in one factor.
    public let pixelWeights: [Float]

    /// One image.
    /// - Parameters:
    ///   - superpixelOfPixel: the superpixel id of every pixel, consecutive from 0 (every id present).
    ///   - edges: adjacent pairs to push apart (`u ≠ v`, ids in range).
    ///   - edgeWeights: non-negative raw weights, normalised here to sum 1; `nil` (or all 0) gives uniform weights.
    public init(superpixelOfPixel: [Int], edges: [(u: Int, v: Int)], edgeWeights: [Float]? = nil) throws(PretrainingError) {
        guard let maximum = superpixelOfPixel.max(), superpixelOfPixel.allSatisfy({ $0 >= 0 }) else {
            throw .inconsistentInput("a contrastive target needs pixels with non-negative superpixel ids")
        }
        var sizes = [Int](repeating: 0, count: maximum + 1)
        for s in superpixelOfPixel { sizes[s] += 1 }
        if let missing = sizes.firstIndex(of: 0) {
            throw .inconsistentInput("superpixel ids must be consecutive from 0; \(missing) has no pixel (largest id \(maximum))")
        }
        if let bad = edges.first(where: { $0.u == $0.v || !(0...maximum).contains($0.u) || !(0...maximum).contains($0.v) }) {
            throw .inconsistentInput("edge (\(bad.u), \(bad.v)) is not a pair of distinct superpixels in 0...\(maximum)")
        }
        var weights = edgeWeights ?? [Float](repeating: 1, count: edges.count)
        guard weights.count == edges.count, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw .inconsistentInput("\(weights.count) edge weights for \(edges.count) edges; weights must be finite and ≥ 0")
        }
        var total = weights.reduce(0, +)
        if total == 0 {
            weights = [Float](repeating: 1, count: edges.count)
            total = Float(edges.count)
        }
        let count = maximum + 1
        self.superpixelOfPixel = superpixelOfPixel
        superpixelCount = count
        edgeU = edges.map(\.u)
        edgeV = edges.map(\.v)
        self.edgeWeights = weights.map { $0 / total }
        superpixelWeights = [Float](repeating: 1 / Float(count), count: count)
        pixelWeights = superpixelOfPixel.map { 1 / (Float(count) * Float(sizes[$0])) }
    }

    /// One image from its superpixels (consecutive ids) and their region adjacency graph (built with a boundary
    /// map for `.boundary` weights).
    public init(superpixels: LabelImage, graph: RegionAdjacencyGraph, weighting: EdgeWeighting) throws(PretrainingError) {
        let weights: [Float]? = switch weighting {
        case .uniform: nil
        case .boundary: graph.meanBoundaryValues
        }
        try self.init(superpixelOfPixel: superpixels.values.map { Int($0) }, edges: graph.edges.map { ($0.u, $0.v) },
                      edgeWeights: weights)
    }

    /// Several images as one target: ids offset image by image, every image's weights divided by the count.
    public init(batch: [ContrastiveTarget]) {
        let share = 1 / Float(Swift.max(batch.count, 1))
        var offset = 0
        var pixels: [Int] = [], us: [Int] = [], vs: [Int] = []
        for target in batch {
            pixels += target.superpixelOfPixel.map { $0 + offset }
            us += target.edgeU.map { $0 + offset }
            vs += target.edgeV.map { $0 + offset }
            offset += target.superpixelCount
        }
        superpixelOfPixel = pixels
        superpixelCount = offset
        edgeU = us
        edgeV = vs
        edgeWeights = batch.flatMap { $0.edgeWeights.map { $0 * share } }
        superpixelWeights = batch.flatMap { $0.superpixelWeights.map { $0 * share } }
        pixelWeights = batch.flatMap { $0.pixelWeights.map { $0 * share } }
    }
}
