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
                            // Eight elements at a time (the scalar loop's square roots and divisions dominated
                            // whole updates), then the rest; each element is computed exactly as one at a time.
                            var i = 0
                            while i + 8 <= theta.count {
                                var (t, m8, v8) = (Self.load(theta, i), Self.load(m, i), Self.load(v, i))
                                Self.step(&t, &m8, &v8, gradient: Self.load(g, i), stepSize, correction2,
                                          oneMinusBeta1, beta2, oneMinusBeta2, epsilon, weightDecay)
                                Self.store(t, theta, i)
                                Self.store(m8, m, i)
                                Self.store(v8, v, i)
                                i += 8
                            }
                            while i < theta.count {
                                var (t, m1, v1) = (SIMD8<Float>(repeating: theta[i]), SIMD8<Float>(repeating: m[i]),
                                                   SIMD8<Float>(repeating: v[i]))
                                Self.step(&t, &m1, &v1, gradient: SIMD8<Float>(repeating: g[i]), stepSize, correction2,
                                          oneMinusBeta1, beta2, oneMinusBeta2, epsilon, weightDecay)
                                (theta[i], m[i], v[i]) = (t[0], m1[0], v1[0])
                                i += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// One Adam step of eight elements (see the type's documentation for the formulas).
    @inline(__always)
    private static func step(_ theta: inout SIMD8<Float>, _ m: inout SIMD8<Float>, _ v: inout SIMD8<Float>,
                             gradient g: SIMD8<Float>, _ stepSize: Float, _ correction2: Float, _ oneMinusBeta1: Float,
                             _ beta2: Float, _ oneMinusBeta2: Float, _ epsilon: Float, _ weightDecay: Float) {
        let grad = weightDecay == 0 ? g : g + weightDecay * theta
        m = m + oneMinusBeta1 * (grad - m)
        v = v * beta2 + oneMinusBeta2 * grad * grad
        let denominator = v.squareRoot() / correction2 + epsilon
        theta = theta + (-stepSize) * m / denominator
    }

    @inline(__always)
    private static func load(_ buffer: UnsafeBufferPointer<Float>, _ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func load(_ buffer: UnsafeMutableBufferPointer<Float>, _ i: Int) -> SIMD8<Float> {
        load(UnsafeBufferPointer(buffer), i)
    }

    @inline(__always)
    private static func store(_ value: SIMD8<Float>, _ buffer: UnsafeMutableBufferPointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(buffer.baseAddress! + i).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    public func zeroGradients() { for parameter in parameters { parameter.zeroGradient() } }
}
