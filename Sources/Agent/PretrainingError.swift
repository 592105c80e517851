/// What went wrong in the self-supervised pre-training of the feature extractor (paper A.1), and where.
public enum PretrainingError: Error, CustomStringConvertible, Equatable {
    /// Images, superpixels or boundary maps disagree with each other, or cannot be used.
    case inconsistentInput(String)
    /// A configuration value is out of range.
    case invalidConfiguration(String)
    /// The loss became NaN or infinite at this step (1-based); nothing was stepped.
    case nonFiniteLoss(step: Int)
    /// A checkpoint could not be written or read, or does not describe a feature extractor.
    case checkpoint(path: String, String)

    public var description: String {
        switch self {
        case let .inconsistentInput(message): "pre-training input: \(message)"
        case let .invalidConfiguration(message): "pre-training configuration: \(message)"
        case let .nonFiniteLoss(step): "the contrastive loss is not finite at step \(step)"
        case let .checkpoint(path, message): "feature-extractor checkpoint \(path): \(message)"
        }
    }
}
