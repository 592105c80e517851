import Randomness
import Tensors

/// A stride-1 2-D convolution with zero padding, weight `[out, in, k, k]` (PyTorch layout, cross-correlation).
public struct Conv2d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let padding: Int

    /// `padding` defaults to `kernelSize / 2` ("same" size for odd kernels).
    public init(inputs: Int, outputs: Int, kernelSize: Int, padding: Int? = nil, bias: Bool = true,
                initialization: Initialization = .pytorchDefault, using generator: inout SeededGenerator) {
        let taps = kernelSize * kernelSize
        weight = Parameter(initialization.weight([outputs, inputs, kernelSize, kernelSize], fanIn: inputs * taps,
                                                 fanOut: outputs * taps, using: &generator))
        self.bias = bias ? Parameter(BiasInitialization.pytorchDefault.bias(outputs, fanIn: inputs * taps, using: &generator)) : nil
        self.padding = padding ?? kernelSize / 2
    }

    public var namedParameters: [NamedParameter] {
        [NamedParameter(name: "weight", parameter: weight)] + (bias.map { [NamedParameter(name: "bias", parameter: $0)] } ?? [])
    }

    /// `x: [N, in, H, W]` → `[N, out, H', W']`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.conv2d(x, weight: weight.tensor, bias: bias?.tensor, padding: padding)
    }
}
