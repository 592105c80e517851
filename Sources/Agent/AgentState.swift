import NeuralNets
import Randomness
import Tensors

/// Everything an agent has learned, as named tensors and counters: what a checkpoint stores so that training can
/// resume (networks, target critic, feature extractor, log α, and every optimiser's moments and step count).
///
/// The replay memory is kept without its observations (they are large and the caller can rebuild them from the
/// step that stored each slot): per slot the actions and the subgraph rewards, plus priorities and eviction order.
public struct AgentState {
    /// `actor.…`, `critic.…`, `target_critic.…`, `features.…` (when the agent has a feature extractor),
    /// `log_alpha`, `optimiser.<actor|critic|temperature>.<first|second>.<index>` (Adam moments by parameter
    /// index), and `replay.actions.<slot>`, `replay.rewards.<slot>` (every size's rewards, concatenated),
    /// `replay.priorities`, `replay.largest_priority`.
    public var tensors: [String: Tensor]
    /// `environment_steps`, `updates`, `optimiser.<actor|critic|temperature>.step`, `replay.count` and
    /// `replay.oldest`.
    public var counters: [String: Int]

    public init(tensors: [String: Tensor], counters: [String: Int]) {
        self.tensors = tensors
        self.counters = counters
    }
}

extension SoftActorCritic {
    private var namedOptimisers: [(name: String, optimiser: Adam)] {
        [("actor", actorOptimiser), ("critic", criticOptimiser), ("temperature", temperatureOptimiser)]
    }

    private var namedModules: [(prefix: String, parameters: [NamedParameter])] {
        var modules = [("actor", actor.namedParameters), ("critic", critic.namedParameters),
                       ("target_critic", targetCritic.namedParameters)]
        if let features { modules.append(("features", features.namedParameters)) }
        return modules
    }

    /// A snapshot of the learned state (values are copied: later updates do not change it).
    public var state: AgentState {
        var tensors: [String: Tensor] = ["log_alpha": logTemperature.value]
        for (prefix, parameters) in namedModules {
            for entry in parameters { tensors["\(prefix).\(entry.name)"] = entry.parameter.value }
        }
        var counters = ["environment_steps": environmentSteps, "updates": updates]
        for (name, optimiser) in namedOptimisers {
            counters["optimiser.\(name).step"] = optimiser.step
            for index in optimiser.parameters.indices {
                let (first, second) = optimiser.moments(of: index)
                tensors["optimiser.\(name).first.\(index)"] = first
                tensors["optimiser.\(name).second.\(index)"] = second
            }
        }
        counters["replay.count"] = memory.count
        counters["replay.oldest"] = memory.oldest
        for (slot, transition) in memory.elements.enumerated() {
            tensors["replay.actions.\(slot)"] = Tensor(shape: [transition.actions.count], values: transition.actions)
            let rewards = transition.subgraphRewards.flatMap { $0 }
            tensors["replay.rewards.\(slot)"] = Tensor(shape: [rewards.count], values: rewards)
        }
        tensors["replay.priorities"] = Tensor(shape: [memory.count], values: memory.priorities)
        tensors["replay.largest_priority"] = Tensor(shape: [1], values: [memory.largestPriority])
        return AgentState(tensors: tensors, counters: counters)
    }

    /// Restores a state taken from an agent of the same configuration. Every tensor must be present with its shape;
    /// nothing is changed unless the whole state fits.
    ///
    /// - Parameter observation: the observation of the transition in replay slot `slot` (the caller knows which
    ///   step stored it). Without it the replay memory is left empty (enough for inference).
    public func restore(_ state: AgentState, observation: ((_ slot: Int) -> Observation)? = nil) throws(AgentError) {
        func tensor(_ name: String, shape: [Int]) throws(AgentError) -> Tensor {
            guard let value = state.tensors[name] else { throw .inconsistentInput("the saved state lacks '\(name)'") }
            guard value.shape == shape else {
                throw .inconsistentInput("saved '\(name)' is \(value.shape), the agent's is \(shape)")
            }
            return value
        }
        func counter(_ name: String) throws(AgentError) -> Int {
            guard let value = state.counters[name], value >= 0 else {
                throw .inconsistentInput("the saved state lacks the counter '\(name)'")
            }
            return value
        }
        var assignments: [(Parameter, Tensor)] = [(logTemperature, try tensor("log_alpha", shape: logTemperature.shape))]
        for (prefix, parameters) in namedModules {
            for entry in parameters {
                assignments.append((entry.parameter, try tensor("\(prefix).\(entry.name)", shape: entry.parameter.shape)))
            }
        }
        var moments: [(Adam, Int, [(first: Tensor, second: Tensor)])] = []
        for (name, optimiser) in namedOptimisers {
            var pairs: [(first: Tensor, second: Tensor)] = []
            for (index, parameter) in optimiser.parameters.enumerated() {
                pairs.append((try tensor("optimiser.\(name).first.\(index)", shape: parameter.shape),
                              try tensor("optimiser.\(name).second.\(index)", shape: parameter.shape)))
            }
            moments.append((optimiser, try counter("optimiser.\(name).step"), pairs))
        }
        let steps = try counter("environment_steps"), updateCount = try counter("updates")
        var restoredMemory = try ReplayMemory<Transition>(capacity: configuration.replayCapacity,
                                                          sampling: configuration.replaySampling)
        if let observation {
            let count = try counter("replay.count")
            var transitions: [Transition] = []
            for slot in 0..<min(count, configuration.replayCapacity) {
                let seen = observation(slot)
                let actions = try tensor("replay.actions.\(slot)", shape: [seen.edgeCount]).values
                let counts = seen.subgraphSizes.indices.map(seen.subgraphCount)
                var rewards = try tensor("replay.rewards.\(slot)", shape: [counts.reduce(0, +)]).values[...]
                var perSize: [[Float]] = []
                for n in counts {
                    perSize.append(Array(rewards.prefix(n)))
                    rewards = rewards.dropFirst(n)
                }
                transitions.append(Transition(observation: seen, actions: actions, subgraphRewards: perSize))
            }
            restoredMemory = try ReplayMemory(
                capacity: configuration.replayCapacity, sampling: configuration.replaySampling, elements: transitions,
                priorities: try tensor("replay.priorities", shape: [transitions.count]).values,
                oldest: try counter("replay.oldest"),
                largestPriority: try tensor("replay.largest_priority", shape: [1]).values[0])
        }
        for (optimiser, step, pairs) in moments {
            do { try optimiser.restore(step: step, moments: pairs) } catch {
                throw .inconsistentInput("optimiser state: \(error)")
            }
        }
        for (parameter, value) in assignments { parameter.assign(value) }
        environmentSteps = steps
        updates = updateCount
        memory = restoredMemory
    }

    /// Replaces the generator of exploration noise, warm-up actions and replay sampling, e.g. with one derived from
    /// the run's seed and step so that a resumed run draws what an uninterrupted one would.
    public func reseed(_ seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }
}
