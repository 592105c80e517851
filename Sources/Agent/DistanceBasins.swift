import Imaging

/// The distance-transform basins of an image's bright foreground: the classic split of touching round objects,
/// which meet at a neck of the distance transform. Each basin is one blob centre's share of the foreground.
///
/// Foreground = the Gaussian-smoothed (σ = 1) image above its Otsu threshold. Basins = the seeded watershed of the
/// negated Euclidean distance transform of the foreground, inside the foreground, from the h-maxima of the distance
/// transform (connected components, 8-connectivity): a neck separates two basins when the distance transform dips
/// by at least `depth` pixels between the two centres. Background 0, basins 1, 2, ….
public enum DistanceBasins {
    /// The default neck depth in pixels: deep enough that the jagged outline of a noisy foreground does not seed
    /// basins of its own, shallow enough for two circles whose centres are 0.85 × the sum of their radii apart.
    public static let defaultDepth: Float = 2

    /// `[rows, cols]` basin labels of `image` (background 0).
    public static func basins(of image: Image, depth: Float = defaultDepth) throws(ImagingError) -> LabelImage {
        let smooth = try GaussianFilter.smooth(image, sigma: 1)
        let threshold = try OtsuThreshold.threshold(smooth.values)
        let foreground = smooth.map { $0 > threshold }
        // A foreground without any background pixel has no distance to report (+∞): cap at the image's extent.
        let extent = Double(image.rows + image.cols)
        let distance = DistanceTransform.squaredEuclidean(foreground).map { Float(min($0, extent * extent).squareRoot()) }
        let negated = distance.map { -$0 }
        let maxima = try RegionalMinima.hMinima(negated, h: depth)
        let seeds = try Grid(rows: image.rows, cols: image.cols,
                             values: zip(maxima.values, foreground.values).map { $0 && $1 })
        let markers = ConnectedComponents.label(seeds, connectivity: .eight)
        return try SeededWatershed.flood(negated, markers: markers, mask: foreground)
    }
}
