/// Adapted Rand error (Arganda-Carreras et al. 2015), exactly as `skimage.metrics.adapted_rand_error(gt, pred)`
/// computes it (`ignore_labels=(0,)`, `alpha=0.5`).
///
/// Only pixels whose ground-truth label is non-zero count; prediction label 0 is an ordinary segment there.
/// With the contingency counts `n_ij` over those `n` pixels, ground-truth sizes `a_i` and prediction sizes `b_j`:
/// `S = Σ n_ij² − n` (ordered pixel pairs together in both), `precision = S / (Σ a_i² − n)`,
/// `recall = S / (Σ b_j² − n)`, `error = 1 − S / (½(Σ a_i² − n) + ½(Σ b_j² − n))`.
/// As in scikit-image, `precision` is normalised by the **ground-truth** pair count (a false split lowers it,
/// a false merge lowers `recall`) — the opposite of skimage's docstring; we keep the library's numbers.
///
/// Edge cases (skimage divides by zero there): when a denominator is 0 there are no pixel pairs to get wrong and
/// the ratio is defined as 1; with no ground-truth foreground at all the error is 0. An all-zero prediction is an
/// ordinary single segment (precision 1, recall = Σ a_i² − n over n² − n).
public struct AdaptedRandError: Sendable, Hashable {
    public let error: Double
    public let precision: Double
    public let recall: Double

    /// Computes the error from a contingency table whose first image is the ground truth.
    public init(_ table: ContingencyTable) {
        var n = 0, sumSquares = 0, sumPredSquares = 0
        var predictionSizes: [UInt32: Int] = [:]
        for entry in table.entries where entry.first != 0 {
            n += entry.count
            sumSquares += entry.count * entry.count
            predictionSizes[entry.second, default: 0] += entry.count
        }
        var sumGroundTruthSquares = 0
        for (label, size) in table.firstSizes where label != 0 { sumGroundTruthSquares += size * size }
        for size in predictionSizes.values { sumPredSquares += size * size }
        let together = Double(sumSquares - n)
        let groundTruthPairs = Double(sumGroundTruthSquares - n)
        let predictionPairs = Double(sumPredSquares - n)
        precision = groundTruthPairs == 0 ? 1 : together / groundTruthPairs
        recall = predictionPairs == 0 ? 1 : together / predictionPairs
        let denominator = 0.5 * groundTruthPairs + 0.5 * predictionPairs
        error = denominator == 0 ? 0 : 1 - together / denominator
    }
}
