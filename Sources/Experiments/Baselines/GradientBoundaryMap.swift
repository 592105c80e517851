import Imaging

/// The boundary map the mutex-watershed and multicut baselines share: the Gaussian gradient magnitude of the image,
/// divided by its `percentile` (nearest rank) and clipped to [0, 1], so that the strongest `1 − percentile` of the
/// gradients count as certain boundaries (probability 1) and flat regions as certain interiors (0). The same scaling
/// as the mutex superpixel recipe.
public struct GradientBoundaryMap: Sendable, Equatable {
    /// Gaussian derivative scale, pixels (> 0).
    public var sigma: Float
    /// The quantile of the gradient that maps to probability 1, in (0, 1].
    public var percentile: Double

    public init(sigma: Float = 1, percentile: Double = 0.99) throws(BaselineError) {
        guard sigma > 0, sigma.isFinite else { throw .invalidParameter("boundary sigma must be positive, got \(sigma)") }
        guard percentile > 0, percentile <= 1 else {
            throw .invalidParameter("boundary percentile must be in (0, 1], got \(percentile)")
        }
        self.sigma = sigma
        self.percentile = percentile
    }

    /// Boundary probabilities in [0, 1]; all 0 for a constant image.
    public func probabilities(of image: Image) throws(BaselineError) -> Image {
        try BaselineError.validate(image)
        let gradient = try imaging { () throws(ImagingError) in try GaussianFilter.gradientMagnitude(image, sigma: sigma) }
        let sorted = gradient.values.sorted()
        let scale = sorted[min(sorted.count - 1, Int(percentile * Double(sorted.count - 1)))]
        guard scale > 0 else { return gradient.map { _ in 0 } }
        return gradient.map { min($0 / scale, 1) }
    }
}
