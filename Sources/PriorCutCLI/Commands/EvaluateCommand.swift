import ArgumentParser
import Experiments
import Foundation
import Imaging

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare predicted instance segmentations with ground truth: mAP, IoU50, IoU75, VI, adapted Rand error.",
        discussion: """
            Give two label image files, or two folders whose files are paired by name stem (a.tif ↔ a.png).
            mAP is the DSB-2018 average precision TP/(TP+FP+FN) over IoU thresholds 0.50:0.05:0.95 (IoU > t, label 0
            is background); VI is in bits (merge = H(gt|pred), split = H(pred|gt)); ARE ignores ground-truth
            background. The mean weighs every image equally. Definitions: Documentation/Metrics.md.
            """)

    @Option(name: .customLong("ground-truth"), help: "Ground-truth label image, or a folder of them.")
    var groundTruth: String

    @Option(help: "Predicted label image, or a folder of them.")
    var prediction: String

    @Flag(help: "Print JSON: {\"images\": [...], \"mean\": {...}} instead of a table.")
    var json = false

    struct ImageResult: Encodable {
        let name: String
        let groundTruth: String
        let prediction: String
        let metrics: MetricsSummary
        let thresholds: [ThresholdRow]

        enum CodingKeys: String, CodingKey { case name, groundTruth = "ground_truth", prediction, metrics, thresholds }
    }

    struct ThresholdRow: Encodable {
        let threshold: Double
        let tp: Int
        let fp: Int
        let fn: Int
        let precision: Double
    }

    struct Report: Encodable {
        let images: [ImageResult]
        let mean: MetricsSummary?
    }

    func run() throws {
        let inputs = try PairedInputs([("--ground-truth", groundTruth), ("--prediction", prediction)])
        let progress = ProgressReporter(total: inputs.items.count, label: "evaluate")
        var results: [ImageResult] = []
        for (index, item) in inputs.items.enumerated() {
            progress.step(index, item.stem)
            let gt = try ImageFile.readLabels(item.paths[0])
            let pred = try ImageFile.readLabels(item.paths[1])
            let metrics: SegmentationMetrics
            do {
                metrics = try SegmentationMetrics(groundTruth: gt, prediction: pred)
            } catch {
                throw CommandInputError.itemFailed(stem: item.stem, paths: item.paths, reason: error.description)
            }
            let thresholds = metrics.matching.results.map {
                ThresholdRow(threshold: $0.threshold, tp: $0.truePositives, fp: $0.falsePositives,
                             fn: $0.falseNegatives, precision: $0.precision)
            }
            results.append(ImageResult(name: item.stem, groundTruth: item.paths[0], prediction: item.paths[1],
                                       metrics: MetricsSummary(metrics), thresholds: thresholds))
        }
        progress.finish()
        let mean = MetricsSummary.mean(results.map(\.metrics))
        if json {
            try JSONOutput.print(Report(images: results, mean: mean))
        } else {
            printTable(results, mean: mean)
        }
    }

    private func printTable(_ results: [ImageResult], mean: MetricsSummary?) {
        let nameWidth = min(max(results.map(\.name.count).max() ?? 4, 4), 40)
        func row(_ name: String, _ m: MetricsSummary, counts: String) -> String {
            let shown = name.count > nameWidth ? String(name.prefix(nameWidth - 1)) + "…" : name
            return shown.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + counts
                + String(format: " %6.3f %6.3f %6.3f %7.3f %8.3f %8.3f %6.3f", m.meanAveragePrecision, m.iou50, m.iou75,
                         m.variationOfInformation, m.viMerge, m.viSplit, m.adaptedRandError)
        }
        print("image".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
              + "  n_gt n_pred    mAP  IoU50  IoU75      VI VI merge VI split    ARE")
        for r in results {
            print(row(r.name, r.metrics, counts: String(format: " %5d %6d", Int(r.metrics.groundTruthObjects),
                                                         Int(r.metrics.predictedObjects))))
        }
        if let mean, results.count > 1 {
            print(row("mean", mean, counts: String(format: " %5.1f %6.1f", mean.groundTruthObjects, mean.predictedObjects)))
        }
    }
}
