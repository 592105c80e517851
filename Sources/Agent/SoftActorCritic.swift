import Foundation
import NeuralNets
import Randomness
import Tensors

/// The stateless soft actor-critic (paper §3.1, Eqs. 2 and 4; DESIGN.md §3): acts on environments, keeps a replay
/// memory, and updates critic, actor and temperature. A class: the networks, optimisers and memory are one
/// identity that evolves.
///
/// Per update, on one transition drawn from the memory:
/// - critic (Eq. 4): `L_Q = mean_k ½ mean_sg (Q_k(s, a)_sg − r_sg)²` over the subgraph sizes k;
/// - actor (Eq. 2): `L_π = mean_k mean_sg (α Σ_{e∈sg} log π(a_e) − Q_k(s, a)_sg)` with a fresh reparameterised
///   sample a, through the online critic (or the target critic, as an option);
/// - temperature: `L_α = mean_k mean_sg α (H_sg − k·h̄)`, with `H_sg` the closed-form entropy of the pre-sigmoid
///   Normals of the subgraph's edges (detached) and h̄ the target per edge;
/// - the target critic (a copy at initialisation) follows by `θ' ← τθ + (1 − τ)θ'`.
public final class SoftActorCritic {
    public let configuration: AgentConfiguration
    public let actor: Actor
    public let critic: Critic
    public let targetCritic: Critic
    public let features: PixelEmbeddingFeatures?
    /// log α, learned.
    public let logTemperature: Parameter
    public internal(set) var memory: ReplayMemory<Transition>
    public internal(set) var environmentSteps = 0
    public internal(set) var updates = 0
    let actorOptimiser: Adam
    let criticOptimiser: Adam
    let temperatureOptimiser: Adam
    var generator: SeededGenerator

    /// Losses and statistics of one update.
    public struct UpdateStatistics: Sendable, Equatable {
        public let criticLoss: Float
        /// `nil` when the actor is not trained.
        public let actorLoss: Float?
        public let temperature: Float
        public let meanEntropy: Float
    }

    /// - Parameters:
    ///   - nodeFeatureCount, edgeFeatureCount: widths of the handcrafted features.
    ///   - features: optional learned features: the node embedding is appended to the handcrafted node features and
    ///     the embedding distance (`PixelEmbeddingFeatures.edgeFeatureNames`) to the handcrafted edge features.
    public init(configuration: AgentConfiguration, nodeFeatureCount: Int = HandcraftedFeatures.nodeFeatureNames.count,
                edgeFeatureCount: Int = HandcraftedFeatures.edgeFeatureNames.count, subgraphSizes: [Int],
                features: PixelEmbeddingFeatures? = nil, seed: UInt64) throws(AgentError) {
        try configuration.validate()
        var generator = SeededGenerator(seed: seed)
        var networkGenerator = generator.split()
        let nodeInputs = nodeFeatureCount + (features?.embeddingWidth ?? 0)
        let edgeInputs = edgeFeatureCount + (features == nil ? 0 : PixelEmbeddingFeatures.edgeFeatureNames.count)
        actor = try Actor(nodeInputs: nodeInputs, edgeInputs: edgeInputs, shape: configuration.actor,
                          meanBounds: configuration.meanBounds, stdBounds: configuration.stdBounds,
                          using: &networkGenerator)
        critic = try Critic(nodeInputs: nodeInputs, edgeInputs: edgeInputs, subgraphSizes: subgraphSizes,
                            shape: configuration.critic, embeddingWidth: configuration.criticEmbeddingWidth,
                            using: &networkGenerator)
        targetCritic = try Critic(nodeInputs: nodeInputs, edgeInputs: edgeInputs, subgraphSizes: subgraphSizes,
                                  shape: configuration.critic, embeddingWidth: configuration.criticEmbeddingWidth,
                                  using: &networkGenerator)
        do {
            try targetCritic.copyParameters(from: critic)
        } catch {
            throw .invalidConfiguration("target critic: \(error)")
        }
        self.features = features
        logTemperature = Parameter(Tensor(shape: [1], values: [Foundation.log(configuration.initialTemperature)]))
        memory = try ReplayMemory(capacity: configuration.replayCapacity, sampling: configuration.replaySampling)
        actorOptimiser = Adam(parameters: actor.parameters, learningRate: configuration.actorLearningRate)
        let jointFeatures = features.map { $0.trainsJointly ? $0.parameters : [] } ?? []
        criticOptimiser = Adam(parameters: critic.parameters + jointFeatures, learningRate: configuration.criticLearningRate)
        temperatureOptimiser = Adam(parameters: [logTemperature], learningRate: configuration.temperatureLearningRate)
        self.configuration = configuration
        self.generator = generator
    }

    public var temperature: Float { Foundation.exp(logTemperature.value.values[0]) }

    /// The networks' inputs: handcrafted node and edge features, then the learned node embedding and the
    /// embedding-distance edge feature. The embedding is recorded (for joint training through the critic loss)
    /// only when `recordFeatures`; the edge feature never is (`PixelEmbeddingFeatures.features`).
    private func inputs(_ observation: Observation, recordFeatures: Bool) -> (nodes: Tensor, edges: Tensor) {
        guard let features else { return (observation.nodeFeatures, observation.edgeFeatures) }
        if recordFeatures && features.trainsJointly { return features.networkInputs(observation) }
        let inputs = withoutGradients { features.networkInputs(observation) }
        return (inputs.nodes.detached, inputs.edges.detached)
    }

    /// The policy's actions for an observation, without gradients: sampled, or `sigmoid(μ)` when deterministic.
    public func actions(for observation: Observation, deterministic: Bool) -> [Float] {
        withoutGradients {
            let inputs = inputs(observation, recordFeatures: false)
            let policy = actor(inputs.nodes, edges: inputs.edges, observation: observation)
            return deterministic ? policy.deterministicActions.values : policy.sample(using: &generator).actions.values
        }
    }

    /// One environment step (uniform random actions during the warm-up, else sampled from the policy), stored in
    /// the memory, followed by `updatesPerStep` updates. Returns the step's result and the updates' statistics.
    public func train(on environment: SegmentationEnvironment) throws(AgentError)
        -> (step: SegmentationEnvironment.StepResult, updates: [UpdateStatistics]) {
        let observation = environment.observation
        if let features { try features.check(observation) }
        guard observation.subgraphSizes == critic.subgraphSizes else {
            throw .inconsistentInput("environment sizes \(observation.subgraphSizes) but critic sizes \(critic.subgraphSizes)")
        }
        let actions = environmentSteps < configuration.warmupSteps
            ? (0..<observation.edgeCount).map { _ in generator.nextUnitFloat() }
            : self.actions(for: observation, deterministic: false)
        let step = try environment.step(actions: actions)
        memory.append(Transition(observation: observation, actions: actions, subgraphRewards: step.subgraphRewards))
        environmentSteps += 1
        var statistics: [UpdateStatistics] = []
        for _ in 0..<configuration.updatesPerStep {
            guard let index = memory.sampleIndex(using: &generator) else { break }
            statistics.append(try update(on: index))
        }
        return (step, statistics)
    }

    /// One update of critic, actor and temperature on the stored transition `index`.
    private func update(on index: Int) throws(AgentError) -> UpdateStatistics {
        let transition = memory.elements[index]
        let observation = transition.observation
        let sizes = observation.subgraphSizes
        let active = sizes.indices.filter { observation.subgraphCount($0) > 0 }
        guard !active.isEmpty else { throw .inconsistentInput("the batch has no subgraph of any size") }
        let scale = 1 / Float(active.count)

        // Critic, Eq. 4.
        let actions = Tensor(shape: [observation.edgeCount], values: transition.actions)
        let criticInputs = inputs(observation, recordFeatures: true)
        let q = critic(criticInputs.nodes, edges: criticInputs.edges, actions: actions, observation: observation)
        var criticLoss = Tensor(0)
        for i in active {
            let rewards = Tensor(shape: [observation.subgraphCount(i)], values: transition.subgraphRewards[i])
            criticLoss = criticLoss + 0.5 * Tensor.meanSquaredError(q[i]!, rewards) * scale
        }
        try step(criticOptimiser, loss: criticLoss, "critic loss")
        memory.setPriority(criticLoss.scalar, at: index)

        // Actor, Eq. 2, and temperature, on the same node inputs without gradient (a jointly trained feature
        // extractor is evaluated once per update, before the critic's step).
        let nodes = criticInputs.nodes.detached, edges = criticInputs.edges
        let policy = actor(nodes, edges: edges, observation: observation)
        let alpha = temperature
        var actorLossValue: Float?
        if configuration.trainsActor {
            let (sampled, logProbability) = policy.sample(using: &generator)
            let judge = configuration.actorUsesTargetCritic ? targetCritic : critic
            let qPolicy = judge(nodes, edges: edges, actions: sampled, observation: observation, frozen: true)
            var actorLoss = Tensor(0)
            for i in active {
                let k = sizes[i], count = observation.subgraphCount(i)
                let jointLog = logProbability.gatherRows(observation.subgraphEdges[i]).reshaped([count, k])
                    .sum(axes: [1])
                actorLoss = actorLoss + (alpha * jointLog - qPolicy[i]!).mean() * scale
            }
            try step(actorOptimiser, loss: actorLoss, "actor loss")
            actorLossValue = actorLoss.scalar
        }
        let entropy = Tensor.normalEntropy(std: policy.std.detached)
        var temperatureLoss = Tensor(0)
        var entropySum: Float = 0
        for i in active {
            let k = sizes[i], count = observation.subgraphCount(i)
            let subgraphEntropy = entropy.gatherRows(observation.subgraphEdges[i]).reshaped([count, k]).sum(axes: [1])
            entropySum += subgraphEntropy.mean().scalar / Float(k)
            let target: Tensor
            switch configuration.targetEntropy {
            case let .perEdge(h): target = Tensor(repeating: Float(k) * h, shape: [count])
            case let .rewardDependent(low, high):
                target = Tensor(shape: [count], values: transition.subgraphRewards[i].map {
                    Float(k) * (low + (high - low) * (1.5 - $0) / 1.5)
                })
            }
            temperatureLoss = temperatureLoss + (logTemperature.tensor.exp() * (subgraphEntropy - target)).mean() * scale
        }
        try step(temperatureOptimiser, loss: temperatureLoss, "temperature loss")

        do {
            try targetCritic.softUpdate(towards: critic, tau: configuration.tau)
        } catch {
            throw .invalidConfiguration("target critic: \(error)")
        }
        updates += 1
        return UpdateStatistics(criticLoss: criticLoss.scalar, actorLoss: actorLossValue, temperature: temperature,
                                meanEntropy: entropySum * scale)
    }

    /// Zero, backward, clip, step; throws (changing nothing) when the loss is not finite.
    private func step(_ optimiser: Adam, loss: Tensor, _ what: String) throws(AgentError) {
        guard loss.scalar.isFinite else { throw .nonFiniteLoss(what) }
        optimiser.zeroGradients()
        loss.backward()
        clipGradientNorm(optimiser.parameters, maxNorm: configuration.gradientClipNorm)
        optimiser.update()
        optimiser.zeroGradients()
    }
}
