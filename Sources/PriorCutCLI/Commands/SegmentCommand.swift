import ArgumentParser
import Dispatch
import Experiments
import Foundation
import Imaging

extension CheckpointName: ExpressibleByArgument {}

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Segment images with a trained run: superpixels, predicted edge weights, multicut.",
        discussion: """
            Loads RUN/config.yaml, RUN/manifest.yaml and a checkpoint; reads each image as the run's training data \
            were read (same intensity normalisation), computes superpixels with the run's recipe (or takes \
            --superpixels), predicts deterministic edge weights sigmoid(μ), solves the multicut with the run's \
            solver and writes a uint32 label TIFF: objects the manifest classes as background or discards are 0. Any image size \
            works (images are padded for the U-Net and the result cropped back).
            """)

    @Option(name: .customLong("run"), help: "The run folder written by `priorcut train`.")
    var runFolder: String

    @Option(help: "One input image.")
    var image: String?

    @Option(help: "A folder of input images.")
    var images: String?

    @Option(help: "Output label TIFF (with --image) or folder (with --images).")
    var out: String

    @Option(help: "Superpixel label image (with --image) or folder of same-named ones, instead of the run's recipe.")
    var superpixels: String?

    @Option(help: "Which checkpoint: best (highest validation reward) or last.")
    var checkpoint: CheckpointName = .best

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @Flag(help: "Print per-image results as JSON.")
    var json = false

    func run() throws {
        let model = try TrainedModel(run: runFolder, checkpoint: checkpoint, registry: try PriorCutCLI.registry())
        let batch = try ImageBatch(image: image, images: images, out: out, force: force)
        let progress = ProgressReporter(total: batch.items.count, label: "segment")
        var records: [[String: Any]] = []
        for (index, item) in batch.items.enumerated() {
            progress.step(index, item.name)
            let start = DispatchTime.now().uptimeNanoseconds
            let input = try model.readImage(item.input)
            let given = try superpixels.map {
                try ImageFile.readLabels(try ImageBatch.companion(of: item, in: $0, what: "--superpixels"))
            }
            let result = try model.segment(input, name: item.stem, superpixels: given)
            try ImageFile.write(try Raster(labels: result.labels), to: item.output)
            let objects = Set(result.labels.values).subtracting([0]).count
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            records.append(["image": item.input, "output": item.output, "rows": input.rows, "cols": input.cols,
                            "superpixels": Int(result.superpixels.values.max() ?? 0) + 1, "objects": objects,
                            "milliseconds": milliseconds])
            if !json, !batch.isFolder {
                print("\(item.output): \(objects) objects, \(input.rows)×\(input.cols), "
                      + String(format: "%.0f ms", milliseconds))
            }
        }
        progress.finish()
        if json {
            try printJSON(["run": model.run.path, "checkpoint": model.checkpointName.rawValue,
                           "step": model.checkpoint.step, "images": records])
        } else if batch.isFolder {
            print("\(records.count) segmentations in \(out) (run \(model.run.path), \(model.checkpointName.rawValue) "
                  + "checkpoint of step \(model.checkpoint.step))")
        }
    }
}
