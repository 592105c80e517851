import Graphs
import Imaging
import Foundation
import Rewards

/// One image as the environment sees it: the image, its superpixels, their region adjacency graph (the single edge
/// order everything else uses), the boundary map the edge features read, and optional ground truth (paper A.10).
public struct EnvironmentImage: Sendable {
    public let image: Image
    public let superpixels: LabelImage
    /// Built with `image` as intensities and `boundaryMap` as boundaries.
    public let rag: RegionAdjacencyGraph
    /// Boundary strength per pixel; by default the Sobel magnitude of the image smoothed with σ = 1.
    public let boundaryMap: Image
    /// Per-edge ground-truth splits (from a ground-truth label image), for supervised rules.
    public let groundTruth: GroundTruth?
    /// Standard deviation of the intensity inside every superpixel (the RAG keeps mean, min and max).
    public let superpixelStandardDeviations: [Float]
    /// The distance-transform basins of the image's foreground (`DistanceBasins`), read by the `basins` edge feature.
    public let distanceBasins: LabelImage

    /// - Parameters:
    ///   - image: intensities in [0, 1].
    ///   - superpixels: ids consecutive from 0, same shape.
    ///   - boundaryMap: optional boundary map of the same shape (else Sobel of the σ = 1 smoothed image).
    ///   - groundTruthLabels: optional instance labels (0 = background) of the same shape.
    public init(image: Image, superpixels: LabelImage, boundaryMap: Image? = nil,
                groundTruthLabels: LabelImage? = nil) throws(AgentError) {
        guard image.rows == superpixels.rows, image.cols == superpixels.cols, !image.isEmpty else {
            throw .inconsistentInput("image is \(image.shape) but superpixels are \(superpixels.shape)")
        }
        if let bad = image.values.firstIndex(where: { !$0.isFinite }) {
            throw .inconsistentInput("image has a non-finite value at pixel \(bad)")
        }
        let boundaries: Image
        if let boundaryMap {
            guard boundaryMap.rows == image.rows, boundaryMap.cols == image.cols else {
                throw .inconsistentInput("boundary map is \(boundaryMap.shape) but the image is \(image.shape)")
            }
            boundaries = boundaryMap
        } else {
            do {
                boundaries = SobelFilter.magnitude(try GaussianFilter.smooth(image, sigma: 1))
            } catch {
                throw .inconsistentInput("cannot compute the boundary map: \(error)")
            }
        }
        do {
            rag = try RegionAdjacencyGraph(labels: superpixels, intensities: image, boundaries: boundaries)
        } catch {
            throw .inconsistentInput("superpixels: \(error.description)")
        }
        if let groundTruthLabels {
            do {
                groundTruth = try GroundTruth(superpixels: superpixels, groundTruth: groundTruthLabels, graph: rag.graph)
            } catch {
                throw .inconsistentInput(error.description)
            }
        } else {
            groundTruth = nil
        }
        var sums = [Double](repeating: 0, count: rag.nodeCount), squares = sums
        for (label, value) in zip(superpixels.values, image.values) {
            sums[Int(label)] += Double(value)
            squares[Int(label)] += Double(value) * Double(value)
        }
        var deviations = [Float](repeating: 0, count: rag.nodeCount)
        for (s, node) in rag.nodes.enumerated() {
            let n = Double(max(node.pixelCount, 1)), mean = sums[s] / n
            deviations[s] = Float(max(squares[s] / n - mean * mean, 0).squareRoot())
        }
        superpixelStandardDeviations = deviations
        do {
            distanceBasins = try DistanceBasins.basins(of: image)
        } catch {
            throw .inconsistentInput("cannot compute the distance basins: \(error)")
        }
        self.image = image
        self.superpixels = superpixels
        self.boundaryMap = boundaries
    }
}
