/// What went wrong in the agent, and where.
public enum AgentError: Error, CustomStringConvertible, Equatable {
    /// Images, superpixels, boundary maps or ground truth disagree with each other.
    case inconsistentInput(String)
    /// A configuration value is out of range.
    case invalidConfiguration(String)
    /// The graph layer refused the batch (e.g. non-consecutive superpixel ids); `image` is its index in the batch.
    case graph(image: Int, String)
    /// The manifest's rules failed on an image of the batch.
    case reward(image: Int, String)
    /// A loss became NaN or infinite.
    case nonFiniteLoss(String)

    public var description: String {
        switch self {
        case let .inconsistentInput(message): "inconsistent agent input: \(message)"
        case let .invalidConfiguration(message): "invalid agent configuration: \(message)"
        case let .graph(image, message): "image \(image) of the batch: \(message)"
        case let .reward(image, message): "reward of image \(image) of the batch: \(message)"
        case let .nonFiniteLoss(what): "\(what) is not finite"
        }
    }
}
