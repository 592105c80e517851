/// How to cut an image into superpixels. The default, `.raw`, uses the image data only (the paper's "RAW"
/// superpixels); `groundTruth` in `superpixels(of:groundTruth:)` additionally splits them at ground-truth object
/// boundaries (the paper's "GT" superpixels, A.12).
///
/// Pipeline: smooth with a Gaussian (`sigma`) → Sobel magnitude `g` → regions: watershed of `g` from its h-minima
/// (`h`), or the mutex watershed of `g` scaled to [0, 1] → fold regions below `regionMinimumSize` px into the
/// neighbour across the weakest boundary of `g` → cut every region at the intensity levels
/// `intensityLevels × Otsu threshold` of the smoothed image, all of the image below the lowest level becoming
/// background pieces (its connected components) → fold pieces below `minimumSize` px into the neighbour across the
/// weakest boundary of `g` → ids 0, 1, … in row-major order of first pixel.
///
/// Why the intensity levels: gradient maxima lie a pixel or two *inside* an annotated nucleus outline, and one
/// threshold cannot fit every nucleus' outline. Rings between a few levels let a merge choose, per nucleus, the level
/// that fits, while the background stays a few large pieces. See Documentation/Superpixels.md for the measurements.
public struct SuperpixelRecipe: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// Seeded watershed of the gradient from its h-minima.
        case watershed
        /// Mutex watershed of the gradient (Wolf et al. 2020), default offsets.
        case mutex
    }

    public var method: Method
    /// Gaussian smoothing before the gradient, pixels (> 0).
    public var sigma: Float
    /// h-minima depth for the watershed markers, in gradient units of an image in [0, 1] (> 0; watershed only).
    public var h: Float
    /// Cut levels as multiples of the smoothed image's Otsu threshold, increasing; empty for no cut.
    public var intensityLevels: [Float]
    /// Regions smaller than this (pixels) are merged into a neighbour before the intensity cut; 0 keeps everything.
    public var regionMinimumSize: Int
    /// Pieces smaller than this (pixels) are merged into a neighbour after the intensity cut; 0 keeps everything.
    public var minimumSize: Int

    public init(method: Method = .watershed, sigma: Float = 0.5, h: Float = 0.004, regionMinimumSize: Int = 30,
                intensityLevels: [Float] = [0.4, 0.7], minimumSize: Int = 20) throws(ImagingError) {
        self.method = method
        self.sigma = sigma
        self.h = h
        self.regionMinimumSize = regionMinimumSize
        self.intensityLevels = intensityLevels
        self.minimumSize = minimumSize
        try validate()
    }

    /// The default RAW recipe (image data only).
    public static let raw = SuperpixelRecipe(validated: .watershed)

    private init(validated method: Method) {
        self.method = method
        sigma = 0.5
        h = 0.004
        regionMinimumSize = 30
        intensityLevels = [0.4, 0.7]
        minimumSize = 20
    }

    /// Throws if a parameter is out of range.
    public func validate() throws(ImagingError) {
        guard sigma > 0, sigma.isFinite else { throw .invalidArgument("superpixel sigma must be positive, got \(sigma)") }
        guard h > 0, h.isFinite else { throw .invalidArgument("superpixel h must be positive, got \(h)") }
        guard minimumSize >= 0, regionMinimumSize >= 0 else {
            throw .invalidArgument("superpixel minimum sizes must be non-negative, got \(regionMinimumSize) and \(minimumSize)")
        }
        guard intensityLevels.allSatisfy({ $0 > 0 && $0.isFinite }), intensityLevels == intensityLevels.sorted(),
              Set(intensityLevels).count == intensityLevels.count, intensityLevels.count < 256 else {
            throw .invalidArgument("intensity levels must be positive, strictly increasing and fewer than 256, got \(intensityLevels)")
        }
    }

    /// Superpixels of `image` (values in [0, 1]), optionally split at the objects of `groundTruth` (same shape).
    public func superpixels(of image: Image, groundTruth: LabelImage? = nil) throws(ImagingError) -> LabelImage {
        try validate()
        if let groundTruth { try image.requireSameShape(as: groundTruth, "image vs ground truth") }
        guard !image.isEmpty else { throw .invalidArgument("cannot compute superpixels of an empty \(image.shape) image") }
        if let bad = image.values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument("image has a non-finite value at (row \(bad / image.cols), col \(bad % image.cols))")
        }
        let smooth = try GaussianFilter.smooth(image, sigma: sigma)
        let gradient = SobelFilter.magnitude(smooth)
        var regions = try SmallRegionMerging.merge(try self.regions(gradient), boundary: gradient,
                                                   minimumSize: regionMinimumSize)
        if !intensityLevels.isEmpty {
            regions = try cut(regions, at: intensityLevels, of: smooth)
        }
        regions = try SmallRegionMerging.merge(regions, boundary: gradient, minimumSize: minimumSize)
        if let groundTruth {
            return try GroundTruthIntersection.split(regions, groundTruth: groundTruth)
        }
        return ConnectedComponents.label(regions, connectivity: .four, background: nil).map { $0 - 1 }
    }

    /// Watershed or mutex-watershed regions of the gradient.
    func regions(_ gradient: Image) throws(ImagingError) -> LabelImage {
        switch method {
        case .watershed:
            let markers = ConnectedComponents.label(try RegionalMinima.hMinima(gradient, h: h), connectivity: .four)
            return try SeededWatershed.flood(gradient, markers: markers)
        case .mutex:
            // Scale so that the strongest 1 % of gradients count as certain boundaries.
            let scale = Self.percentile(gradient.values, 0.99)
            let boundary = gradient.map { scale > 0 ? min($0 / scale, 1) : 0 }
            return try MutexWatershed().segment(boundary)
        }
    }

    /// Splits regions into the connected pieces of each (region, intensity band) pair; everything below the lowest
    /// level becomes one band regardless of region.
    func cut(_ regions: LabelImage, at levels: [Float], of smooth: Image) throws(ImagingError) -> LabelImage {
        let otsu = try OtsuThreshold.threshold(smooth.values)
        let thresholds = levels.map { $0 * otsu }
        let keys = zip(regions.values, smooth.values).map { region, value -> UInt64 in
            var band: UInt64 = 0
            for t in thresholds where value > t { band += 1 }
            return band == 0 ? UInt64.max : UInt64(region) << 8 | band
        }
        let grid = Grid<UInt64>(uncheckedRows: regions.rows, cols: regions.cols, values: keys)
        return ConnectedComponents.label(grid, connectivity: .four, isBackground: { _ in false })
    }

    static func percentile(_ values: [Float], _ q: Double) -> Float {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(q * Double(sorted.count - 1)))]
    }
}
