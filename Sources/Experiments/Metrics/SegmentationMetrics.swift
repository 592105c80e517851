import Imaging

/// Every segmentation metric of one prediction against its ground truth, from one contingency table:
/// DSB object matching (mAP, IoU50, IoU75, per-threshold TP/FP/FN), variation of information, adapted Rand error.
/// See `Documentation/Metrics.md` for definitions and edge cases.
public struct SegmentationMetrics: Sendable, Equatable {
    public let matching: ObjectMatching
    public let variationOfInformation: VariationOfInformation
    public let adaptedRand: AdaptedRandError

    /// Compares `prediction` with `groundTruth`; both must have the same, non-empty shape.
    public init(groundTruth: LabelImage, prediction: LabelImage) throws(MetricsError) {
        let table = try ContingencyTable(groundTruth, prediction, names: ("ground truth", "prediction"))
        self.init(table)
    }

    /// Derives the metrics from a table whose first image is the ground truth.
    public init(_ table: ContingencyTable) {
        matching = ObjectMatching(table)
        variationOfInformation = VariationOfInformation(table)
        adaptedRand = AdaptedRandError(table)
    }

    public var meanAveragePrecision: Double { matching.meanAveragePrecision }
    public var iou50: Double { matching.precisionAt50 }
    public var iou75: Double { matching.precisionAt75 }
}
