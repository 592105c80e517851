import Foundation
import Tensors

/// Adam (Kingma & Ba) exactly as PyTorch's single-tensor implementation, so that training curves can be compared
/// step for step:
///
///     g ← g + λ·θ                      (optional L2 weight decay, as torch.optim.Adam, not AdamW)
///     m ← m + (1 − β₁)(g − m)
///     v ← β₂·v + (1 − β₂)·g²
///     θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// A class because it owns the moment estimates of its parameters. Parameters without a gradient are skipped.
public final class Adam {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    /// The number of steps taken.
    public private(set) var step = 0
    private var firstMoments: [[Float]]
    private var secondMoments: [[Float]]

    public init(parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        (self.beta1, self.beta2, self.epsilon, self.weightDecay) = (beta1, beta2, epsilon, weightDecay)
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        secondMoments = firstMoments
    }

    /// The moment estimates `(m, v)` of the parameter at `index`, e.g. to compare with PyTorch's optimiser state.
    public func moments(of index: Int) -> (first: Tensor, second: Tensor) {
        (Tensor(shape: parameters[index].shape, values: firstMoments[index]),
         Tensor(shape: parameters[index].shape, values: secondMoments[index]))
    }

    /// Restores the step count and the moments of every parameter (e.g. from a checkpoint), so that training
    /// continues exactly where it stopped. `moments` holds one `(m, v)` pair per parameter, in order.
    public func restore(step: Int, moments: [(first: Tensor, second: Tensor)]) throws(ModuleError) {
        guard step >= 0 else { throw .invalidInput("an optimiser step count cannot be negative, got \(step)") }
        guard moments.count == parameters.count else {
            throw .invalidInput("\(moments.count) moment pairs for \(parameters.count) parameters")
        }
        for (index, pair) in moments.enumerated() where pair.first.shape != parameters[index].shape
            || pair.second.shape != parameters[index].shape {
            throw .invalidInput("moments of parameter \(index) are \(pair.first.shape) and \(pair.second.shape), "
                                + "expected \(parameters[index].shape)")
        }
        self.step = step
        firstMoments = moments.map(\.first.values)
        secondMoments = moments.map(\.second.values)
    }

    /// One update of every parameter from its accumulated gradient.
    public func update() {
        step += 1
        // Scalars in Double, then rounded once, as PyTorch computes them in Python floats.
        let t = Double(step)
        let stepSize = Float(Double(learningRate) / (1 - Foundation.pow(Double(beta1), t)))
        let correction2 = Float((1 - Foundation.pow(Double(beta2), t)).squareRoot())
        let oneMinusBeta1 = Float(1 - Double(beta1)), oneMinusBeta2 = Float(1 - Double(beta2))
        let (beta2, epsilon, weightDecay) = (self.beta2, self.epsilon, self.weightDecay)
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.gradient else { continue }
            parameter.update { theta in
                gradient.values.withUnsafeBufferPointer { g in
                    firstMoments[index].withUnsafeMutableBufferPointer { m in
                        secondMoments[index].withUnsafeMutableBufferPointer { v in
                            for i in theta.indices {
                                let grad = weightDecay == 0 ? g[i] : g[i] + weightDecay * theta[i]
                                m[i] = m[i] + oneMinusBeta1 * (grad - m[i])
                                v[i] = v[i] * beta2 + oneMinusBeta2 * grad * grad
                                let denominator = v[i].squareRoot() / correction2 + epsilon
                                theta[i] = theta[i] + (-stepSize) * m[i] / denominator
                            }
                        }
                    }
                }
            }
        }
    }

    public func zeroGradients() { for parameter in parameters { parameter.zeroGradient() } }
}
