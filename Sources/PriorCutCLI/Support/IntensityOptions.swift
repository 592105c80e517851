import ArgumentParser
import Imaging

extension IntensityNormalisation: ExpressibleByArgument {}

/// `--normalisation`, shared by every command that reads images as intensities, so that they see the values an
/// experiment's training saw (its `data.normalisation`, `min_max` unless set).
struct IntensityOptions: ParsableArguments {
    @Option(help: """
        How pixel values become intensities in [0, 1]: min_max (stretch each image, as experiments do by default) \
        or type (divide by the type's maximum, e.g. 255).
        """)
    var normalisation: IntensityNormalisation = .minMax

    /// Reads an image file as intensities.
    func readImage(_ path: String) throws -> Image {
        try ImageFile.readImage(path, normalisation: normalisation)
    }
}
