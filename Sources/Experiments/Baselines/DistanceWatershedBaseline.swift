import Imaging

/// The classical nucleus splitter: Otsu foreground → Euclidean distance to the background → Gaussian smoothing →
/// one marker per h-maximum of the smoothed distance → seeded watershed of the negated distance, restricted to the
/// foreground. Two touching round objects are separated at their neck when each centre rises at least `h` px above
/// the neck (after smoothing).
///
/// A foreground component whose distance has no h-maximum (thinner than about `h`) keeps one label as a whole rather
/// than vanishing. A constant image has no foreground and gives all 0.
public struct DistanceWatershedBaseline: Sendable, Equatable {
    /// Gaussian smoothing of the distance transform, pixels (0 = none). Smoothing removes the ridge maxima of
    /// jagged outlines that would otherwise each become a marker.
    public var sigma: Float
    /// Depth of the maxima kept as markers, pixels (> 0).
    public var h: Float

    public init(sigma: Float = 1, h: Float = 1) throws(BaselineError) {
        guard sigma >= 0, sigma.isFinite else { throw .invalidParameter("distance smoothing sigma must be ≥ 0, got \(sigma)") }
        guard h > 0, h.isFinite else { throw .invalidParameter("h-maxima depth must be positive, got \(h)") }
        self.sigma = sigma
        self.h = h
    }

    /// Objects 1…N (row-major order of first pixel), background 0.
    public func segment(_ image: Image) throws(BaselineError) -> LabelImage {
        try BaselineError.validate(image)
        let foreground = try imaging { () throws(ImagingError) in try OtsuThreshold.foreground(image) }
        guard foreground.values.contains(true) else { return foreground.map { _ in 0 } }
        // Otsu leaves at least the minimum as background, so every distance is finite.
        var distance = DistanceTransform.euclidean(foreground)
        if sigma > 0 {
            distance = try imaging { () throws(ImagingError) in try GaussianFilter.smooth(distance, sigma: sigma) }
        }
        let depth = distance.map { -$0 }
        let minima = try imaging { () throws(ImagingError) in try RegionalMinima.hMinima(depth, h: h) }
        // Markers: the h-maxima inside the foreground, plus every foreground component that holds none.
        var seeds = foreground
        for i in seeds.values.indices where !minima.values[i] { seeds.values[i] = false }
        let components = ConnectedComponents.label(foreground, connectivity: .four)
        var hasSeed = [Bool](repeating: false, count: ConnectedComponents.count(components) + 1)
        for (component, seed) in zip(components.values, seeds.values) where seed { hasSeed[Int(component)] = true }
        for i in seeds.values.indices where components.values[i] != 0 && !hasSeed[Int(components.values[i])] {
            seeds.values[i] = true
        }
        let markers = ConnectedComponents.label(seeds, connectivity: .eight)
        let flooded = try imaging { () throws(ImagingError) in try SeededWatershed.flood(depth, markers: markers, mask: foreground) }
        return ConnectedComponents.label(flooded, connectivity: .four)
    }
}
