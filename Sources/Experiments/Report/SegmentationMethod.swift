import Imaging

/// One annotated image as every compared method sees it: the intensities, the superpixels the graph methods
/// share (computed once, their time charged to each method that uses them) and the ground truth.
public struct EvaluationImage: Sendable {
    public var name: String
    public var image: Image
    public var groundTruth: LabelImage
    public var superpixels: LabelImage
    /// Seconds it took to compute `superpixels`.
    public var superpixelSeconds: Double

    public init(name: String, image: Image, groundTruth: LabelImage, superpixels: LabelImage, superpixelSeconds: Double) {
        self.name = name
        self.image = image
        self.groundTruth = groundTruth
        self.superpixels = superpixels
        self.superpixelSeconds = superpixelSeconds
    }
}

/// A way to segment an image, as a row of the report's table.
public struct SegmentationMethod {
    public var name: String
    /// A short file-safe name: the method's folder under `RUN/segmentations/` (the baselines' are their
    /// `priorcut baseline` subcommands).
    public var identifier: String
    public var kind: MethodEvaluation.Kind
    /// Whether the method works on the shared superpixels (their time is then added to its time per image).
    public var usesSuperpixels: Bool
    /// Whether a time per image is meaningful (not for the upper bound, which reads the ground truth).
    public var isTimed: Bool
    public var segment: (EvaluationImage) throws -> LabelImage

    public init(name: String, identifier: String, kind: MethodEvaluation.Kind, usesSuperpixels: Bool,
                isTimed: Bool = true, segment: @escaping (EvaluationImage) throws -> LabelImage) {
        self.name = name
        self.identifier = identifier
        self.kind = kind
        self.usesSuperpixels = usesSuperpixels
        self.isTimed = isTimed
        self.segment = segment
    }

    /// Otsu threshold and 4-connected components (`priorcut baseline otsu`; the paper's Table 1 "Otsu").
    public static var otsu: SegmentationMethod {
        SegmentationMethod(name: "otsu", identifier: "otsu", kind: .baseline, usesSuperpixels: false) { item in
            let threshold = try OtsuThreshold.threshold(item.image.values)
            return ConnectedComponents.label(item.image.map { $0 > threshold }, connectivity: .four)
        }
    }

    /// Watershed of the distance transform of the Otsu mask (`priorcut baseline watershed`).
    public static var distanceWatershed: SegmentationMethod {
        SegmentationMethod(name: "watershed", identifier: "watershed", kind: .baseline, usesSuperpixels: false) {
            try DistanceWatershedBaseline().segment($0.image)
        }
    }

    /// Mutex watershed on the gradient boundary map (`priorcut baseline mutex-watershed`; the paper's circle baseline).
    public static var mutexWatershed: SegmentationMethod {
        SegmentationMethod(name: "mutex watershed", identifier: "mutex-watershed", kind: .baseline, usesSuperpixels: false) {
            try MutexWatershedBaseline().segment($0.image)
        }
    }

    /// Multicut of the shared superpixels with costs from the boundary map (`priorcut baseline multicut`; the kind
    /// of the paper's "UNet + MC").
    public static var multicut: SegmentationMethod {
        SegmentationMethod(name: "multicut (boundary map)", identifier: "multicut", kind: .baseline, usesSuperpixels: true) {
            try MulticutBaseline().segment($0.image, superpixels: $0.superpixels)
        }
    }

    /// Every baseline of `priorcut baseline`, in its order.
    public static var baselines: [SegmentationMethod] { [otsu, distanceWatershed, mutexWatershed, multicut] }

    /// The superpixels projected to the ground truth (the paper's "sp gt"): the best reachable segmentation.
    public static var upperBound: SegmentationMethod {
        SegmentationMethod(name: "sp gt", identifier: "sp-gt", kind: .upperBound, usesSuperpixels: true, isTimed: false) {
            try SuperpixelUpperBound(superpixels: $0.superpixels, groundTruth: $0.groundTruth).segmentation
        }
    }
}
