import Foundation

/// Log-densities and entropies of the actor's Normal policy (paper §3.1: edge weights are sigmoid-squashed
/// Normal samples), and the regression loss of the critic.
extension Tensor {
    /// `log N(x; μ, σ) = −(x − μ)² / (2σ²) − log σ − ½ log 2π`, element-wise (broadcasting).
    public static func normalLogProbability(_ x: Tensor, mean: Tensor, std: Tensor) -> Tensor {
        let z = (x - mean) / std
        return -0.5 * z * z - std.log() - Float(0.5 * Foundation.log(2 * Double.pi))
    }

    /// The entropy of N(μ, σ): `½ + ½ log 2π + log σ`.
    public static func normalEntropy(std: Tensor) -> Tensor {
        std.log() + Float(0.5 + 0.5 * Foundation.log(2 * Double.pi))
    }

    /// The log-density of `a = sigmoid(x)` for `x ~ N(μ, σ)`, from the pre-sigmoid value `x`. By the change of
    /// variables, `log p(a) = log N(x; μ, σ) − log(da/dx) = log N(x; μ, σ) − log(sigmoid(x)(1 − sigmoid(x)))`, and
    /// `−log(sigmoid(x)(1 − sigmoid(x))) = softplus(−x) + softplus(x)`, which stays finite when the sigmoid
    /// saturates. (Issue 5 writes the Jacobian term with the opposite sign; the PyTorch fixture and the
    /// derivation agree on `+`.)
    public static func squashedNormalLogProbability(_ x: Tensor, mean: Tensor, std: Tensor) -> Tensor {
        normalLogProbability(x, mean: mean, std: std) + (-x).softplus() + x.softplus()
    }

    /// Mean squared error over all elements.
    public static func meanSquaredError(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        precondition(prediction.shape == target.shape, "MSE of shapes \(prediction.shape) and \(target.shape)")
        let difference = prediction - target
        return (difference * difference).mean()
    }
}
