import Experiments
import Imaging
import TestSupport
import Testing

/// The metrics against `fixtures/metrics/` (README §6): counts exact, precision and mAP to 1e-12, VI and ARE to 1e-9.
@Suite struct MetricsFixtureTests {
    static let cases = [
        "identical", "identical_permuted", "shifted_small", "shifted_large", "merged", "split", "empty_pred",
        "noise_labels", "eroded", "dilated_missing_fp", "jittered", "dsb_otsu_cc",
    ]

    static func metrics(_ name: String) throws -> SegmentationMetrics {
        let gt = try ImageFile.readLabels(Fixtures.fixture("metrics/\(name)_gt.tif"))
        let pred = try ImageFile.readLabels(Fixtures.fixture("metrics/\(name)_pred.tif"))
        return try SegmentationMetrics(groundTruth: gt, prediction: pred)
    }

    static func number(_ row: [String: String], _ key: String) throws -> Double {
        let text = try #require(row[key], "column \(key)")
        return try #require(Double(text), "\(key) = \(text)")
    }

    @Test(arguments: cases)
    func summaryMatchesScikitImage(name: String) throws {
        let rows = try Fixtures.csv(Fixtures.fixture("metrics/summary.csv"))
        let row = try #require(rows.first { $0["case"] == name })
        let m = try Self.metrics(name)
        #expect(m.matching.groundTruthCount == Int(try Self.number(row, "n_gt")))
        #expect(m.matching.predictionCount == Int(try Self.number(row, "n_pred")))
        #expect(abs(m.variationOfInformation.split - (try Self.number(row, "vi_split"))) <= 1e-9)
        #expect(abs(m.variationOfInformation.merge - (try Self.number(row, "vi_merge"))) <= 1e-9)
        #expect(abs(m.variationOfInformation.total - (try Self.number(row, "vi"))) <= 1e-9)
        #expect(abs(m.adaptedRand.error - (try Self.number(row, "are"))) <= 1e-9)
        #expect(abs(m.adaptedRand.precision - (try Self.number(row, "are_precision"))) <= 1e-9)
        #expect(abs(m.adaptedRand.recall - (try Self.number(row, "are_recall"))) <= 1e-9)
        #expect(abs(m.meanAveragePrecision - (try Self.number(row, "mAP"))) <= 1e-12)
    }

    @Test(arguments: cases)
    func perThresholdCountsMatch(name: String) throws {
        let rows = try Fixtures.csv(Fixtures.fixture("metrics/matching.csv")).filter { $0["case"] == name }
        try #require(rows.count == 10)
        let m = try Self.metrics(name)
        for row in rows {
            let threshold = try Self.number(row, "threshold")
            let result = try #require(m.matching.results.first { $0.threshold == threshold })
            #expect(result.truePositives == Int(try Self.number(row, "tp")), "\(name) at \(threshold)")
            #expect(result.falsePositives == Int(try Self.number(row, "fp")), "\(name) at \(threshold)")
            #expect(result.falseNegatives == Int(try Self.number(row, "fn")), "\(name) at \(threshold)")
            #expect(abs(result.precision - (try Self.number(row, "precision_dsb"))) <= 1e-12)
        }
        #expect(m.iou50 == m.matching.result(twentieths: 10)?.precision)
        #expect(m.iou75 == m.matching.result(twentieths: 15)?.precision)
    }

    @Test(arguments: cases)
    func matchedPairsMatch(name: String) throws {
        let rows = try Fixtures.csv(Fixtures.fixture("metrics/matched_pairs.csv")).filter { $0["case"] == name }
        let expected = try rows.map { row in
            ObjectMatching.Pair(groundTruth: UInt32(try Self.number(row, "gt_label")),
                                prediction: UInt32(try Self.number(row, "pred_label")),
                                intersection: Int(try Self.number(row, "intersection")),
                                groundTruthArea: Int(try Self.number(row, "gt_area")),
                                predictionArea: Int(try Self.number(row, "pred_area")))
        }
        let m = try Self.metrics(name)
        #expect(Set(m.matching.pairs) == Set(expected))
        #expect(m.matching.pairs.count == expected.count)
    }

    /// The split case halves one object into two halves of IoU exactly 0.5: a strict comparison must reject both.
    @Test func iouExactlyAtThresholdDoesNotMatch() throws {
        let m = try Self.metrics("split")
        #expect(!m.matching.pairs.contains { $0.groundTruth == 12 })
        // shifted_small has a pair with IoU exactly 0.8: it matches at 0.75 but not at 0.8.
        let shifted = try Self.metrics("shifted_small")
        let pair = try #require(shifted.matching.pairs.first { $0.groundTruth == 20 && $0.prediction == 20 })
        #expect(pair.matches(twentieths: 15))
        #expect(!pair.matches(twentieths: 16))
        #expect(5 * pair.intersection == 4 * pair.union)
    }
}
