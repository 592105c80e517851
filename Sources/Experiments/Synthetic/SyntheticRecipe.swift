import Imaging
import Randomness

/// A synthetic data generator with its parameters: what `priorcut synth circles|embryo` writes.
///
/// Image `index` of a data set with seed `seed` is drawn from its own stream `SplitMix64(seed:, stream: index)`,
/// so it is the same whatever the number of images, and the same bytes on every run.
public enum SyntheticRecipe: Sendable, Hashable {
    case circles(SyntheticCircles)
    case embryo(SyntheticEmbryo)

    /// `circles` or `embryo`: the prefix of the file names.
    public var name: String {
        switch self {
        case .circles: "circles"
        case .embryo: "embryo"
        }
    }

    /// Image `index` (0-based) of the data set with this seed: a float image in [0, 1] and its instance mask.
    public func sample(index: Int, seed: UInt64, size: Int) throws(SyntheticDataError) -> (image: Image, mask: LabelImage) {
        var generator = SplitMix64(seed: seed, stream: UInt64(index))
        switch self {
        case let .circles(recipe):
            let sample = try recipe.generate(size: size, using: &generator)
            return (sample.image, sample.mask)
        case let .embryo(recipe):
            let sample = try recipe.generate(size: size, using: &generator)
            return (sample.image, sample.mask)
        }
    }

    /// The file stem of image `index`: `circles_0007`.
    public func stem(index: Int) -> String {
        let digits = String(index)
        return name + "_" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
