/// Everything that shapes the agent and its training (paper §3.1, A.5). Defaults are CPU-sized and documented in
/// Documentation/Agent.md; the experiment config (a later issue) fills this in.
public struct AgentConfiguration: Sendable, Equatable {
    /// The entropy the temperature α steers the policy towards (per subgraph: the target times k).
    public enum TargetEntropy: Sendable, Equatable {
        /// A fixed target per edge, in nats of the pre-sigmoid Normal (0 ↔ σ ≈ 0.24). Default 0.
        case perEdge(Float)
        /// The reference's reward-dependent target per edge, `low + (high − low)(1.5 − r_sg)/1.5`: explore more
        /// where the subgraph reward is low. The reference uses (0.05, 2.0).
        case rewardDependent(low: Float, high: Float)
    }

    public var actor = NetworkShape(depth: 2, width: 64, hiddenLayers: 1)
    public var critic = NetworkShape(depth: 2, width: 64, hiddenLayers: 1)
    /// Width d of the critic's per-edge embedding that its Q heads read (k·d inputs for size k); see `Critic`.
    public var criticEmbeddingWidth = 16
    /// μ and σ bounds of the policy. σ as the reference; μ wider than the reference's [−5, 5]: the deterministic
    /// action sigmoid(μ) is the final edge weight, and with |μ| ≤ 5 it stays ≥ 0.0067 from 0 and 1, which caps the
    /// Dice reward (A.10) of a k-edge subgraph without splits at 1/(1 + 0.0067k) (0.926 for k = 12). The
    /// reference never meets this cap because its min–max normalisation (a bug we do not copy) stretches the
    /// actions to exactly [0, 1]; with |μ| ≤ 8 the cap is 1/(1 + 0.00034k) (0.996 for k = 12).
    public var meanBounds: ClosedRange<Float> = -8...8
    public var stdBounds: ClosedRange<Float> = 0.01...5
    /// Adam learning rates. The paper's 1e-4 is for its 2028-wide networks; the CPU-sized networks learn in
    /// minutes with 3e-3 (measured, Documentation/Agent.md), the temperature with 1e-3.
    public var actorLearningRate: Float = 3e-3
    public var criticLearningRate: Float = 3e-3
    public var temperatureLearningRate: Float = 1e-3
    /// Initial α (reference 0.1). With rewards in [0, 1] and 0.1 the entropy term outweighs the subgraph Q of
    /// k ≥ 6 edges for hundreds of steps; 0.01 lets the policy follow the critic from the start.
    public var initialTemperature: Float = 0.01
    public var targetEntropy = TargetEntropy.perEdge(0)
    /// Soft target update rate τ, applied after every critic update: θ' ← τθ + (1 − τ)θ'.
    public var tau: Float = 0.01
    /// The actor's Q comes from the online critic (SAC, paper Eq. 2) unless this is set (the reference's choice).
    public var actorUsesTargetCritic = false
    /// Whether the actor is optimised at all (off: a control run whose policy stays at its initialisation).
    public var trainsActor = true
    public var replayCapacity = 200
    public var replaySampling = ReplaySampling.uniform
    /// Environment steps with uniformly random actions before the policy acts (reference: the memory size).
    public var warmupSteps = 20
    /// Updates (critic, actor, α) per environment step (the dev repo's circles run: 10).
    public var updatesPerStep = 4
    /// Global gradient-norm limit per network (per optimiser step).
    public var gradientClipNorm: Float = 10

    public init() {}

    public func validate() throws(AgentError) {
        try actor.validate("the actor")
        try critic.validate("the critic")
        guard criticEmbeddingWidth >= 1 else {
            throw .invalidConfiguration("the critic's edge embedding width must be ≥ 1, got \(criticEmbeddingWidth)")
        }
        for (name, rate) in [("actor", actorLearningRate), ("critic", criticLearningRate),
                             ("temperature", temperatureLearningRate)] where !(rate > 0 && rate.isFinite) {
            throw .invalidConfiguration("the \(name) learning rate must be positive, got \(rate)")
        }
        guard initialTemperature > 0, initialTemperature.isFinite else {
            throw .invalidConfiguration("the initial temperature must be positive, got \(initialTemperature)")
        }
        guard tau > 0, tau <= 1 else { throw .invalidConfiguration("τ must be in (0, 1], got \(tau)") }
        guard updatesPerStep >= 1, warmupSteps >= 0 else {
            throw .invalidConfiguration("updates per step must be ≥ 1 and warm-up steps ≥ 0")
        }
        guard gradientClipNorm > 0 else {
            throw .invalidConfiguration("the gradient clip norm must be positive, got \(gradientClipNorm)")
        }
    }
}
