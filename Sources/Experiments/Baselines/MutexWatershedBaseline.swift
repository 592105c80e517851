import Imaging

/// The paper's circle baseline: the mutex watershed (Wolf et al. 2020, default offsets of `MutexWatershed`) on the
/// boundary probabilities of `GradientBoundaryMap`, then `DarkSegmentRemoval` (the mutex watershed labels every
/// pixel, background included; segments whose mean intensity is not above Otsu become 0).
///
/// Between the two, segments smaller than `minimumSize` px fold into the neighbour across their weakest boundary
/// (`SmallRegionMerging`, as the superpixel recipe does): a pixel on a boundary ridge has weak attractive edges
/// (`1 − b`) but strong repulsive ones across the ridge, so the mutex watershed leaves one- to ten-pixel slivers
/// along every outline (on the bundled nuclei, 90 % of its segments are below 20 px without this step).
public struct MutexWatershedBaseline: Sendable, Equatable {
    public var boundary: GradientBoundaryMap
    public var watershed: MutexWatershed
    /// Segments below this many pixels are merged into a neighbour; 0 keeps everything.
    public var minimumSize: Int

    public init(boundary: GradientBoundaryMap? = nil, watershed: MutexWatershed? = nil,
                minimumSize: Int = 25) throws(BaselineError) {
        guard minimumSize >= 0 else { throw .invalidParameter("minimum segment size must be ≥ 0, got \(minimumSize)") }
        self.minimumSize = minimumSize
        if let boundary { self.boundary = boundary } else { self.boundary = try GradientBoundaryMap() }
        if let watershed { self.watershed = watershed } else {
            self.watershed = try imaging { () throws(ImagingError) in try MutexWatershed() }
        }
    }

    /// Objects 1…N (row-major order of first pixel), background 0.
    public func segment(_ image: Image) throws(BaselineError) -> LabelImage {
        let probabilities = try boundary.probabilities(of: image)
        let segments = try imaging { () throws(ImagingError) in
            try SmallRegionMerging.merge(try watershed.segment(probabilities), boundary: probabilities, minimumSize: minimumSize)
        }
        return try DarkSegmentRemoval.apply(segments, intensities: image)
    }
}
