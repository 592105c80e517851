import NeuralNets
import Tensors

/// One node layer of paper Eq. 1 (and Eq. 3 with an edge input): every directed edge j → i sends the message
/// `φ([f_i, f_j, g_ij])`, every node averages what it receives, and `f_i' = γ([f_i, mean_j φ(…)])`.
///
/// φ and γ are MLPs with LayerNorm, so a node's output never depends on the other images of a batch (the
/// reference's BatchNorm with batch statistics couples them).
public struct NodeConvolution: Module {
    public let message: MLP
    public let update: MLP

    /// - Parameters:
    ///   - inputs: node feature width; `edgeInputs`: width of the per-edge input `g` (0 for none).
    public init(inputs: Int, edgeInputs: Int, outputs: Int, shape: NetworkShape, using generator: inout SeededGenerator) {
        message = MLP(inputs: 2 * inputs + edgeInputs, hidden: shape.hidden, outputs: shape.width,
                      activation: .leakyRelu(slope: 0.01), normalization: .layerNorm, using: &generator)
        update = MLP(inputs: inputs + shape.width, hidden: shape.hidden, outputs: outputs,
                     activation: .leakyRelu(slope: 0.01), normalization: .layerNorm, using: &generator)
    }

    public var namedParameters: [NamedParameter] {
        message.namedParameters(prefix: "message") + update.namedParameters(prefix: "update")
    }

    /// `nodes: [N, inputs]`, `edgeInputs: [2E, edgeInputs]` in the order of `observation.messageSources`.
    public func callAsFunction(_ nodes: Tensor, edgeInputs: Tensor?, observation: Observation) -> Tensor {
        var parts = [nodes.gatherRows(observation.messageTargets), nodes.gatherRows(observation.messageSources)]
        if let edgeInputs { parts.append(edgeInputs) }
        let messages = message(Tensor.concatenate(parts, axis: 1))
        let aggregated = messages.scatterMeanRows(observation.messageTargets, rowCount: observation.nodeCount)
        return update(Tensor.concatenate([nodes, aggregated], axis: 1))
    }
}

/// The edge read-out: `ψ([f_u, f_v, g_e])`, made symmetric by averaging both endpoint orders, so an undirected
/// edge gets one output whatever the order of its endpoints.
public struct EdgeReadout: Module {
    public let mlp: MLP

    public init(nodeInputs: Int, edgeInputs: Int, outputs: Int, shape: NetworkShape, using generator: inout SeededGenerator) {
        mlp = MLP(inputs: 2 * nodeInputs + edgeInputs, hidden: shape.hidden, outputs: outputs,
                  activation: .leakyRelu(slope: 0.01), normalization: .layerNorm, using: &generator)
    }

    public var namedParameters: [NamedParameter] { mlp.namedParameters(prefix: "mlp") }

    /// `nodes: [N, nodeInputs]`, `edgeInputs: [E, edgeInputs]` → `[E, outputs]`.
    public func callAsFunction(_ nodes: Tensor, edgeInputs: Tensor, observation: Observation) -> Tensor {
        let u = nodes.gatherRows(observation.edgeU), v = nodes.gatherRows(observation.edgeV)
        let forward = mlp(Tensor.concatenate([u, v, edgeInputs], axis: 1))
        let backward = mlp(Tensor.concatenate([v, u, edgeInputs], axis: 1))
        return (forward + backward) * 0.5
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
    public func callAsFunction(_ nodes: Tensor, edgeInputs: Tensor, observation: Observation) -> Tensor {
        let directed = Tensor.concatenate([edgeInputs, edgeInputs], axis: 0)
        var h = nodes
        for (depth, layer) in layers.enumerated() {
            let next = layer(h, edgeInputs: directed, observation: observation)
            h = depth == 0 ? next : h + next
        }
        return readout(h, edgeInputs: edgeInputs, observation: observation)
    }
}
