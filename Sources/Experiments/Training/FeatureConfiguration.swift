/// The networks' inputs (paper A.9, A.1): handcrafted features and an optional U-Net feature extractor.
public struct FeatureConfiguration: Sendable, Equatable {
    /// The U-Net feature extractor's mode.
    public enum Extractor: Sendable, Equatable {
        /// Handcrafted features only.
        case none
        /// A U-Net pretrained with `priorcut pretrain` (the checkpoint's absolute path), then frozen ("Method 2").
        case pretrained(checkpoint: String)
        /// A U-Net trained jointly through the critic loss ("Method 1").
        case joint

        public var name: String {
            switch self {
            case .none: "none"
            case .pretrained: "pretrained"
            case .joint: "joint"
            }
        }
    }

    /// Whether the handcrafted node features (size, position, intensity) are used; off requires an extractor.
    /// Edge features are always the handcrafted ones.
    public var handcrafted: Bool
    public var extractor: Extractor
    /// U-Net feature maps per level, e.g. [16, 32, 64, 128]; images are padded to a multiple of 2^(levels − 1).
    public var featureMaps: [Int]
    /// Channels of the embedding (the learned node features per superpixel).
    public var embeddingWidth: Int

    public init(handcrafted: Bool = true, extractor: Extractor = .none, featureMaps: [Int] = [16, 32, 64, 128],
                embeddingWidth: Int = 16) {
        self.handcrafted = handcrafted
        self.extractor = extractor
        self.featureMaps = featureMaps
        self.embeddingWidth = embeddingWidth
    }

    /// Image sides must be multiples of this for the U-Net (1 without an extractor).
    public var sideMultiple: Int {
        if case .none = extractor { return 1 }
        return 1 << max(featureMaps.count - 1, 0)
    }
}
