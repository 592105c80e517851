import ArgumentParser
import Dispatch
import Foundation
import Imaging

/// `priorcut baseline …`: classical segmentations to compare against.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Classical baseline segmentations (no learning).",
        subcommands: [OtsuBaselineCommand.self, WatershedBaselineCommand.self, MutexWatershedBaselineCommand.self,
                      MulticutBaselineCommand.self])
}

/// The input/output options every baseline shares (as `baseline otsu`).
struct BaselineIOOptions: ParsableArguments {
    @Option(help: "One input image (TIFF/PNG, integer types scaled to [0, 1]).")
    var image: String?

    @Option(help: "A folder of input images.")
    var images: String?

    @Option(help: "Output file (with --image) or folder (with --images).")
    var out: String

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @Flag(help: "Print per-image object counts and timings as JSON.")
    var json = false

    /// Segments every input with `segment`, writes uint32 label TIFFs and reports object counts.
    func run(_ segment: (ImageBatch.Item, Image) throws -> LabelImage) throws {
        let batch = try ImageBatch(image: image, images: images, out: out, force: force)
        var records: [[String: Any]] = []
        for (index, item) in batch.items.enumerated() {
            let input = try ImageFile.readImage(item.input)
            let start = DispatchTime.now().uptimeNanoseconds
            let labels = try segment(item, input)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            try ImageFile.write(try Raster(labels: labels), to: item.output)
            let objects = ConnectedComponents.count(labels)
            records.append(["image": item.input, "output": item.output, "objects": objects, "ms": milliseconds])
            if batch.isFolder { printError("[\(index + 1)/\(batch.items.count)] \(item.name): \(objects) objects") }
            else if !json { print("\(item.output): \(objects) objects") }
        }
        if json { try printJSON(["images": records]) }
    }
}

struct OtsuBaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otsu",
        abstract: "Otsu threshold, then 4-connected components; writes uint32 label TIFFs (0 = background).",
        discussion: """
            As scikit-image: label(image > threshold_otsu(image), connectivity=1). 8-bit images are thresholded \
            on their integer values (one bin per value), others with 256 bins.
            """)

    @Option(help: "One input image (TIFF/PNG).")
    var image: String?

    @Option(help: "A folder of input images.")
    var images: String?

    @Option(help: "Output file (with --image) or folder (with --images).")
    var out: String

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @Flag(help: "Print per-image object counts and thresholds as JSON.")
    var json = false

    func run() throws {
        let batch = try ImageBatch(image: image, images: images, out: out, force: force)
        var records: [[String: Any]] = []
        for (index, item) in batch.items.enumerated() {
            let raster = try ImageFile.read(item.input)
            let foreground: Grid<Bool>
            let threshold: Double
            if case let .uint8(samples) = raster.samples, raster.channels == 1, raster.pages == 1 {
                let t = try OtsuThreshold.threshold(samples)
                threshold = Double(t)
                foreground = try Grid(rows: raster.rows, cols: raster.cols, values: samples.map { $0 > t })
            } else {
                let image = try ImageFile.readImage(item.input)
                let t = try OtsuThreshold.threshold(image.values)
                threshold = Double(t)
                foreground = image.map { $0 > t }
            }
            let labels = ConnectedComponents.label(foreground, connectivity: .four)
            try ImageFile.write(try Raster(labels: labels), to: item.output)
            let objects = ConnectedComponents.count(labels)
            records.append(["image": item.input, "output": item.output, "threshold": threshold, "objects": objects])
            if batch.isFolder { printError("[\(index + 1)/\(batch.items.count)] \(item.name): \(objects) objects") }
            else if !json { print("\(item.output): \(objects) objects (threshold \(threshold))") }
        }
        if json { try printJSON(["images": records]) }
    }
}
