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
}
