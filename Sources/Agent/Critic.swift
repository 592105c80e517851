import NeuralNets
import Randomness
import Tensors

/// The critic Q (paper §3.1, Eq. 3): an `EdgeNetwork` whose messages and read-out include the action of the edge,
/// giving an embedding per edge, and one MLP head per subgraph size over the concatenated embeddings of a
/// subgraph's edges in sampler order (`[n_sg, k·d]`): the order defines which input slot an edge fills.
public struct Critic: Module {
    public let network: EdgeNetwork
    public let heads: [MLP]
    public let subgraphSizes: [Int]
    public let embeddingWidth: Int

    public init(nodeInputs: Int, edgeInputs: Int, subgraphSizes: [Int], shape: NetworkShape,
                using generator: inout SeededGenerator) throws(AgentError) {
        try shape.validate("the critic")
        guard !subgraphSizes.isEmpty, subgraphSizes.allSatisfy({ $0 >= 2 }) else {
            throw .invalidConfiguration("the critic needs subgraph sizes ≥ 2, got \(subgraphSizes)")
        }
        embeddingWidth = shape.width
        network = EdgeNetwork(nodeInputs: nodeInputs, edgeInputs: edgeInputs + 1, outputs: shape.width, shape: shape,
                              using: &generator)
        heads = subgraphSizes.map { k in
            MLP(inputs: k * shape.width, hidden: shape.hidden, outputs: 1, activation: .leakyRelu(slope: 0.01),
                normalization: .layerNorm, using: &generator)
        }
        self.subgraphSizes = subgraphSizes
    }

    public var namedParameters: [NamedParameter] {
        network.namedParameters(prefix: "network")
            + heads.enumerated().flatMap { $0.element.namedParameters(prefix: "heads.\($0.offset)") }
    }

    /// Q of every subgraph, per size (`[n_sg]` each; empty sizes give `nil`). `actions: [E]`.
    public func callAsFunction(_ nodes: Tensor, actions: Tensor, observation: Observation) -> [Tensor?] {
        let edgeInputs = Tensor.concatenate([actions.reshaped([observation.edgeCount, 1]), observation.edgeFeatures],
                                            axis: 1)
        let embeddings = network(nodes, edgeInputs: edgeInputs, observation: observation)
        return subgraphSizes.indices.map { i in
            let count = observation.subgraphCount(i)
            guard count > 0 else { return nil }
            let k = subgraphSizes[i]
            let rows = embeddings.gatherRows(observation.subgraphEdges[i]).reshaped([count, k * embeddingWidth])
            return heads[i](rows).reshaped([count])
        }
    }
}
