import Foundation

/// Variation of information between a ground truth and a prediction, in bits (Meilă 2003), split into its two
/// conditional entropies. Label 0 is an ordinary label in both images (as `skimage.metrics.variation_of_information`
/// with no ignored labels). With `p_ij = n_ij / N` over all pixels:
/// `split = H(pred | gt) = −Σ p_ij log2(p_ij / p_i·)` — high when ground-truth objects are cut into pieces,
/// `merge = H(gt | pred) = −Σ p_ij log2(p_ij / p_·j)` — high when distinct objects are fused.
public struct VariationOfInformation: Sendable, Hashable {
    /// H(pred | gt): false splits.
    public let split: Double
    /// H(gt | pred): false merges.
    public let merge: Double
    /// `split + merge`.
    public var total: Double { split + merge }

    /// Computes both entropies from a contingency table whose first image is the ground truth.
    public init(_ table: ContingencyTable) {
        let n = Double(table.pixelCount)
        var split = 0.0, merge = 0.0
        for entry in table.entries {
            let count = Double(entry.count)
            let p = count / n
            split -= p * log2(count / Double(table.firstSizes[entry.first] ?? entry.count))
            merge -= p * log2(count / Double(table.secondSizes[entry.second] ?? entry.count))
        }
        // −0.0 from a perfect match reads better as 0.
        self.split = split + 0
        self.merge = merge + 0
    }
}
