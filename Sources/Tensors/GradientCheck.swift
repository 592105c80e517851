import Randomness

/// Finite-difference verification of an operation's backward pass — every op in the engine has one in the tests,
/// and a new op should too (see `Documentation/TensorEngine.md`).
public enum GradientCheck {
    /// The outcome of one check: the worst discrepancy, scaled as `|analytic − numeric| / (1 + |numeric|)`.
    public struct Report: CustomStringConvertible, Sendable {
        public let worstError: Float
        public let worstInput: Int
        public let worstIndex: Int
        public var description: String { "worst error \(worstError) at input \(worstInput), element \(worstIndex)" }
    }

    /// Compares the gradients that `backward()` gives for `inputs` with central differences of
    /// `loss = Σ f(inputs) · w` for fixed random weights `w` (so every output element matters). The loss is summed
    /// in `Double`; `step` should keep every input farther than `step` from a kink of `f`.
    public static func check(_ inputs: [Tensor], step: Float = 1e-2, seed: UInt64 = 7,
                             _ function: ([Tensor]) -> Tensor) -> Report {
        let parameters = inputs.map { Parameter($0) }
        let output = function(parameters.map(\.tensor))
        var generator = SeededGenerator(seed: seed)
        let weights = Tensor.uniform(output.shape, low: -1, high: 1, using: &generator)
        (output * weights).sum().backward()

        func loss(_ values: [Tensor]) -> Double {
            let y = withoutGradients { function(values) }
            return zip(y.values, weights.values).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        var worst = Report(worstError: 0, worstInput: -1, worstIndex: -1)
        for (i, input) in inputs.enumerated() {
            let analytic = parameters[i].gradient ?? Tensor.zeros(input.shape)
            for k in 0..<input.count {
                var shifted = inputs
                shifted[i].withUnsafeMutableValues { $0[k] += step }
                let up = loss(shifted)
                shifted[i].withUnsafeMutableValues { $0[k] -= 2 * step }
                let down = loss(shifted)
                let numeric = Float((up - down) / (2 * Double(step)))
                let error = Swift.abs(analytic.values[k] - numeric) / (1 + Swift.abs(numeric))
                // A NaN (e.g. an infinite analytic gradient) is the worst possible result and stays reported.
                if !worst.worstError.isNaN, error.isNaN || error > worst.worstError {
                    worst = Report(worstError: error, worstInput: i, worstIndex: k)
                }
            }
        }
        return worst
    }
}
