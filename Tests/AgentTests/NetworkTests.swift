import Agent
import Foundation
import NeuralNets
import Randomness
import Tensors
import Testing

@Suite("Actor and critic")
struct NetworkTests {
    static let shape = NetworkShape(depth: 2, width: 16, hiddenLayers: 1)

    static func observation(images: [Int] = [0, 1]) throws -> Observation {
        try SegmentationEnvironment(images: images.map { try SyntheticBatches.item(index: $0).image },
                                    manifest: try SyntheticBatches.diceManifest(), seed: 2).observation
    }

    /// A critic over the handcrafted inputs with one head per subgraph size of `observation`.
    static func critic(for observation: Observation, using generator: inout SeededGenerator) throws -> Critic {
        try Critic(nodeInputs: 8, edgeInputs: HandcraftedFeatures.edgeFeatureNames.count,
                   subgraphSizes: observation.subgraphSizes, shape: shape, using: &generator)
    }

    static func actor(seed: UInt64 = 1) throws -> Actor {
        var generator = SeededGenerator(seed: seed)
        return try Actor(nodeInputs: 8, edgeInputs: HandcraftedFeatures.edgeFeatureNames.count, shape: shape, using: &generator)
    }

    @Test("μ and σ stay in their bounds; a = sigmoid(x); log π is the squashed-Normal density of x")
    func policy() throws {
        let observation = try Self.observation()
        let actor = try Self.actor()
        // Large inputs saturate tanh.
        let policy = actor(observation.nodeFeatures * 40, edges: observation.edgeFeatures, observation: observation)
        #expect(policy.mean.shape == [observation.edgeCount])
        #expect(policy.mean.values.allSatisfy { $0 >= -8 && $0 <= 8 })
        #expect(policy.std.values.allSatisfy { $0 >= 0.01 && $0 <= 5 })
        var generator = SeededGenerator(seed: 9)
        let (actions, logProbability) = policy.sample(using: &generator)
        var replay = SeededGenerator(seed: 9)
        let noise = Tensor.normal([observation.edgeCount], using: &replay)
        for e in 0..<observation.edgeCount {
            let mu = Double(policy.mean[e]), sigma = Double(policy.std[e])
            let x = mu + sigma * Double(noise[e])
            let a = 1 / (1 + Foundation.exp(-x))
            #expect(abs(Double(actions[e]) - a) < 1e-5)
            let normal = -0.5 * pow((x - mu) / sigma, 2) - Foundation.log(sigma) - 0.5 * Foundation.log(2 * Double.pi)
            let expected = normal - Foundation.log(a * (1 - a))
            #expect(abs(Double(logProbability[e]) - expected) < 1e-3 * max(1, abs(expected)))
        }
        #expect(policy.deterministicActions.values == policy.mean.sigmoid().values)
    }

    @Test("Gradients reach every actor parameter through the reparameterised sample")
    func actorGradient() throws {
        let observation = try Self.observation()
        let actor = try Self.actor()
        var generator = SeededGenerator(seed: 4)
        let (actions, logProbability) = actor(observation.nodeFeatures, edges: observation.edgeFeatures, observation: observation)
            .sample(using: &generator)
        (actions.sum() + logProbability.sum()).backward()
        #expect(actor.parameters.allSatisfy { $0.gradient != nil })
    }

    @Test("An image's outputs do not depend on the other images of the batch (no batch statistics)")
    func noBatchCoupling() throws {
        let pair = try Self.observation(images: [0, 1]), single = try Self.observation(images: [0])
        let actor = try Self.actor()
        let both = actor(pair.nodeFeatures, edges: pair.edgeFeatures, observation: pair),
            alone = actor(single.nodeFeatures, edges: single.edgeFeatures, observation: single)
        let edges = single.edgeCount
        for e in 0..<edges { #expect(abs(both.mean[e] - alone.mean[e]) < 1e-5) }
    }

    @Test("A frozen critic gives the same Q and action gradient as the trainable one, and no parameter gradient")
    func frozenCritic() throws {
        let observation = try Self.observation()
        var generator = SeededGenerator(seed: 3)
        let critic = try Self.critic(for: observation, using: &generator)
        let values = Tensor.uniform([observation.edgeCount], using: &generator)
        func evaluate(frozen: Bool) -> (q: [Float], actionGradient: [Float]) {
            let actions = Parameter(values)
            let q = critic(observation.nodeFeatures, edges: observation.edgeFeatures, actions: actions.tensor, observation: observation,
                           frozen: frozen)
                .compactMap { $0 }
            q.map { $0.sum() }.reduce(Tensor(0), +).backward()
            return (q.flatMap(\.values), actions.gradient?.values ?? [])
        }
        let frozen = evaluate(frozen: true)
        #expect(critic.parameters.allSatisfy { $0.gradient == nil })
        let trainable = evaluate(frozen: false)
        #expect(critic.parameters.allSatisfy { $0.gradient != nil })
        #expect(frozen.q == trainable.q)
        #expect(frozen.actionGradient.count == observation.edgeCount)
        #expect(zip(frozen.actionGradient, trainable.actionGradient).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
        #expect(frozen.actionGradient.contains { $0 != 0 })
    }

    @Test("The critic gives one Q per subgraph per size and reads edges in sampler order")
    func critic() throws {
        let observation = try Self.observation()
        var generator = SeededGenerator(seed: 3)
        let critic = try Self.critic(for: observation, using: &generator)
        let actions = Tensor.uniform([observation.edgeCount], using: &generator)
        let q = critic(observation.nodeFeatures, edges: observation.edgeFeatures, actions: actions, observation: observation)
        for i in observation.subgraphSizes.indices { #expect(q[i]?.shape == [observation.subgraphCount(i)]) }
        // Changing one edge's action changes exactly the subgraphs that contain it.
        var changed = actions.values
        let edge = observation.subgraphEdges[0][0]
        changed[edge] = 1 - changed[edge]
        let q2 = critic(observation.nodeFeatures, edges: observation.edgeFeatures,
                        actions: Tensor(shape: actions.shape, values: changed), observation: observation)
        #expect(q2[0]!.values[0] != q[0]!.values[0])
        // Reversing the edge order inside every subgraph changes Q: the heads read slots in sampler order.
        let environment = try SegmentationEnvironment(images: [0, 1].map { try SyntheticBatches.item(index: $0).image },
                                                      manifest: try SyntheticBatches.diceManifest(), seed: 2)
        let k = observation.subgraphSizes[0]
        let reversed = stride(from: 0, to: observation.subgraphEdges[0].count, by: k).flatMap {
            observation.subgraphEdges[0][$0..<$0 + k].reversed()
        }
        let reordered = Observation(batch: environment.batch, nodeFeatures: observation.nodeFeatures,
                                    edgeFeatures: observation.edgeFeatures, subgraphSizes: observation.subgraphSizes,
                                    subgraphEdges: [reversed] + observation.subgraphEdges.dropFirst(),
                                    images: environment.images)
        let q3 = critic(observation.nodeFeatures, edges: reordered.edgeFeatures, actions: actions, observation: reordered)
        #expect(q3[0]!.values != q[0]!.values)
        #expect(q3[1]!.values == q[1]!.values)
        #expect(throws: AgentError.self) {
            var g = SeededGenerator(seed: 0)
            _ = try Critic(nodeInputs: 8, edgeInputs: HandcraftedFeatures.edgeFeatureNames.count, subgraphSizes: [1], shape: Self.shape, using: &g)
        }
        #expect(throws: AgentError.self) {
            var g = SeededGenerator(seed: 0)
            _ = try Actor(nodeInputs: 8, edgeInputs: HandcraftedFeatures.edgeFeatureNames.count, shape: NetworkShape(depth: 0), using: &g)
        }
    }
}
