import Foundation

/// Turns split probabilities into multicut costs (positive = attractive).
///
/// `c_e = ln((1 − p_e)/p_e) + ln((1 − β)/β)`, with `p_e` clipped to `[ε, 1 − ε]` so that no cost is ±∞ (the reference
/// code gives the most confident edge an infinite cost and all-equal weights NaN; see the design notes). With edge
/// sizes, each cost is multiplied by `(size_e / max size)^exponent` as in elf's `transform_probabilities_to_costs`, so
/// long boundaries weigh more than short ones.
public enum MulticutCosts {
    /// - Parameters:
    ///   - probabilities: split probability per edge (near 1 cuts, near 0 merges); must not be NaN (±∞ clip like 1/0).
    ///   - epsilon: clipping margin in `(0, 0.5)`; the default 0.001 matches the fixtures' `[0.001, 0.999]`.
    ///   - boundaryBias: β in `(0, 1)`; above 0.5 favours merging, below favours cutting; 0.5 adds nothing.
    ///   - edgeSizes: optional non-negative finite weights per edge (e.g. boundary lengths). All-zero sizes leave the
    ///     costs unweighted rather than dividing by zero.
    ///   - weightingExponent: exponent applied to the normalised sizes.
    public static func fromProbabilities(
        _ probabilities: [Float], epsilon: Double = 1e-3, boundaryBias: Double = 0.5,
        edgeSizes: [Double]? = nil, weightingExponent: Double = 1
    ) throws(GraphError) -> [Double] {
        guard epsilon > 0, epsilon < 0.5 else { throw .invalidArgument("epsilon must be in (0, 0.5), got \(epsilon)") }
        guard boundaryBias > 0, boundaryBias < 1 else {
            throw .invalidArgument("boundary bias β must be in (0, 1), got \(boundaryBias)")
        }
        guard weightingExponent.isFinite, weightingExponent >= 0 else {
            throw .invalidArgument("weighting exponent must be finite and ≥ 0, got \(weightingExponent)")
        }
        if let index = probabilities.firstIndex(where: \.isNaN) { throw .nonFiniteValue(what: "probability", index: index) }
        let bias = log((1 - boundaryBias) / boundaryBias)
        var costs = probabilities.map { p -> Double in
            let clipped = Swift.min(Swift.max(Double(p), epsilon), 1 - epsilon)
            return log((1 - clipped) / clipped) + bias
        }
        if let edgeSizes {
            guard edgeSizes.count == probabilities.count else {
                throw .countMismatch(what: "edge sizes", expected: probabilities.count, actual: edgeSizes.count)
            }
            if let index = edgeSizes.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw .nonFiniteValue(what: "edge size (must be finite and ≥ 0)", index: index)
            }
            let largest = edgeSizes.max() ?? 0
            if largest > 0 {
                for e in costs.indices { costs[e] *= pow(edgeSizes[e] / largest, weightingExponent) }
            }
        }
        return costs
    }
}
