import Experiments
import Imaging
import TestSupport
import Testing

@Suite struct SuperpixelUpperBoundTests {
    /// Superpixels that never cross a ground-truth boundary (gt objects cut by an 8-px block grid) merge back into
    /// exactly the ground truth.
    @Test func superpixelsInsideObjectsReproduceTheGroundTruth() throws {
        let gt = try ImageFile.readLabels(Fixtures.fixture("metrics/dsb_otsu_cc_gt.tif"))
        var superpixels = gt
        for r in 0..<gt.rows {
            for c in 0..<gt.cols {
                let block = UInt32((r / 8) * ((gt.cols + 7) / 8) + c / 8)
                superpixels[r, c] = block * 1000 + gt[r, c]
            }
        }
        let bound = try SuperpixelUpperBound(superpixels: superpixels, groundTruth: gt)
        #expect(bound.segmentation == gt)
        #expect(bound.objectCount == 39)
        #expect(bound.superpixelCount == Set(superpixels.values).count)
        #expect(bound.superpixelsPerObject == Double(bound.superpixelCount) / 39)
        let metrics = try SegmentationMetrics(groundTruth: gt, prediction: bound.segmentation)
        #expect(metrics.meanAveragePrecision == 1)
    }

    /// Hand case, 2×6: superpixel 0 = 3 px of object 4 + 1 px background → 4; superpixel 1 = 2 px object 7 +
    /// 2 px background → tie → background; superpixel 2 = 1 px of object 4, 2 px object 7, 1 px background → 7.
    @Test func majorityWithTiesGoingToTheSmallestLabel() throws {
        let superpixels = try LabelImage(rows: 2, cols: 6, values: [0, 0, 1, 1, 2, 2,
                                                                     0, 0, 1, 1, 2, 2])
        let gt = try LabelImage(rows: 2, cols: 6, values: [4, 4, 7, 0, 4, 7,
                                                           4, 0, 7, 0, 7, 0])
        let bound = try SuperpixelUpperBound(superpixels: superpixels, groundTruth: gt)
        #expect(bound.assignment == [0: 4, 1: 0, 2: 7])
        #expect(bound.segmentation.values == [4, 4, 0, 0, 7, 7, 4, 4, 0, 0, 7, 7])
        #expect(bound.superpixelCount == 3 && bound.objectCount == 2)
        #expect(bound.superpixelsPerObject == 1.5)
    }

    @Test func noObjectsGiveNoRatio() throws {
        let superpixels = try LabelImage(rows: 1, cols: 3, values: [0, 1, 2])
        let bound = try SuperpixelUpperBound(superpixels: superpixels, groundTruth: LabelImage(rows: 1, cols: 3, repeating: 0))
        #expect(bound.superpixelsPerObject == nil)
        #expect(bound.segmentation.values == [0, 0, 0])
    }

    @Test func shapeMismatchNamesBothInputs() throws {
        let error = #expect(throws: MetricsError.self) {
            try SuperpixelUpperBound(superpixels: LabelImage(rows: 2, cols: 2, repeating: 0),
                                     groundTruth: LabelImage(rows: 2, cols: 3, repeating: 0))
        }
        #expect(error?.description == "shape mismatch: superpixels is 2×2 but ground truth is 2×3")
    }
}
