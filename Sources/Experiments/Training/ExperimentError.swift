import Rewards

/// What went wrong while configuring, training or applying an experiment, and where.
public enum ExperimentError: Error, CustomStringConvertible {
    /// A problem in the experiment file (or the manifest it names), with file and line.
    case configuration([ConfigurationError])
    /// Reading or preparing the data failed (a missing folder, an unreadable image, mismatched mask).
    case data(String)
    /// A file of the run folder could not be read or written.
    case runFolder(path: String, reason: String)
    /// A checkpoint is missing, unreadable or does not fit the experiment's networks.
    case checkpoint(path: String, reason: String)
    /// The agent refused the input or its configuration.
    case agent(String)
    /// A loss became NaN or infinite at `step` (1-based); the run stopped, keeping the last good checkpoint.
    case nonFiniteLoss(step: Int, loss: String, lastCheckpoint: String?)

    public var description: String {
        switch self {
        case let .configuration(errors): errors.map(\.description).joined(separator: "\n")
        case let .data(message): "data: \(message)"
        case let .runFolder(path, reason): "run folder \(path): \(reason)"
        case let .checkpoint(path, reason): "checkpoint \(path): \(reason)"
        case let .agent(message): message
        case let .nonFiniteLoss(step, loss, last):
            "step \(step): the \(loss) is not finite (NaN or ∞); training stopped. "
                + (last.map { "The last good checkpoint is \($0)." } ?? "No checkpoint had been written yet.")
                + " Lower the learning rates or the gradient clip norm."
        }
    }
}
