import NeuralNets
import Randomness
import Tensors

/// The policy π (paper §3.1): an `EdgeNetwork` over node and edge features whose two outputs per edge become the
/// mean μ and the standard deviation σ of a Normal; the action is `a = sigmoid(x)`, `x ~ N(μ, σ)`.
///
/// Both outputs are bounded with tanh (as the reference): μ ∈ `meanBounds` (default [−8, 8], see `AgentConfiguration.meanBounds`) and σ ∈ `stdBounds`
/// (default [0.01, 5]), so the policy can neither saturate the sigmoid without limit nor collapse to a point.
public struct Actor: Module {
    public let network: EdgeNetwork
    public let meanBounds: ClosedRange<Float>
    public let stdBounds: ClosedRange<Float>

    public init(nodeInputs: Int, edgeInputs: Int, shape: NetworkShape, meanBounds: ClosedRange<Float> = -8...8,
                stdBounds: ClosedRange<Float> = 0.01...5, using generator: inout SeededGenerator) throws(AgentError) {
        try shape.validate("the actor")
        guard stdBounds.lowerBound > 0 else {
            throw .invalidConfiguration("the actor's σ bounds must be positive, got \(stdBounds)")
        }
        network = EdgeNetwork(nodeInputs: nodeInputs, edgeInputs: edgeInputs, outputs: 2, shape: shape, using: &generator)
        self.meanBounds = meanBounds
        self.stdBounds = stdBounds
    }

    public var namedParameters: [NamedParameter] { network.namedParameters(prefix: "network") }

    /// The policy of every edge.
    public struct Policy {
        /// `[E]` each.
        public let mean: Tensor, std: Tensor

        /// The deterministic action `sigmoid(μ)` for inference.
        public var deterministicActions: Tensor { mean.sigmoid() }

        /// A reparameterised sample: `x = μ + σ·ε` with `ε ~ N(0, 1)` from `generator`, `a = sigmoid(x)`, and
        /// `log π(a)` per edge by the stable squashed-Normal density (from `x`, never by inverting the sigmoid).
        public func sample(using generator: inout SeededGenerator) -> (actions: Tensor, logProbability: Tensor) {
            let noise = Tensor.normal(mean.shape, using: &generator)
            let x = mean + std * noise
            return (x.sigmoid(), Tensor.squashedNormalLogProbability(x, mean: mean, std: std))
        }
    }

    /// `nodes: [N, nodeInputs]`, `edges: [E, edgeInputs]` (handcrafted and/or learned features).
    public func callAsFunction(_ nodes: Tensor, edges: Tensor, observation: Observation) -> Policy {
        let out = network(nodes, edgeInputs: edges, observation: observation)
        let parts = out.split(sizes: [1, 1], axis: 1)
        let e = observation.edgeCount
        let mean = Self.bounded(parts[0].reshaped([e]), meanBounds)
        let std = Self.bounded(parts[1].reshaped([e]), stdBounds)
        return Policy(mean: mean, std: std)
    }

    /// `lo + (hi − lo)(tanh(x) + 1)/2`.
    private static func bounded(_ x: Tensor, _ bounds: ClosedRange<Float>) -> Tensor {
        let half = (bounds.upperBound - bounds.lowerBound) / 2
        return x.tanh() * half + (bounds.lowerBound + half)
    }
}
