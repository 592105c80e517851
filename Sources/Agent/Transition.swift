/// One environment step as the replay memory keeps it: what was seen, what was done (the raw actions, never
/// normalised), and the reward of every subgraph per size. Stateless RL: no next state.
public struct Transition {
    public let observation: Observation
    public let actions: [Float]
    public let subgraphRewards: [[Float]]

    public init(observation: Observation, actions: [Float], subgraphRewards: [[Float]]) {
        self.observation = observation
        self.actions = actions
        self.subgraphRewards = subgraphRewards
    }
}
