import Randomness
import Tensors

/// The kernel-2, stride-2 transposed convolution that doubles height and width (the U-Net's up-sampling, paper
/// A.9); weight `[in, out, 2, 2]` (PyTorch layout).
public struct ConvTranspose2d: Module {
    public let weight: Parameter
    public let bias: Parameter?

    public init(inputs: Int, outputs: Int, bias: Bool = true, initialization: Initialization = .pytorchDefault,
                using generator: inout SeededGenerator) {
        // PyTorch computes the fan of a transposed convolution's weight from its dimension 1 (= out).
        weight = Parameter(initialization.weight([inputs, outputs, 2, 2], fanIn: outputs * 4, fanOut: inputs * 4, using: &generator))
        self.bias = bias ? Parameter(BiasInitialization.pytorchDefault.bias(outputs, fanIn: outputs * 4, using: &generator)) : nil
    }

    public var namedParameters: [NamedParameter] {
        [NamedParameter(name: "weight", parameter: weight)] + (bias.map { [NamedParameter(name: "bias", parameter: $0)] } ?? [])
    }

    /// `x: [N, in, H, W]` → `[N, out, 2H, 2W]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.convTranspose2d(x, weight: weight.tensor, bias: bias?.tensor)
    }
}
