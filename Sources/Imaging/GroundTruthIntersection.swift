/// The paper's "GT" superpixels (A.12): superpixels split wherever a ground-truth object boundary crosses them, so that
/// merging superpixels can reproduce the ground truth exactly.
public enum GroundTruthIntersection {
    /// Connected pieces (4-connectivity) of pixels sharing both their superpixel and their ground-truth label,
    /// numbered 0, 1, … in row-major order of their first pixel. Ground-truth 0 (background) is an ordinary label here.
    public static func split(_ superpixels: LabelImage, groundTruth: LabelImage) throws(ImagingError) -> LabelImage {
        try superpixels.requireSameShape(as: groundTruth, "superpixels vs ground truth")
        let pairs = Grid<UInt64>(uncheckedRows: superpixels.rows, cols: superpixels.cols,
                                 values: zip(superpixels.values, groundTruth.values).map { UInt64($0) << 32 | UInt64($1) })
        return ConnectedComponents.label(pairs, connectivity: .four, isBackground: { _ in false }).map { $0 - 1 }
    }
}
