/// Gaussian smoothing and Gaussian derivatives, as `scipy.ndimage.gaussian_filter` with `mode='nearest'`.
///
/// Separable correlation with `w[k] ∝ exp(-k²/(2σ²))`, `k = -R…R`, `R = Int(truncate·σ + 0.5)`, normalised to sum 1;
/// rows are filtered first, each 1-D pass is stored in Float32 (as scikit-image's `gaussian(…, preserve_range=True)`).
public enum GaussianFilter {
    /// The normalised 1-D kernel of `order` 0 (smoothing) or 1 (derivative `k/σ² · w[k]`, positive for rising
    /// intensity), index `k + R`.
    public static func kernel(sigma: Float, order: Int = 0, truncate: Float = 4) throws(ImagingError) -> [Float] {
        guard sigma > 0, sigma.isFinite else { throw .invalidArgument("Gaussian sigma must be positive and finite, got \(sigma)") }
        guard truncate > 0, truncate.isFinite else { throw .invalidArgument("Gaussian truncate must be positive, got \(truncate)") }
        guard order == 0 || order == 1 else { throw .invalidArgument("Gaussian derivative order must be 0 or 1, got \(order)") }
        let radius = Int(Double(truncate) * Double(sigma) + 0.5)
        let s2 = Double(sigma) * Double(sigma)
        var weights = (-radius...radius).map { k in exp(-0.5 / s2 * Double(k * k)) }
        let sum = weights.reduce(0, +)
        weights = weights.map { $0 / sum }
        if order == 1 {
            for (i, k) in (-radius...radius).enumerated() { weights[i] *= Double(k) / s2 }
        }
        return weights.map(Float.init)
    }

    /// `image` smoothed with a Gaussian of standard deviation `sigma` pixels.
    public static func smooth(_ image: Image, sigma: Float, truncate: Float = 4) throws(ImagingError) -> Image {
        let w = try kernel(sigma: sigma, truncate: truncate)
        return try SeparableFilter.correlate(image, alongRows: w, alongCols: w, border: .nearest)
    }

    /// `sqrt(g_r² + g_c²)` of Gaussian derivatives, as `scipy.ndimage.gaussian_gradient_magnitude(mode='nearest')`.
    public static func gradientMagnitude(_ image: Image, sigma: Float, truncate: Float = 4) throws(ImagingError) -> Image {
        let w = try kernel(sigma: sigma, truncate: truncate)
        let d = try kernel(sigma: sigma, order: 1, truncate: truncate)
        let gr = try SeparableFilter.correlate(image, alongRows: d, alongCols: w, border: .nearest)
        let gc = try SeparableFilter.correlate(image, alongRows: w, alongCols: d, border: .nearest)
        var out = gr
        for i in out.values.indices {
            out.values[i] = (gr.values[i] * gr.values[i] + gc.values[i] * gc.values[i]).squareRoot()
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
