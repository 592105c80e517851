import Foundation
import Imaging

/// Every method on every annotated image, judged with the same metrics (`SegmentationMetrics` against the
/// ground truth): the rows of the report's table. Methods run one after another so their times are comparable.
public struct MethodComparison {
    public var methods: [SegmentationMethod]
    /// Where to write `<method identifier>/<image>.tif` label images (the run folder's `segmentations/`), so that
    /// `priorcut evaluate` can reproduce every number; nil writes nothing.
    public var segmentationFolder: String?

    public init(methods: [SegmentationMethod], segmentationFolder: String? = nil) {
        self.methods = methods
        self.segmentationFolder = segmentationFolder
    }

    /// One `MethodEvaluation` per method, in the methods' order. `progress` is told each finished (method, image).
    public func evaluate(_ images: [EvaluationImage],
                         progress: (String, String) -> Void = { _, _ in }) throws -> [MethodEvaluation] {
        var rows = methods.map { MethodEvaluation(name: $0.name, kind: $0.kind, images: []) }
        for item in images {
            for (m, method) in methods.enumerated() {
                let start = ContinuousClock.now
                let segmentation = try method.segment(item)
                let elapsed = (ContinuousClock.now - start) / .seconds(1)
                let seconds = method.isTimed ? elapsed + (method.usesSuperpixels ? item.superpixelSeconds : 0) : nil
                let metrics: SegmentationMetrics
                do {
                    metrics = try SegmentationMetrics(groundTruth: item.groundTruth, prediction: segmentation)
                } catch {
                    throw ReportError.inconsistentInput(image: item.name, reason: "\(method.name): \(error)")
                }
                if let segmentationFolder {
                    let folder = URL(fileURLWithPath: segmentationFolder).appendingPathComponent(RunReport.fileSafe(method.identifier))
                    do {
                        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    } catch {
                        throw ReportError.writeFailed(path: folder.path, reason: error.localizedDescription)
                    }
                    let path = folder.appendingPathComponent(RunReport.fileSafe(item.name) + ".tif").path
                    try ImageFile.write(try Raster(labels: segmentation), to: path)
                }
                rows[m].images.append(ImageEvaluation(image: item.name, metrics: MetricsSummary(metrics), seconds: seconds))
                progress(method.name, item.name)
            }
        }
        return rows
    }
}
