/// The scalar metrics of one image (or their mean over images), as printed by `priorcut evaluate` and stored in
/// reports. JSON keys follow `fixtures/metrics/summary.csv`: `mAP`, `iou50`, `iou75`, `vi`, `vi_merge`, `vi_split`,
/// `are`, `are_precision`, `are_recall`, `n_gt`, `n_pred`.
public struct MetricsSummary: Sendable, Hashable, Codable {
    public var meanAveragePrecision: Double
    public var iou50: Double
    public var iou75: Double
    public var variationOfInformation: Double
    public var viMerge: Double
    public var viSplit: Double
    public var adaptedRandError: Double
    public var adaptedRandPrecision: Double
    public var adaptedRandRecall: Double
    /// Object counts; fractional in a mean over images.
    public var groundTruthObjects: Double
    public var predictedObjects: Double

    enum CodingKeys: String, CodingKey {
        case meanAveragePrecision = "mAP", iou50, iou75, variationOfInformation = "vi", viMerge = "vi_merge"
        case viSplit = "vi_split", adaptedRandError = "are", adaptedRandPrecision = "are_precision"
        case adaptedRandRecall = "are_recall", groundTruthObjects = "n_gt", predictedObjects = "n_pred"
    }

    public init(_ metrics: SegmentationMetrics) {
        meanAveragePrecision = metrics.meanAveragePrecision
        iou50 = metrics.iou50
        iou75 = metrics.iou75
        variationOfInformation = metrics.variationOfInformation.total
        viMerge = metrics.variationOfInformation.merge
        viSplit = metrics.variationOfInformation.split
        adaptedRandError = metrics.adaptedRand.error
        adaptedRandPrecision = metrics.adaptedRand.precision
        adaptedRandRecall = metrics.adaptedRand.recall
        groundTruthObjects = Double(metrics.matching.groundTruthCount)
        predictedObjects = Double(metrics.matching.predictionCount)
    }

    /// The per-field mean over images (each image weighs the same, as in the paper's tables); nil for no images.
    public static func mean(_ summaries: [MetricsSummary]) -> MetricsSummary? {
        guard var mean = summaries.first else { return nil }
        let fields: [WritableKeyPath<MetricsSummary, Double>] = [
            \.meanAveragePrecision, \.iou50, \.iou75, \.variationOfInformation, \.viMerge, \.viSplit,
            \.adaptedRandError, \.adaptedRandPrecision, \.adaptedRandRecall, \.groundTruthObjects, \.predictedObjects,
        ]
        for field in fields {
            mean[keyPath: field] = summaries.reduce(0) { $0 + $1[keyPath: field] } / Double(summaries.count)
        }
        return mean
    }
}
