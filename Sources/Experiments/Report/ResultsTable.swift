/// The columns of the report's table (paper Table 1, extended with the variation of information and time), and
/// which row is best in each.
public enum ResultsColumn: String, Sendable, CaseIterable, Codable {
    case meanAveragePrecision = "mAP", iou50 = "IoU50", iou75 = "IoU75"
    case variationOfInformation = "VI", viMerge = "VI merge", viSplit = "VI split"
    case secondsPerImage = "time / image"

    public var title: String { rawValue }

    /// mAP and IoU: higher is better; VI and time: lower is better.
    public var higherIsBetter: Bool {
        switch self {
        case .meanAveragePrecision, .iou50, .iou75: true
        case .variationOfInformation, .viMerge, .viSplit, .secondsPerImage: false
        }
    }

    /// The method's value in this column; nil when it has no images or was not timed.
    public func value(of method: MethodEvaluation) -> Double? {
        if self == .secondsPerImage { return method.secondsPerImage }
        guard let mean = method.mean else { return nil }
        return switch self {
        case .meanAveragePrecision: mean.meanAveragePrecision
        case .iou50: mean.iou50
        case .iou75: mean.iou75
        case .variationOfInformation: mean.variationOfInformation
        case .viMerge: mean.viMerge
        case .viSplit: mean.viSplit
        case .secondsPerImage: nil
        }
    }

    /// The indices of the best rows among the competing methods (every kind but the upper bound); all tied rows
    /// (to 3 decimals, as printed) count as best. Empty when no competing row has a value.
    public func bestRows(of methods: [MethodEvaluation]) -> Set<Int> {
        let printed = methods.indices.compactMap { i -> (Int, Double)? in
            guard methods[i].kind != .upperBound, let value = value(of: methods[i]), value.isFinite else { return nil }
            return (i, (value * 1000).rounded() / 1000)
        }
        let values = printed.map(\.1)
        guard let best = higherIsBetter ? values.max() : values.min() else { return [] }
        return Set(printed.filter { $0.1 == best }.map(\.0))
    }
}
