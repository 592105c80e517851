import NeuralNets
import Randomness
import Tensors

/// An MLP over the concatenation `[x_1, …, x_n]` of several inputs, the per-message MLP of the graph networks
/// (φ and ψ), split where they save work:
///
/// - the first layer is split by input, `W·[x_1; …; x_n] + b = W_1·x_1 + … + W_n·x_n + b`: when an input is
///   gathered from node rows (a message's endpoints), its projection is computed once per node and then gathered,
///   so the first layer costs O(nodes) instead of O(edges) matrix rows;
/// - the output layer is affine, so the mean of several outputs is the output of the mean of their last hidden
///   activations: a caller that averages messages (Eq. 1) or the two endpoint orders of an edge averages the
///   `hidden` rows first and applies `output` once per node or edge instead of once per message.
///
/// Each hidden layer is `Linear → LayerNorm → LeakyReLU(0.01)`, the output a plain `Linear`. The LayerNorm has no
/// elementwise affine (PyTorch's `elementwise_affine=False`): its scale is redundant before a positively
/// homogeneous LeakyReLU and the next `Linear`, and on the per-message rows the affine and its gradient cost more
/// than the normalisation itself.
public struct FactorisedMLP: Module {
    /// The first layer, one projection per input part; only the first has a bias.
    public let projections: [Linear]
    /// The hidden layers after the first (`hidden[i − 1] → hidden[i]`).
    public let hiddenLayers: [Linear]
    public let outputLayer: Linear

    /// `inputs`: widths of the parts; `hidden`: at least one hidden width (the first layer's output).
    public init(inputs: [Int], hidden: [Int], outputs: Int, using generator: inout SeededGenerator) {
        projections = inputs.enumerated().map { index, count in
            Linear(inputs: count, outputs: hidden[0], bias: index == 0, using: &generator)
        }
        hiddenLayers = zip(hidden, hidden.dropFirst()).map { Linear(inputs: $0, outputs: $1, using: &generator) }
        outputLayer = Linear(inputs: hidden[hidden.count - 1], outputs: outputs, using: &generator)
    }

    public var namedParameters: [NamedParameter] {
        projections.enumerated().flatMap { $0.element.namedParameters(prefix: "projections.\($0.offset)") }
            + hiddenLayers.enumerated().flatMap { $0.element.namedParameters(prefix: "hiddenLayers.\($0.offset)") }
            + outputLayer.namedParameters(prefix: "outputLayer")
    }

    /// The first layer's share of input `part`.
    public func project(_ part: Int, _ x: Tensor, frozen: Bool = false) -> Tensor { projections[part](x, frozen: frozen) }

    /// The last hidden activations, from the summed projections of the first layer.
    public func hidden(_ firstLayer: Tensor, frozen: Bool = false) -> Tensor {
        var h = Self.activate(firstLayer)
        for layer in hiddenLayers { h = Self.activate(layer(h, frozen: frozen)) }
        return h
    }

    /// The output layer, on (averages of) `hidden` rows.
    public func output(_ hidden: Tensor, frozen: Bool = false) -> Tensor { outputLayer(hidden, frozen: frozen) }

    private static func activate(_ x: Tensor) -> Tensor {
        Tensor.layerNormLeakyRelu(x, weight: nil, bias: nil, slope: 0.01)
    }
}
