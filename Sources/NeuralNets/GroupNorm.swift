import Tensors

/// Group normalisation (Wu & He) with a per-channel affine initialised to γ = 1, β = 0.
public struct GroupNorm: Module {
    public let groups: Int
    public let epsilon: Float
    public let weight: Parameter
    public let bias: Parameter

    public init(groups: Int, channels: Int, epsilon: Float = 1e-5) {
        precondition(groups > 0 && channels % groups == 0, "\(channels) channels cannot form \(groups) groups")
        self.groups = groups
        self.epsilon = epsilon
        weight = Parameter(.ones([channels]))
        bias = Parameter(.zeros([channels]))
    }

    public var namedParameters: [NamedParameter] {
        [NamedParameter(name: "weight", parameter: weight), NamedParameter(name: "bias", parameter: bias)]
    }

    /// `x: [N, C, …]` → same shape.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.groupNorm(x, groups: groups, weight: weight.tensor, bias: bias.tensor, epsilon: epsilon)
    }
}
