import Tensors

/// The superpixel contrastive loss of paper A.1 (after De Brabandere et al. 2017), with superpixels as
/// pseudo-instances:
///
///     f_i    = (1/m_i) Σ_{n∈s_i} x_n                                  node embedding: mean pixel embedding
///     L_var  = Σ_i c_i (1/m_i) Σ_{n∈s_i} [d(f_i, x_n) − δ_v]₊²          (Eq. 8, c_i = 1/|N| for one image)
///     L_dist = Σ_{(i,j)∈E} w_ij [2δ_d − d(f_i, f_j)]₊²                 (Eq. 9, Σ w = 1; pushes adjacent nodes)
///     L_reg  = γ Σ_i c_i ‖f_i‖                                        (De Brabandere's regulariser; γ = 0 in Eq. 10)
///     L_feat = L_var + L_dist + L_reg                                  (Eq. 10)
///
/// Only *adjacent* superpixels (edges of the region adjacency graph) are pushed apart, as in the paper; the printed
/// Eq. 9 has a stray `|E|` factor, read as a sum. With the cosine distance the pixel embeddings are L2-normalised,
/// the means are taken of the unit vectors and `d(f_i, ·)` compares directions. For a batch, `ContrastiveTarget`
/// gives every image the same total weight.
public struct SuperpixelContrastiveLoss: Sendable, Equatable {
    public var distance: EmbeddingDistance
    /// δ_v: pixels closer than this to their superpixel's mean are not pulled.
    public var varianceMargin: Float
    /// δ_d: adjacent means are pushed until they are 2δ_d apart.
    public var distanceMargin: Float
    /// γ of the regulariser on the norms of the means; 0 (Eq. 10) by default. Meant for the Euclidean distance
    /// (De Brabandere et al. use 0.001); with the cosine distance it would shrink the means' norms, i.e. spread
    /// the pixel directions.
    public var regularizationWeight: Float

    /// The default margins are `distance.defaultMargins`.
    public init(distance: EmbeddingDistance = .cosine, varianceMargin: Float? = nil, distanceMargin: Float? = nil,
                regularizationWeight: Float = 0) {
        self.distance = distance
        self.varianceMargin = varianceMargin ?? distance.defaultMargins.variance
        self.distanceMargin = distanceMargin ?? distance.defaultMargins.distance
        self.regularizationWeight = regularizationWeight
    }

    public func validate() throws(PretrainingError) {
        guard varianceMargin >= 0, varianceMargin.isFinite, distanceMargin > 0, distanceMargin.isFinite else {
            throw .invalidConfiguration("margins must be δ_v ≥ 0 and δ_d > 0, got δ_v = \(varianceMargin), δ_d = \(distanceMargin)")
        }
        guard regularizationWeight >= 0, regularizationWeight.isFinite else {
            throw .invalidConfiguration("the regularisation weight must be ≥ 0, got \(regularizationWeight)")
        }
    }

    /// The three terms and their sum, each a scalar tensor (recorded when `pixelEmbeddings` is).
    public struct Terms {
        public let variance: Tensor
        public let distance: Tensor
        public let regularization: Tensor
        public var total: Tensor { variance + distance + regularization }
    }

    /// - Parameters:
    ///   - pixelEmbeddings: `[pixels, D]`, raw network outputs (normalised here for the cosine distance).
    ///   - target: which superpixel every pixel belongs to, the edges and the weights.
    public func callAsFunction(_ pixelEmbeddings: Tensor, target: ContrastiveTarget) -> Terms {
        precondition(pixelEmbeddings.rank == 2 && pixelEmbeddings.shape[0] == target.superpixelOfPixel.count,
                     "\(pixelEmbeddings.shape) embeddings for \(target.superpixelOfPixel.count) pixels")
        let x = distance.prepared(pixelEmbeddings)
        let means = x.scatterMeanRows(target.superpixelOfPixel, rowCount: target.superpixelCount)
        let centres = distance.prepared(means)
        let pull = (distance.rowDistances(centres.gatherRows(target.superpixelOfPixel), x) - varianceMargin).relu()
        let variance = (pull * pull * Tensor(shape: [target.pixelWeights.count], values: target.pixelWeights)).sum()
        let distanceTerm: Tensor
        if target.edgeU.isEmpty {
            distanceTerm = Tensor(0)
        } else {
            let push = (2 * distanceMargin - distance.rowDistances(centres.gatherRows(target.edgeU),
                                                                   centres.gatherRows(target.edgeV))).relu()
            distanceTerm = (push * push * Tensor(shape: [target.edgeWeights.count], values: target.edgeWeights)).sum()
        }
        let regularization = regularizationWeight == 0 ? Tensor(0)
            : regularizationWeight * ((Tensor.rowDot(means, means) + 1e-8).sqrt()
                * Tensor(shape: [target.superpixelWeights.count], values: target.superpixelWeights)).sum()
        return Terms(variance: variance, distance: distanceTerm, regularization: regularization)
    }
}
