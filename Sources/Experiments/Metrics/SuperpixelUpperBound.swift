import Imaging

/// The best segmentation reachable by merging superpixels (the paper's "sp gt", Table 1): every superpixel takes
/// the ground-truth label it overlaps most. Its metrics bound what any method working on these superpixels can
/// reach (paper, Limitations).
///
/// Conventions: every superpixel id is an ordinary superpixel (ids start at 0, DESIGN §2); ground-truth label 0 is
/// background and competes like any object, so a superpixel mostly on background becomes background (0).
/// Ties go to the smallest ground-truth label, hence to background first — a deterministic choice that never
/// grows an object with a superpixel that is at least half outside it.
public struct SuperpixelUpperBound: Sendable, Equatable {
    /// The merged segmentation, with ground-truth label values (not relabelled; an object whose superpixels all
    /// went elsewhere is absent).
    public let segmentation: LabelImage
    /// The ground-truth label chosen for each superpixel id.
    public let assignment: [UInt32: UInt32]
    /// Distinct superpixel ids in the image (background superpixels included).
    public let superpixelCount: Int
    /// Distinct non-zero ground-truth labels.
    public let objectCount: Int

    /// Superpixels per ground-truth object (all superpixels of the image, background ones included, divided by the
    /// number of objects); nil when the ground truth has no objects.
    public var superpixelsPerObject: Double? {
        objectCount == 0 ? nil : Double(superpixelCount) / Double(objectCount)
    }

    public init(superpixels: LabelImage, groundTruth: LabelImage) throws(MetricsError) {
        let table = try ContingencyTable(superpixels, groundTruth, names: ("superpixels", "ground truth"))
        // Entries are sorted by (superpixel, gt label): the first maximum of each run is the smallest label.
        var assignment: [UInt32: UInt32] = [:]
        var best: (superpixel: UInt32, label: UInt32, count: Int)?
        for entry in table.entries {
            if let current = best, current.superpixel == entry.first {
                if entry.count > current.count { best = (entry.first, entry.second, entry.count) }
            } else {
                if let current = best { assignment[current.superpixel] = current.label }
                best = (entry.first, entry.second, entry.count)
            }
        }
        if let current = best { assignment[current.superpixel] = current.label }
        self.assignment = assignment
        // Superpixels come in runs along the rows: look the assignment up once per run.
        var lastSuperpixel = superpixels.values.first ?? 0
        var lastLabel = assignment[lastSuperpixel] ?? 0
        self.segmentation = superpixels.map { superpixel in
            if superpixel != lastSuperpixel {
                lastSuperpixel = superpixel
                lastLabel = assignment[superpixel] ?? 0
            }
            return lastLabel
        }
        self.superpixelCount = table.firstSizes.count
        self.objectCount = table.secondSizes.keys.count { $0 != 0 }
    }
}
