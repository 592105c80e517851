import Imaging

/// Where an experiment's images come from: a folder of image files (with optional same-named instance masks) or a
/// synthetic generator (with ground truth).
public enum DataSource: Sendable, Equatable {
    case folder(ImageFolder)
    case synthetic(SyntheticData)
}

/// A folder of images, optionally with a folder of same-named instance masks (ground truth, 0 = background).
public struct ImageFolder: Sendable, Equatable {
    /// Absolute path of the image folder (relative paths in the file are resolved against the file's folder).
    public var images: String
    /// Absolute path of the mask folder, if any: masks are paired with images by name stem.
    public var masks: String?
    /// Which files to take: a shell-style pattern on the file name (`*`, `?`), default `*` (every .tif/.tiff/.png).
    public var pattern: String
    /// At most this many files, the first ones in name order; nil for all.
    public var limit: Int?
    public var normalisation: IntensityNormalisation

    public init(images: String, masks: String? = nil, pattern: String = "*", limit: Int? = nil,
                normalisation: IntensityNormalisation = .minMax) {
        self.images = images
        self.masks = masks
        self.pattern = pattern
        self.limit = limit
        self.normalisation = normalisation
    }
}

/// Synthetic images from `priorcut synth`'s generators: image `i` is drawn from its own stream of `seed`, so the
/// set is the same whatever `count` is.
public struct SyntheticData: Sendable, Equatable {
    /// The generator with its parameters (circles: radius, circles, distractors, noise; embryo: cells, noise).
    public var recipe: SyntheticRecipe
    public var count: Int
    /// Image side in pixels; with a range, image `i`'s side is drawn from it (from the image's own stream).
    public var size: ClosedRange<Int>
    /// The generator's seed (independent of the experiment's seed, so that changing one keeps the other's data).
    public var seed: UInt64

    public init(recipe: SyntheticRecipe, count: Int, size: ClosedRange<Int>, seed: UInt64) {
        self.recipe = recipe
        self.count = count
        self.size = size
        self.seed = seed
    }
}

/// How many of the training images are held out for validation: a count, or a fraction of them.
public enum ValidationSplit: Sendable, Equatable {
    case count(Int)
    case fraction(Double)

    /// The number of validation images out of `total` (at least one image always stays for training; a positive
    /// fraction holds out at least one image when there are two or more).
    public func validationCount(of total: Int) -> Int {
        let wanted = switch self {
        case let .count(n): n
        case let .fraction(f): f > 0 ? max(1, Int((f * Double(total)).rounded())) : 0
        }
        return max(0, min(wanted, total - 1))
    }
}

/// The training data: a source and how it is split into training and validation images.
public struct TrainingData: Sendable, Equatable {
    public var source: DataSource
    public var validation: ValidationSplit
    /// Seeds the shuffle that picks the validation images (independent of the experiment's seed).
    public var splitSeed: UInt64

    public init(source: DataSource, validation: ValidationSplit = .fraction(0.2), splitSeed: UInt64 = 0) {
        self.source = source
        self.validation = validation
        self.splitSeed = splitSeed
    }
}
