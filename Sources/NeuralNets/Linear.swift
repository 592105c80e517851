import Randomness
import Tensors

/// A fully connected layer `y = x·Wᵀ + b` with `W: [out, in]` (PyTorch layout).
public struct Linear: Module {
    public let weight: Parameter
    public let bias: Parameter?

    public init(inputs: Int, outputs: Int, bias: Bool = true, initialization: Initialization = .pytorchDefault,
                biasInitialization: BiasInitialization = .pytorchDefault, using generator: inout SeededGenerator) {
        weight = Parameter(initialization.weight([outputs, inputs], fanIn: inputs, fanOut: outputs, using: &generator))
        self.bias = bias ? Parameter(biasInitialization.bias(outputs, fanIn: inputs, using: &generator)) : nil
    }

    public var inputs: Int { weight.shape[1] }
    public var outputs: Int { weight.shape[0] }

    public var namedParameters: [NamedParameter] {
        [NamedParameter(name: "weight", parameter: weight)] + (bias.map { [NamedParameter(name: "bias", parameter: $0)] } ?? [])
    }

    /// `x: [n, in]` → `[n, out]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.linear(x, weight: weight.tensor, bias: bias?.tensor)
    }
}
