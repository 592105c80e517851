import Experiments
import Imaging

extension Benchmarks {
    /// All segmentation metrics (one contingency table → DSB matching, VI, ARE) of `--labels` against a copy of
    /// itself shifted by (+2 rows, +1 col) with zero fill, like the `shifted_small` metrics fixture.
    static let metrics = Benchmark(
        name: "metrics",
        summary: "mAP + VI + ARE of --labels against itself shifted by (2, 1)",
        prepare: { options in
            let path = try options.required(options.labels, "--labels", for: "metrics")
            let groundTruth = try ImageFile.readLabels(path)
            var prediction = LabelImage(rows: groundTruth.rows, cols: groundTruth.cols, repeating: 0)
            for r in 2..<max(groundTruth.rows, 2) {
                for c in 1..<max(groundTruth.cols, 1) { prediction[r, c] = groundTruth[r - 2, c - 1] }
            }
            var result: SegmentationMetrics?
            return PreparedBenchmark(
                run: { result = try SegmentationMetrics(groundTruth: groundTruth, prediction: prediction) },
                details: {
                    ["rows": groundTruth.rows, "cols": groundTruth.cols, "mAP": result?.meanAveragePrecision ?? -1,
                     "vi": result?.variationOfInformation.total ?? -1, "are": result?.adaptedRand.error ?? -1]
                })
        })
}
