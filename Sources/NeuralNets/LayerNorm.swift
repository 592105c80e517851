import Tensors

/// Layer normalisation over the last axis with an elementwise affine initialised to γ = 1, β = 0.
public struct LayerNorm: Module {
    public let epsilon: Float
    public let weight: Parameter
    public let bias: Parameter

    public init(features: Int, epsilon: Float = 1e-5) {
        self.epsilon = epsilon
        weight = Parameter(.ones([features]))
        bias = Parameter(.zeros([features]))
    }

    public var namedParameters: [NamedParameter] {
        [NamedParameter(name: "weight", parameter: weight), NamedParameter(name: "bias", parameter: bias)]
    }

    /// `x: [… , features]` → same shape.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.layerNorm(x, weight: weight.tensor, bias: bias.tensor, epsilon: epsilon)
    }

    /// `activation(self(x))`, one fused op for LeakyReLU (`Tensor.layerNormLeakyRelu`).
    public func callAsFunction(_ x: Tensor, then activation: Activation) -> Tensor {
        Self.normalize(x, weight: weight.tensor, bias: bias.tensor, epsilon: epsilon, then: activation)
    }

    /// `activation(Tensor.layerNorm(x, …))` with the given affine (the parameters recorded, or their values as
    /// constants). LeakyReLU, the graph networks' activation, is fused with the normalisation: the composition's
    /// intermediates cost more memory traffic than its arithmetic.
    public static func normalize(_ x: Tensor, weight: Tensor?, bias: Tensor?, epsilon: Float,
                                 then activation: Activation) -> Tensor {
        if case let .leakyRelu(slope) = activation {
            return Tensor.layerNormLeakyRelu(x, weight: weight, bias: bias, slope: slope, epsilon: epsilon)
        }
        return activation(Tensor.layerNorm(x, weight: weight, bias: bias, epsilon: epsilon))
    }
}
