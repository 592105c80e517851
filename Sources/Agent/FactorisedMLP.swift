import NeuralNets
import Randomness
import Tensors

/// An MLP over the concatenation `[x_1, …, x_n]` of several inputs whose first layer is split by input:
/// `W·[x_1; …; x_n] + b = W_1·x_1 + … + W_n·x_n + b`. When an input is gathered from node rows (a message's
/// endpoints), its projection is computed once per node and then gathered, instead of once per edge: the first
/// layer then costs O(nodes) instead of O(edges) matrix rows — the bulk of a message MLP's work.
///
/// Otherwise it is an `MLP` with LayerNorm: first layer → LayerNorm → LeakyReLU(0.01) → the remaining layers.
public struct FactorisedMLP: Module {
    /// One projection per input part; only the first has a bias.
    public let projections: [Linear]
    public let norm: LayerNorm
    public let rest: MLP

    /// `inputs`: widths of the parts; `hidden`: at least one hidden width (the first layer's output).
    public init(inputs: [Int], hidden: [Int], outputs: Int, using generator: inout SeededGenerator) {
        let width = hidden[0]
        projections = inputs.enumerated().map { index, count in
            Linear(inputs: count, outputs: width, bias: index == 0, using: &generator)
        }
        norm = LayerNorm(features: width)
        rest = MLP(inputs: width, hidden: Array(hidden.dropFirst()), outputs: outputs,
                   activation: .leakyRelu(slope: 0.01), normalization: .layerNorm, using: &generator)
    }

    public var namedParameters: [NamedParameter] {
        projections.enumerated().flatMap { $0.element.namedParameters(prefix: "projections.\($0.offset)") }
            + norm.namedParameters(prefix: "norm") + rest.namedParameters(prefix: "rest")
    }

    /// The first layer's share of input `part`.
    public func project(_ part: Int, _ x: Tensor) -> Tensor { projections[part](x) }

    /// The rest of the MLP, from the summed projections.
    public func finish(_ firstLayer: Tensor) -> Tensor { rest(norm(firstLayer).leakyRelu(slope: 0.01)) }
}
