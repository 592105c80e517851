/// Object-level matching of a predicted instance segmentation against the ground truth, in the sense of the
/// 2018 Data Science Bowl: average precision `TP / (TP + FP + FN)` at the IoU thresholds 0.50, 0.55, …, 0.95.
///
/// Label 0 is background in both images and never an object. A ground-truth object `i` and a predicted object
/// `j` match at threshold `t` when `IoU = |i ∩ j| / (|i| + |j| − |i ∩ j|) > t` (strictly), with full object areas.
/// Because IoU > 0.5 matches are one-to-one, `TP(t)` is simply the number of pairs with IoU > t; no assignment is
/// needed. The comparison is done exactly in integers as `20 · intersection > k · union` with `t = k / 20`, so
/// pairs whose IoU equals a threshold (e.g. an object halved into two halves of IoU exactly 0.5) never match.
public struct ObjectMatching: Sendable, Equatable {
    /// A ground-truth/prediction pair with IoU > 0.5 (at most one per object on either side).
    public struct Pair: Sendable, Hashable {
        public let groundTruth: UInt32
        public let prediction: UInt32
        public let intersection: Int
        public let groundTruthArea: Int
        public let predictionArea: Int

        public init(groundTruth: UInt32, prediction: UInt32, intersection: Int, groundTruthArea: Int, predictionArea: Int) {
            self.groundTruth = groundTruth
            self.prediction = prediction
            self.intersection = intersection
            self.groundTruthArea = groundTruthArea
            self.predictionArea = predictionArea
        }

        public var union: Int { groundTruthArea + predictionArea - intersection }
        public var iou: Double { Double(intersection) / Double(union) }

        /// Whether IoU > k/20, decided exactly in integers.
        public func matches(twentieths k: Int) -> Bool { 20 * intersection > k * union }
    }

    /// The counts at one threshold `k / 20`.
    public struct ThresholdResult: Sendable, Hashable {
        /// The threshold in twentieths: 10 … 19 for 0.50 … 0.95.
        public let twentieths: Int
        public let truePositives: Int
        public let falsePositives: Int
        public let falseNegatives: Int

        /// The threshold as a number (the double nearest to `k / 20`).
        public var threshold: Double { Double(twentieths) / 20 }

        /// `TP / (TP + FP + FN)`; 1 when both images have no objects (nothing to find, nothing found).
        public var precision: Double {
            let total = truePositives + falsePositives + falseNegatives
            return total == 0 ? 1 : Double(truePositives) / Double(total)
        }
    }

    /// The thresholds of the DSB metric, in twentieths (0.50 … 0.95 in steps of 0.05).
    public static let thresholdTwentieths = Array(10...19)

    /// Number of objects (distinct non-zero labels) in the ground truth and the prediction.
    public let groundTruthCount: Int
    public let predictionCount: Int
    /// Every pair with IoU > 0.5, sorted by ground-truth label.
    public let pairs: [Pair]
    /// One result per threshold, in increasing order of threshold.
    public let results: [ThresholdResult]

    /// Matches the objects of a contingency table whose first image is the ground truth.
    public init(_ table: ContingencyTable) {
        let groundTruthCount = table.firstSizes.keys.count { $0 != 0 }
        let predictionCount = table.secondSizes.keys.count { $0 != 0 }
        var pairs: [Pair] = []
        for entry in table.entries where entry.first != 0 && entry.second != 0 {
            let pair = Pair(groundTruth: entry.first, prediction: entry.second, intersection: entry.count,
                            groundTruthArea: table.firstSizes[entry.first] ?? 0,
                            predictionArea: table.secondSizes[entry.second] ?? 0)
            if pair.matches(twentieths: 10) { pairs.append(pair) }
        }
        self.groundTruthCount = groundTruthCount
        self.predictionCount = predictionCount
        self.pairs = pairs
        self.results = Self.thresholdTwentieths.map { k in
            let tp = pairs.count { $0.matches(twentieths: k) }
            return ThresholdResult(twentieths: k, truePositives: tp, falsePositives: predictionCount - tp,
                                   falseNegatives: groundTruthCount - tp)
        }
    }

    /// Mean of the precisions over the ten thresholds (the DSB score, "mAP").
    public var meanAveragePrecision: Double {
        results.reduce(0) { $0 + $1.precision } / Double(results.count)
    }

    /// The result at threshold `k / 20` (10 … 19), or nil for any other value.
    public func result(twentieths k: Int) -> ThresholdResult? { results.first { $0.twentieths == k } }

    /// Precision at IoU 0.5 ("IoU50").
    public var precisionAt50: Double { results[0].precision }
    /// Precision at IoU 0.75 ("IoU75").
    public var precisionAt75: Double { results[5].precision }
}
