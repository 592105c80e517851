import Foundation
import Imaging
import NeuralNets
import Randomness
import Tensors

/// Learned features (paper A.9, A.1): a U-Net maps each image to a `D`-channel embedding per pixel; a superpixel's
/// node feature is the mean embedding over its pixels (scatter-mean over the pixel → superpixel ids), and an edge's
/// feature is the embedding distance across it (`EmbeddingEdgeFeature`).
///
/// Frozen (e.g. pretrained by `ContrastivePretraining`, "Method 2") or trained jointly through the critic loss
/// ("Method 1"): with `trainsJointly`, the critic's optimiser also steps the U-Net through the node features; the
/// edge feature is always computed without gradient (an input, like the handcrafted features), and the actor and
/// exploration read the embedding without gradient.
///
/// With the cosine `distance`, pixel embeddings are L2-normalised before anything reads them (node means, edge
/// feature, contrastive loss), as in the authors' code.
public struct PixelEmbeddingFeatures: Module {
    /// What the U-Net sees of an image.
    public enum Input: String, Sendable, Equatable, Codable, CaseIterable {
        /// The intensities only (one channel).
        case image
        /// The intensities and a smoothed edge map of the superpixels (paper A.1, Fig. 6): 1 at pixels with a
        /// 4-neighbour in another superpixel, smoothed with a Gaussian of σ = 1 (two channels).
        case imageAndSuperpixelEdges = "image-and-superpixel-edges"

        public var channels: Int { self == .image ? 1 : 2 }
    }

    /// The names of the learned edge features, in column order (appended after the handcrafted ones).
    public static let edgeFeatureNames = ["embedding_distance"]

    public let unet: UNet2D
    public let trainsJointly: Bool
    public let input: Input
    public let distance: EmbeddingDistance
    /// δ_d of the affinity kernel of the edge feature (`EmbeddingDistance.affinity`).
    public let affinityMargin: Float

    /// - Parameters:
    ///   - featureMaps: channels per U-Net level, finest first (GroupNorm with 8 groups when all are multiples of 8).
    ///   - input: `.image` by default; a pretrained extractor keeps the input it was trained with.
    ///   - distance: `.euclidean` (raw embeddings) by default; `.cosine` normalises every pixel's embedding.
    ///   - affinityMargin: δ_d of the edge feature; `distance.defaultMargins.distance` by default.
    public init(featureMaps: [Int], embeddingWidth: Int, trainsJointly: Bool, input: Input = .image,
                distance: EmbeddingDistance = .euclidean, affinityMargin: Float? = nil,
                using generator: inout SeededGenerator) throws(AgentError) {
        let margin = affinityMargin ?? distance.defaultMargins.distance
        guard margin > 0, margin.isFinite else {
            throw .invalidConfiguration("feature extractor: the affinity margin must be positive, got \(margin)")
        }
        do {
            unet = try UNet2D(inputChannels: input.channels, outputChannels: embeddingWidth, featureMaps: featureMaps,
                              groups: Self.groups(for: featureMaps), using: &generator)
        } catch {
            throw .invalidConfiguration("feature extractor: \(error)")
        }
        self.trainsJointly = trainsJointly
        self.input = input
        self.distance = distance
        self.affinityMargin = margin
    }

    /// GroupNorm groups of the U-Net: 8 when every level's channels are a multiple of 8, else no normalisation.
    static func groups(for featureMaps: [Int]) -> Int? { featureMaps.allSatisfy { $0 % 8 == 0 } ? 8 : nil }

    public var namedParameters: [NamedParameter] { unet.namedParameters(prefix: "unet") }

    public var embeddingWidth: Int { unet.head.weight.shape[0] }
    public var featureMaps: [Int] { unet.featureMaps }
    /// Image sides must be multiples of this.
    public var sideMultiple: Int { 1 << (featureMaps.count - 1) }

    /// Throws unless every image fits the U-Net (sides multiples of `2^(levels − 1)`).
    public func check(_ observation: Observation) throws(AgentError) {
        for (index, item) in observation.images.enumerated() {
            do {
                try unet.checkInput(shape: [1, input.channels, item.image.rows, item.image.cols])
            } catch {
                throw .inconsistentInput("image \(index): \(error)")
            }
        }
    }

    /// The U-Net input channels of one image, `[channels, rows, cols]` flat (see `Input`).
    public func inputChannels(image: Image, superpixels: LabelImage) -> [Float] {
        switch input {
        case .image: image.values
        case .imageAndSuperpixelEdges: image.values + Self.superpixelEdgeMap(superpixels).values
        }
    }

    /// 1 where a 4-neighbour lies in another superpixel, else 0, smoothed with a Gaussian of σ = 1.
    public static func superpixelEdgeMap(_ superpixels: LabelImage) -> Image {
        let rows = superpixels.rows, cols = superpixels.cols
        var edges = Image(rows: rows, cols: cols, repeating: 0)
        superpixels.values.withUnsafeBufferPointer { label in
            edges.values.withUnsafeMutableBufferPointer { edge in
                for r in 0..<rows {
                    for c in 0..<cols {
                        let p = r * cols + c
                        if c + 1 < cols, label[p] != label[p + 1] { edge[p] = 1; edge[p + 1] = 1 }
                        if r + 1 < rows, label[p] != label[p + cols] { edge[p] = 1; edge[p + cols] = 1 }
                    }
                }
            }
        }
        // σ = 1 is valid, so smoothing cannot fail; keep the sharp map if it ever did.
        return (try? GaussianFilter.smooth(edges, sigma: 1)) ?? edges
    }

    /// `[N·H·W, D]` pixel embeddings of a batch `[N, channels, H, W]`, rows pixel by pixel (image-major), prepared
    /// for `distance` (unit rows for the cosine distance).
    public func pixelEmbeddings(_ batch: Tensor) -> Tensor {
        let out = unet(batch)
        return distance.prepared(out.permuted([0, 2, 3, 1]).reshaped([-1, embeddingWidth]))
    }

    /// Node features `[nodes, D]` (rows in the batch's global node order) and the learned edge features
    /// `[edges, 1]` (`edgeFeatureNames`, never recorded) from one U-Net pass per image.
    public func features(_ observation: Observation) -> (nodes: Tensor, edges: Tensor) {
        var nodes: [Tensor] = [], edges: [Float] = []
        for item in observation.images {
            let pixels = embeddings(of: item)
            nodes.append(nodeFeatures(of: item, pixels: pixels))
            edges += EmbeddingEdgeFeature.distances(pixelEmbeddings: pixels.values, width: embeddingWidth,
                                                    superpixels: item.superpixels, graph: item.rag.graph,
                                                    distance: distance, margin: affinityMargin)
        }
        return (Tensor.concatenate(nodes, axis: 0), Tensor(shape: [edges.count, 1], values: edges))
    }

    /// The networks' inputs with learned features: the handcrafted node features followed by the `D` node
    /// embeddings, and the handcrafted edge features followed by `edgeFeatureNames` — widths
    /// `F_n + embeddingWidth` and `F_e + edgeFeatureNames.count`.
    public func networkInputs(_ observation: Observation) -> (nodes: Tensor, edges: Tensor) {
        let learned = features(observation)
        return (Tensor.concatenate([observation.nodeFeatures, learned.nodes], axis: 1),
                Tensor.concatenate([observation.edgeFeatures, learned.edges], axis: 1))
    }

    private func embeddings(of item: EnvironmentImage) -> Tensor {
        let rows = item.image.rows, cols = item.image.cols
        return pixelEmbeddings(Tensor(shape: [1, input.channels, rows, cols],
                                      values: inputChannels(image: item.image, superpixels: item.superpixels)))
    }

    private func nodeFeatures(of item: EnvironmentImage, pixels: Tensor) -> Tensor {
        pixels.scatterMeanRows(item.superpixels.values.map { Int($0) }, rowCount: item.rag.nodeCount)
    }
}
