import Agent
import NeuralNets
import Randomness
import Tensors
import Testing

@Suite("Replay memory and soft actor-critic")
struct TrainingTests {
    @Test("The memory evicts the oldest entry and samples uniformly or by priority, reproducibly")
    func memory() throws {
        var memory = try ReplayMemory<Int>(capacity: 3)
        for value in 0..<5 { memory.append(value) }
        #expect(memory.elements.sorted() == [2, 3, 4])
        var generator = SeededGenerator(seed: 1)
        var counts = [0, 0, 0]
        for _ in 0..<3000 { counts[memory.sampleIndex(using: &generator)!] += 1 }
        #expect(counts.allSatisfy { abs($0 - 1000) < 120 })

        var prioritised = try ReplayMemory<Int>(capacity: 2, sampling: .prioritised(exponent: 1))
        prioritised.append(0)
        prioritised.append(1)
        prioritised.setPriority(3, at: 0)
        prioritised.setPriority(1, at: 1)
        var first = SeededGenerator(seed: 2), second = SeededGenerator(seed: 2)
        var hits = 0
        for _ in 0..<4000 {
            let index = prioritised.sampleIndex(using: &first)
            #expect(index == prioritised.sampleIndex(using: &second))
            if index == 0 { hits += 1 }
        }
        #expect(abs(Double(hits) / 4000 - 0.75) < 0.03)
        // A new entry gets the largest priority seen so far.
        prioritised.append(2)
        #expect(prioritised.priorities[0] == 3)
        #expect(throws: AgentError.self) { try ReplayMemory<Int>(capacity: 0) }
    }

    static func configuration() -> AgentConfiguration {
        var configuration = AgentConfiguration()
        configuration.actor = NetworkShape(depth: 1, width: 16, hiddenLayers: 1)
        configuration.critic = NetworkShape(depth: 1, width: 16, hiddenLayers: 1)
        configuration.warmupSteps = 1
        configuration.updatesPerStep = 2
        configuration.replaySampling = .prioritised(exponent: 0.6)
        return configuration
    }

    static func environment() throws -> SegmentationEnvironment {
        try SegmentationEnvironment(images: (0..<2).map { try SyntheticBatches.item(index: $0).image },
                                    manifest: try SyntheticBatches.diceManifest(), seed: 5)
    }

    static func trace(seed: UInt64) throws -> [SoftActorCritic.UpdateStatistics] {
        let environment = try Self.environment()
        let agent = try SoftActorCritic(configuration: configuration(), subgraphSizes: [6, 12], seed: seed)
        var statistics: [SoftActorCritic.UpdateStatistics] = []
        for _ in 0..<4 { statistics += try agent.train(on: environment).updates }
        return statistics
    }

    @Test("The same seed gives the same losses step for step; another seed does not")
    func determinism() throws {
        let first = try Self.trace(seed: 11), second = try Self.trace(seed: 11), other = try Self.trace(seed: 12)
        #expect(first.count == 8)
        #expect(first == second)
        #expect(first != other)
        #expect(first.allSatisfy { $0.criticLoss.isFinite && ($0.actorLoss?.isFinite ?? false) })
    }

    @Test("The target critic starts as a copy and then follows the critic softly")
    func targetCritic() throws {
        var configuration = Self.configuration()
        configuration.tau = 0.5
        let agent = try SoftActorCritic(configuration: configuration, subgraphSizes: [6, 12], seed: 3)
        let pairs = zip(agent.critic.parameters, agent.targetCritic.parameters)
        #expect(pairs.allSatisfy { $0.value.values == $1.value.values })
        let before = agent.targetCritic.parameters.map(\.value.values)
        _ = try agent.train(on: try Self.environment())
        // After one update with τ = 0.5 the target moved, but is not the critic.
        let moved = zip(before, agent.targetCritic.parameters).contains { $0 != $1.value.values }
        let equal = zip(agent.critic.parameters, agent.targetCritic.parameters).allSatisfy { $0.value.values == $1.value.values }
        #expect(moved && !equal)
    }

    @Test("Freezing the actor leaves its parameters untouched while the critic learns")
    func frozenActor() throws {
        var configuration = Self.configuration()
        configuration.trainsActor = false
        let agent = try SoftActorCritic(configuration: configuration, subgraphSizes: [6, 12], seed: 3)
        let actorBefore = agent.actor.parameters.map(\.value.values)
        let criticBefore = agent.critic.parameters.map(\.value.values)
        let environment = try Self.environment()
        for _ in 0..<2 { _ = try agent.train(on: environment) }
        #expect(agent.actor.parameters.map(\.value.values) == actorBefore)
        #expect(agent.critic.parameters.map(\.value.values) != criticBefore)
        #expect(agent.environmentSteps == 2 && agent.updates == 4)
    }

    @Test("α rises when the entropy is below its target and falls when above; the reward-dependent target works")
    func temperature() throws {
        func temperature(after target: AgentConfiguration.TargetEntropy) throws -> Float {
            var configuration = Self.configuration()
            configuration.targetEntropy = target
            configuration.temperatureLearningRate = 1e-2
            let agent = try SoftActorCritic(configuration: configuration, subgraphSizes: [6, 12], seed: 3)
            let environment = try Self.environment()
            for _ in 0..<3 { _ = try agent.train(on: environment) }
            return agent.temperature
        }
        let initial = Self.configuration().initialTemperature
        #expect(try temperature(after: .perEdge(10)) > initial) // σ ≤ 5 has entropy ≤ 3.03 < 10: raise α
        #expect(try temperature(after: .perEdge(-10)) < initial) // σ ≥ 0.01 has entropy ≥ −3.2 > −10: lower α
        // Reward-dependent target (0.05, 2.0): between 0.05 and 2.0 nats per edge; the initial σ ≈ 2.5 (1.34 nats)
        // is above the target of well-rewarded subgraphs and below that of badly rewarded ones: α stays finite.
        #expect(try temperature(after: .rewardDependent(low: 0.05, high: 2.0)).isFinite)
    }

    @Test("With the target critic in the actor loss, no gradient is left behind on it")
    func targetCriticInActorLoss() throws {
        var configuration = Self.configuration()
        configuration.actorUsesTargetCritic = true
        let agent = try SoftActorCritic(configuration: configuration, subgraphSizes: [6, 12], seed: 3)
        let actorBefore = agent.actor.parameters.map(\.value.values)
        _ = try agent.train(on: try Self.environment())
        _ = try agent.train(on: try Self.environment())
        #expect(agent.targetCritic.parameters.allSatisfy { $0.gradient == nil })
        #expect(agent.critic.parameters.allSatisfy { $0.gradient == nil })
        #expect(agent.actor.parameters.map(\.value.values) != actorBefore)
    }

    @Test("A critic whose sizes differ from the environment's is refused; bad configurations are typed errors")
    func refusals() throws {
        let agent = try SoftActorCritic(configuration: Self.configuration(), subgraphSizes: [6], seed: 3)
        #expect(throws: AgentError.self) { try agent.train(on: try Self.environment()) }
        var configuration = Self.configuration()
        configuration.tau = 0
        #expect(throws: AgentError.self) { try SoftActorCritic(configuration: configuration, subgraphSizes: [6], seed: 0) }
    }
}
