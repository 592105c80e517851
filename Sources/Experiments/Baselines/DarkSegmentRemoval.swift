import Imaging

/// Background removal for baselines that label every pixel (mutex watershed, multicut): a segment whose mean
/// intensity is not above the image's Otsu threshold becomes background 0 (the convention of `baseline otsu`,
/// foreground = value > threshold). The remaining segments are numbered 1…N in row-major order of first pixel;
/// a disconnected segment becomes one object per 4-connected piece.
public enum DarkSegmentRemoval {
    public static func apply(_ segments: LabelImage, intensities image: Image) throws(BaselineError) -> LabelImage {
        try BaselineError.validate(image)
        do { try image.requireSameShape(as: segments, "image vs segments") } catch { throw .imaging(error) }
        let threshold = try imaging { () throws(ImagingError) in try OtsuThreshold.threshold(image.values) }
        // Compact ids 1…K first, so per-segment sums fit in arrays whatever the input numbering.
        let compact = ConnectedComponents.label(segments, connectivity: .four, background: nil)
        let count = ConnectedComponents.count(compact)
        var sums = [Double](repeating: 0, count: count + 1)
        var sizes = [Int](repeating: 0, count: count + 1)
        for (label, value) in zip(compact.values, image.values) {
            sums[Int(label)] += Double(value)
            sizes[Int(label)] += 1
        }
        let isBright = (0...count).map { $0 > 0 && sums[$0] / Double(sizes[$0]) > Double(threshold) }
        let kept = compact.map { isBright[Int($0)] ? $0 : 0 }
        return ConnectedComponents.label(kept, connectivity: .four)
    }
}
