import Imaging

/// The paper's circle baseline: the mutex watershed (Wolf et al. 2020, default offsets of `MutexWatershed`) on the
/// boundary probabilities of `GradientBoundaryMap`, then `DarkSegmentRemoval` (the mutex watershed labels every
/// pixel, background included; segments whose mean intensity is not above Otsu become 0).
public struct MutexWatershedBaseline: Sendable, Equatable {
    public var boundary: GradientBoundaryMap
    public var watershed: MutexWatershed

    public init(boundary: GradientBoundaryMap? = nil, watershed: MutexWatershed? = nil) throws(BaselineError) {
        if let boundary { self.boundary = boundary } else { self.boundary = try GradientBoundaryMap() }
        if let watershed { self.watershed = watershed } else {
            self.watershed = try imaging { () throws(ImagingError) in try MutexWatershed() }
        }
    }

    /// Objects 1…N (row-major order of first pixel), background 0.
    public func segment(_ image: Image) throws(BaselineError) -> LabelImage {
        let probabilities = try boundary.probabilities(of: image)
        let segments = try imaging { () throws(ImagingError) in try watershed.segment(probabilities) }
        return try DarkSegmentRemoval.apply(segments, intensities: image)
    }
}
