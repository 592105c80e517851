import Randomness
import Tensors

/// A multi-layer perceptron: `Linear → normalisation → activation` for every hidden layer, then a plain `Linear`.
public struct MLP: Module {
    /// What follows each hidden `Linear`, before the activation.
    public enum Normalization: Sendable, Equatable {
        case none
        /// `LayerNorm` over the features.
        case layerNorm
        /// Standardisation over the batch with a learned affine, always with the batch's own statistics (as the
        /// reference GNN's `BatchNorm1d(track_running_stats=False)`): outputs depend on the batch.
        case batchStatistics
    }

    public let layers: [Linear]
    public let norms: [LayerNorm]
    public let activation: Activation
    public let normalization: Normalization

    /// `hidden` lists the widths of the hidden layers (its count is the depth).
    public init(inputs: Int, hidden: [Int], outputs: Int, activation: Activation = .relu,
                normalization: Normalization = .none, initialization: Initialization = .pytorchDefault,
                biasInitialization: BiasInitialization = .pytorchDefault, using generator: inout SeededGenerator) {
        let widths = [inputs] + hidden + [outputs]
        layers = (0..<(widths.count - 1)).map { i in
            Linear(inputs: widths[i], outputs: widths[i + 1], initialization: initialization,
                   biasInitialization: biasInitialization, using: &generator)
        }
        norms = normalization == .none ? [] : hidden.map { LayerNorm(features: $0) }
        self.activation = activation
        self.normalization = normalization
    }

    public var namedParameters: [NamedParameter] {
        layers.enumerated().flatMap { $0.element.namedParameters(prefix: "layers.\($0.offset)") }
            + norms.enumerated().flatMap { $0.element.namedParameters(prefix: "norms.\($0.offset)") }
    }

    /// `x: [n, inputs]` → `[n, outputs]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(h)
            guard i < layers.count - 1 else { break }
            switch normalization {
            case .none: h = activation(h)
            case .layerNorm: h = norms[i](h, then: activation)
            case .batchStatistics:
                h = activation(Tensor.batchStandardized(h, epsilon: norms[i].epsilon) * norms[i].weight.tensor
                               + norms[i].bias.tensor)
            }
        }
        return h
    }
}
