import Graphs

/// How long and how a run trains, and when it validates and saves.
public struct TrainingSchedule: Sendable, Equatable {
    /// Environment steps (each followed by the agent's `updates_per_step` updates).
    public var steps: Int
    /// Images per environment step (one disjoint-union graph).
    public var batchSize: Int
    /// Validate (deterministic actions on the validation images) every this many steps, and at the end.
    public var validationEvery: Int
    /// Write the `last` checkpoint every this many steps, and at the end.
    public var checkpointEvery: Int
    /// The multicut solver of every step and of `segment`.
    public var solver: MulticutSolver

    public init(steps: Int = 1000, batchSize: Int = 4, validationEvery: Int = 50, checkpointEvery: Int = 50,
                solver: MulticutSolver = .gaec) {
        self.steps = steps
        self.batchSize = batchSize
        self.validationEvery = validationEvery
        self.checkpointEvery = checkpointEvery
        self.solver = solver
    }
}
