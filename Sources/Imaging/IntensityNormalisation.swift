/// How the pixel values of an image file become intensities in [0, 1]. Experiments read their folders with
/// `minMax` by default, and every command that reads images (`superpixels`, `reward`, `rules fit`,
/// `rules prefer-truth`, `pretrain`, the baselines) takes the same choice, so that a rule's expected intensities,
/// a superpixel recipe and a trained model all see the values training saw.
public enum IntensityNormalisation: String, Sendable, Equatable, CaseIterable {
    /// Integers divided by their type's maximum (uint8 / 255, uint16 / 65535); floats unchanged (clipped to [0, 1]).
    case type
    /// Stretched per image so that its smallest value is 0 and its largest 1 (a constant image becomes 0). Dim
    /// 16-bit images then use the whole range, as the superpixel recipe and the rules expect.
    case minMax = "min_max"

    /// The intensities of `raster` (read from `path`, named in errors).
    public func intensities(of raster: Raster, path: String) throws(ImagingError) -> Image {
        apply(to: try ImageFile.intensities(of: raster, path: path))
    }

    /// Normalises an image whose values came from `Raster.intensities()` (or a generator).
    public func apply(to image: Image) -> Image {
        switch self {
        case .type:
            return image.map { $0.isFinite ? min(max($0, 0), 1) : 0 }
        case .minMax:
            var low = Float.infinity, high = -Float.infinity
            for value in image.values where value.isFinite {
                low = min(low, value)
                high = max(high, value)
            }
            let range = high - low
            guard range > 0, range.isFinite else { return image.map { _ in 0 } }
            return image.map { $0.isFinite ? ($0 - low) / range : 0 }
        }
    }
}
