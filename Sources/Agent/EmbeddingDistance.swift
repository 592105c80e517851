import Tensors

/// The distance `d(·, ·)` between embeddings that the superpixel contrastive loss (paper A.1, Eqs. 8–9) and the
/// embedding edge feature use. The paper leaves `d` open; its authors' code uses the cosine distance on per-pixel
/// L2-normalised embeddings, De Brabandere et al. (2017) the Euclidean distance.
public enum EmbeddingDistance: String, Sendable, Equatable, Codable, CaseIterable {
    /// `d(a, b) = 1 − ⟨a, b⟩ / (‖a‖‖b‖)`, in [0, 2]; pixel embeddings are L2-normalised first.
    case cosine
    /// `d(a, b) = ‖a − b‖₂`.
    case euclidean

    /// Default hinge margins `(δ_v, δ_d)` of Eqs. 8–9 for this distance: cosine 0.1 / 0.3, the authors'
    /// pre-training values; Euclidean 0.5 / 1.5, De Brabandere et al.'s.
    public var defaultMargins: (variance: Float, distance: Float) {
        switch self {
        case .cosine: (0.1, 0.3)
        case .euclidean: (0.5, 1.5)
        }
    }

    /// Pixel embeddings `[n, D]` as this distance compares them: rows L2-normalised for the cosine distance.
    public func prepared(_ embeddings: Tensor) -> Tensor {
        self == .cosine ? embeddings.l2NormalizedRows() : embeddings
    }

    /// Row-wise distances `[n]` between `a` and `b`, both `[n, D]`. For the cosine distance both must already be
    /// unit rows (`prepared`); the Euclidean distance adds 1e-8 under the root so its gradient stays finite at 0.
    public func rowDistances(_ a: Tensor, _ b: Tensor) -> Tensor {
        switch self {
        case .cosine: 1 - Tensor.rowDot(a, b)
        case .euclidean: (Tensor.rowDot(a - b, a - b) + 1e-8).sqrt()
        }
    }

    /// The same distance on plain vectors (unit vectors for the cosine distance), for features without gradient.
    @inline(__always)
    func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, width: Int) -> Float {
        var sum: Float = 0
        switch self {
        case .cosine:
            for j in 0..<width { sum += a[j] * b[j] }
            return 1 - sum
        case .euclidean:
            for j in 0..<width { let t = a[j] - b[j]; sum += t * t }
            return sum.squareRoot()
        }
    }
}

extension EmbeddingDistance {
    /// The affinity kernel `[(2δ_d − d) / (2δ_d)]₊²` in [0, 1]: 1 for equal embeddings, 0 from the distance
    /// Eq. 9 stops pushing at (`d ≥ 2δ_d`). It is the push term of Eq. 9 divided by its value at `d = 0`, and the
    /// reference code's pixel affinity (with its δ = 0.4).
    @inline(__always)
    public static func affinity(distance d: Float, margin: Float) -> Float {
        let t = Swift.max(0, (2 * margin - d) / (2 * margin))
        return t * t
    }
}
