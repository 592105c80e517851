import Experiments
import Foundation
import Imaging
import Randomness
import TestSupport
import Testing

/// Invariants of the metrics: relabelling, identity, symmetry, edge cases and bad input.
@Suite struct MetricsPropertyTests {
    /// Maps every non-zero label to a distinct random value (0 stays background), using a seeded shuffle.
    static func relabelled(_ labels: LabelImage, seed: UInt64) -> LabelImage {
        var generator = SplitMix64(seed: seed)
        let distinct = Set(labels.values).subtracting([0]).sorted()
        var targets = Set<UInt32>()
        while targets.count < distinct.count { targets.insert(UInt32(generator.nextInt(in: 1...4_000_000_000))) }
        var shuffled = targets.sorted()
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, generator.nextInt(in: 0...i)) }
        let map = Dictionary(uniqueKeysWithValues: zip(distinct, shuffled))
        return labels.map { $0 == 0 ? 0 : map[$0] ?? 0 }
    }

    static func fixturePair(_ name: String) throws -> (LabelImage, LabelImage) {
        (try ImageFile.readLabels(Fixtures.fixture("metrics/\(name)_gt.tif")),
         try ImageFile.readLabels(Fixtures.fixture("metrics/\(name)_pred.tif")))
    }

    static func expectSame(_ a: SegmentationMetrics, _ b: SegmentationMetrics) {
        #expect(a.matching.results == b.matching.results)
        #expect(a.meanAveragePrecision == b.meanAveragePrecision)
        #expect(a.adaptedRand == b.adaptedRand)
        // VI sums the same terms in another order: equal up to rounding.
        #expect(abs(a.variationOfInformation.split - b.variationOfInformation.split) <= 1e-12)
        #expect(abs(a.variationOfInformation.merge - b.variationOfInformation.merge) <= 1e-12)
    }

    @Test(arguments: ["jittered", "noise_labels", "merged", "split", "dsb_otsu_cc"])
    func relabellingEitherImageChangesNothing(name: String) throws {
        let (gt, pred) = try Self.fixturePair(name)
        let original = try SegmentationMetrics(groundTruth: gt, prediction: pred)
        for seed: UInt64 in [1, 2, 3] {
            Self.expectSame(original, try SegmentationMetrics(groundTruth: Self.relabelled(gt, seed: seed), prediction: pred))
            Self.expectSame(original, try SegmentationMetrics(groundTruth: gt, prediction: Self.relabelled(pred, seed: seed + 10)))
        }
        // The relabelled images really differ, so the test would notice label-dependent code.
        #expect(Self.relabelled(gt, seed: 1) != gt)
    }

    @Test(arguments: ["jittered", "dsb_otsu_cc", "noise_labels"])
    func identicalImagesArePerfect(name: String) throws {
        let (gt, pred) = try Self.fixturePair(name)
        for image in [gt, pred] {
            let m = try SegmentationMetrics(groundTruth: image, prediction: Self.relabelled(image, seed: 7))
            #expect(m.meanAveragePrecision == 1)
            #expect(m.iou50 == 1 && m.iou75 == 1)
            #expect(m.variationOfInformation.split == 0 && m.variationOfInformation.merge == 0)
            #expect(m.adaptedRand.error == 0)
        }
    }

    /// VI's split part against gt is its merge part with the roles swapped.
    @Test func swappingRolesSwapsSplitAndMerge() throws {
        let (gt, pred) = try Self.fixturePair("jittered")
        let forward = try SegmentationMetrics(groundTruth: gt, prediction: pred)
        let backward = try SegmentationMetrics(groundTruth: pred, prediction: gt)
        #expect(abs(forward.variationOfInformation.split - backward.variationOfInformation.merge) <= 1e-12)
        #expect(abs(forward.variationOfInformation.merge - backward.variationOfInformation.split) <= 1e-12)
        #expect(forward.matching.results.map(\.truePositives) == backward.matching.results.map(\.truePositives))
    }

    /// A hand-computed 2×4 case: gt = [1 1 2 2 / 1 1 2 2], pred = [3 3 3 0 / 3 3 3 0].
    @Test func handComputedSmallCase() throws {
        let gt = try LabelImage(rows: 2, cols: 4, values: [1, 1, 2, 2, 1, 1, 2, 2])
        let pred = try LabelImage(rows: 2, cols: 4, values: [3, 3, 3, 0, 3, 3, 3, 0])
        let m = try SegmentationMetrics(groundTruth: gt, prediction: pred)
        // Object 1 (4 px) vs 3 (6 px): intersection 4, union 6, IoU 2/3 > 0.65 but not > 0.7.
        #expect(m.matching.pairs == [ObjectMatching.Pair(groundTruth: 1, prediction: 3, intersection: 4,
                                                         groundTruthArea: 4, predictionArea: 6)])
        #expect(m.matching.results.map(\.truePositives) == [1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
        #expect(m.matching.results[0].precision == 0.5) // TP 1, FP 0, FN 1
        #expect(m.meanAveragePrecision == 0.2)
        // Cells: (1,3)=4, (2,3)=2, (2,0)=2; gt sizes 4, 4; pred sizes 6, 2; N = 8.
        // H(pred|gt) = −(2/8 log2(2/4) + 2/8 log2(2/4)) = 0.5; H(gt|pred) = −(4/8 log2(4/6) + 2/8 log2(2/6)).
        #expect(abs(m.variationOfInformation.split - 0.5) <= 1e-15)
        let merge: Double = -(0.5 * log2(4.0 / 6.0) + 0.25 * log2(2.0 / 6.0))
        #expect(abs(m.variationOfInformation.merge - merge) <= 1e-15)
        // ARE: S = 16 + 4 + 4 − 8 = 16; Σa² − n = 32 − 8 = 24; Σb² − n = 36 + 4 − 8 = 32.
        #expect(m.adaptedRand.precision == 16.0 / 24)
        #expect(m.adaptedRand.recall == 16.0 / 32)
        #expect(abs(m.adaptedRand.error - (1 - 16.0 / 28)) <= 1e-15)
    }

    @Test func emptyPredictionIsDefined() throws {
        let (gt, _) = try Self.fixturePair("jittered")
        let empty = LabelImage(rows: gt.rows, cols: gt.cols, repeating: 0)
        let m = try SegmentationMetrics(groundTruth: gt, prediction: empty)
        #expect(m.meanAveragePrecision == 0)
        #expect(m.matching.results.allSatisfy { $0.truePositives == 0 && $0.falsePositives == 0 && $0.falseNegatives == 22 })
        #expect(m.variationOfInformation.split == 0)
        #expect(m.variationOfInformation.merge > 0)
        #expect(m.adaptedRand.precision == 1)
        #expect(m.adaptedRand.recall < 1)
        // Both images empty: nothing to find and nothing found.
        let both = try SegmentationMetrics(groundTruth: empty, prediction: empty)
        #expect(both.meanAveragePrecision == 1)
        #expect(both.variationOfInformation.total == 0)
        #expect(both.adaptedRand == AdaptedRandError(try ContingencyTable(empty, empty)))
        #expect(both.adaptedRand.error == 0 && both.adaptedRand.precision == 1 && both.adaptedRand.recall == 1)
    }

    @Test func onePixelImages() throws {
        let one = try LabelImage(rows: 1, cols: 1, values: [5])
        let zero = try LabelImage(rows: 1, cols: 1, values: [0])
        let same = try SegmentationMetrics(groundTruth: one, prediction: try LabelImage(rows: 1, cols: 1, values: [9]))
        #expect(same.meanAveragePrecision == 1 && same.variationOfInformation.total == 0)
        let missed = try SegmentationMetrics(groundTruth: one, prediction: zero)
        #expect(missed.meanAveragePrecision == 0 && missed.variationOfInformation.total == 0)
        let spurious = try SegmentationMetrics(groundTruth: zero, prediction: one)
        #expect(spurious.matching.results[0].falsePositives == 1 && spurious.meanAveragePrecision == 0)
    }

    @Test func shapeMismatchIsATypedError() throws {
        let a = LabelImage(rows: 4, cols: 5, repeating: 1)
        let b = LabelImage(rows: 5, cols: 4, repeating: 1)
        let error = #expect(throws: MetricsError.self) { try SegmentationMetrics(groundTruth: a, prediction: b) }
        #expect(error == .shapeMismatch(first: "ground truth", firstShape: a.shape, second: "prediction", secondShape: b.shape))
        #expect(error?.description.contains("4×5") == true)
        let empty = LabelImage(rows: 0, cols: 3, repeating: 0)
        let emptyError = #expect(throws: MetricsError.self) { try SegmentationMetrics(groundTruth: empty, prediction: empty) }
        #expect(emptyError == .emptyImages(empty.shape))
    }
}
