import NeuralNets
import Randomness
import Tensors

/// The critic Q (paper §3.1, Eq. 3): an `EdgeNetwork` whose messages and read-out include the action of the edge,
/// giving an embedding of width d per edge, and one MLP head per subgraph size over the concatenated embeddings of
/// a subgraph's edges in sampler order (`[n_sg, k·d]`): the order defines which input slot an edge fills.
///
/// d (`embeddingWidth`) is its own knob, not the network width: head k costs k·d·width multiply-adds per subgraph
/// and as many parameters, so with d = width = 256 the heads would dominate the whole update (k = 128 reads 32 768
/// inputs). The reference's heads read edge embeddings as narrow as its node inputs (19 channels) while its hidden
/// layers are 2028 wide; the default d = 16 follows that.
public struct Critic: Module {
    public let network: EdgeNetwork
    public let heads: [MLP]
    public let subgraphSizes: [Int]
    public let embeddingWidth: Int

    public init(nodeInputs: Int, edgeInputs: Int, subgraphSizes: [Int], shape: NetworkShape, embeddingWidth: Int = 16,
                using generator: inout SeededGenerator) throws(AgentError) {
        try shape.validate("the critic")
        guard embeddingWidth >= 1 else {
            throw .invalidConfiguration("the critic's edge embedding width must be ≥ 1, got \(embeddingWidth)")
        }
        guard !subgraphSizes.isEmpty, subgraphSizes.allSatisfy({ $0 >= 2 }) else {
            throw .invalidConfiguration("the critic needs subgraph sizes ≥ 2, got \(subgraphSizes)")
        }
        self.embeddingWidth = embeddingWidth
        network = EdgeNetwork(nodeInputs: nodeInputs, edgeInputs: edgeInputs + 1, outputs: embeddingWidth, shape: shape,
                              using: &generator)
        heads = subgraphSizes.map { k in
            MLP(inputs: k * embeddingWidth, hidden: shape.hidden, outputs: 1, activation: .leakyRelu(slope: 0.01),
                normalization: .layerNorm, using: &generator)
        }
        self.subgraphSizes = subgraphSizes
    }

    public var namedParameters: [NamedParameter] {
        network.namedParameters(prefix: "network")
            + heads.enumerated().flatMap { $0.element.namedParameters(prefix: "heads.\($0.offset)") }
    }

    /// Q of every subgraph, per size (`[n_sg]` each; empty sizes give `nil`). `nodes: [N, nodeInputs]`,
    /// `edges: [E, edgeInputs]`, `actions: [E]`. `frozen`: the
    /// parameters as constants, for the actor loss, which needs the gradient with respect to the actions only.
    public func callAsFunction(_ nodes: Tensor, edges: Tensor, actions: Tensor, observation: Observation,
                               frozen: Bool = false) -> [Tensor?] {
        let edgeInputs = Tensor.concatenate([actions.reshaped([observation.edgeCount, 1]), edges], axis: 1)
        let embeddings = network(nodes, edgeInputs: edgeInputs, observation: observation, frozen: frozen)
        return subgraphSizes.indices.map { i in
            let count = observation.subgraphCount(i)
            guard count > 0 else { return nil }
            let k = subgraphSizes[i]
            let rows = embeddings.gatherRows(observation.subgraphEdges[i]).reshaped([count, k * embeddingWidth])
            return heads[i](rows, frozen: frozen).reshaped([count])
        }
    }
}
