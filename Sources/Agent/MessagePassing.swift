import NeuralNets
import Randomness
import Tensors

/// One node layer of paper Eq. 1 (and Eq. 3 with an edge input): every directed edge j → i sends the message
/// `φ([f_i, f_j, g_ij])`, every node averages what it receives, and `f_i' = γ([f_i, mean_j φ(…)])`.
///
/// φ and γ are MLPs with LayerNorm, so a node's output never depends on the other images of a batch (the
/// reference's BatchNorm with batch statistics couples them).
public struct NodeConvolution: Module {
    /// φ over `[f_i, f_j, g_ij]` (target, source, edge input).
    public let message: FactorisedMLP
    /// γ over `[f_i, aggregated]`.
    public let update: MLP

    /// - Parameters:
    ///   - inputs: node feature width; `edgeInputs`: width of the per-edge input `g`.
    public init(inputs: Int, edgeInputs: Int, outputs: Int, shape: NetworkShape, using generator: inout SeededGenerator) {
        message = FactorisedMLP(inputs: [inputs, inputs, edgeInputs], hidden: shape.hidden, outputs: shape.width,
                                using: &generator)
        update = MLP(inputs: inputs + shape.width, hidden: shape.hidden, outputs: outputs,
                     activation: .leakyRelu(slope: 0.01), normalization: .layerNorm, using: &generator)
    }

    public var namedParameters: [NamedParameter] {
        message.namedParameters(prefix: "message") + update.namedParameters(prefix: "update")
    }

    /// `nodes: [N, inputs]`, `edgeInputs: [E, edgeInputs]` per undirected edge (used for both directions).
    /// `frozen`: parameters as constants (gradients reach the inputs only).
    public func callAsFunction(_ nodes: Tensor, edgeInputs: Tensor, observation: Observation,
                               frozen: Bool = false) -> Tensor {
        let firstLayer = Tensor.sumOfGatheredRows([
            (message.project(0, nodes, frozen: frozen), observation.messageTargets),
            (message.project(1, nodes, frozen: frozen), observation.messageSources),
            (message.project(2, edgeInputs, frozen: frozen), observation.messageEdges),
        ])
        // The mean of the messages φ(…) is φ's output layer applied to the mean of their last hidden activations
        // (the layer is affine): one output product per node instead of one per message. (A node without
        // neighbours aggregates φ's output at a zero hidden state, its bias.)
        let meanHidden = message.hidden(firstLayer, frozen: frozen)
            .scatterMeanRows(observation.messageTargets, rowCount: observation.nodeCount)
        let aggregated = message.output(meanHidden, frozen: frozen)
        return update(Tensor.concatenate([nodes, aggregated], axis: 1), frozen: frozen)
    }
}

/// The edge read-out: `ψ([f_u, f_v, g_e])`, made symmetric by averaging both endpoint orders, so an undirected
/// edge gets one output whatever the order of its endpoints.
public struct EdgeReadout: Module {
    public let mlp: FactorisedMLP

    public init(nodeInputs: Int, edgeInputs: Int, outputs: Int, shape: NetworkShape, using generator: inout SeededGenerator) {
        mlp = FactorisedMLP(inputs: [nodeInputs, nodeInputs, edgeInputs], hidden: shape.hidden, outputs: outputs,
                            using: &generator)
    }

    public var namedParameters: [NamedParameter] { mlp.namedParameters(prefix: "mlp") }

    /// `nodes: [N, nodeInputs]`, `edgeInputs: [E, edgeInputs]` → `[E, outputs]`.
    public func callAsFunction(_ nodes: Tensor, edgeInputs: Tensor, observation: Observation,
                               frozen: Bool = false) -> Tensor {
        // Both orders in one pass: rows 0..<E are (u, v), rows E..<2E are (v, u).
        let firstLayer = Tensor.sumOfGatheredRows([
            (mlp.project(0, nodes, frozen: frozen), observation.messageSources),
            (mlp.project(1, nodes, frozen: frozen), observation.messageTargets),
            (mlp.project(2, edgeInputs, frozen: frozen), observation.messageEdges),
        ])
        // The average of the two orders' outputs is the output layer of their averaged hidden activations.
        let bothOrders = mlp.hidden(firstLayer, frozen: frozen)
            .scatterMeanRows(observation.messageEdges, rowCount: observation.edgeCount)
        return mlp.output(bothOrders, frozen: frozen)
    }
}

/// A stack of `NodeConvolution`s (residual after the first, whose width changes) and an `EdgeReadout`: the body
/// shared by the actor and the critic.
public struct EdgeNetwork: Module {
    public let layers: [NodeConvolution]
    public let readout: EdgeReadout

    public init(nodeInputs: Int, edgeInputs: Int, outputs: Int, shape: NetworkShape, using generator: inout SeededGenerator) {
        layers = (0..<shape.depth).map { depth in
            NodeConvolution(inputs: depth == 0 ? nodeInputs : shape.width, edgeInputs: edgeInputs,
                            outputs: shape.width, shape: shape, using: &generator)
        }
        readout = EdgeReadout(nodeInputs: shape.width, edgeInputs: edgeInputs, outputs: outputs, shape: shape,
                              using: &generator)
    }

    public var namedParameters: [NamedParameter] {
        layers.enumerated().flatMap { $0.element.namedParameters(prefix: "layers.\($0.offset)") }
            + readout.namedParameters(prefix: "readout")
    }

    /// `nodes: [N, nodeInputs]`, `edgeInputs: [E, edgeInputs]` (undirected) → `[E, outputs]`.
    public func callAsFunction(_ nodes: Tensor, edgeInputs: Tensor, observation: Observation,
                               frozen: Bool = false) -> Tensor {
        var h = nodes
        for (depth, layer) in layers.enumerated() {
            let next = layer(h, edgeInputs: edgeInputs, observation: observation, frozen: frozen)
            h = depth == 0 ? next : h + next
        }
        return readout(h, edgeInputs: edgeInputs, observation: observation, frozen: frozen)
    }
}
