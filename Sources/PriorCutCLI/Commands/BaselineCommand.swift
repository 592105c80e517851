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
    @Option(help: "One input image (TIFF/PNG).")
    var image: String?

    @Option(help: "A folder of input images.")
    var images: String?

    @Option(help: "Output file (with --image) or folder (with --images).")
    var out: String

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @Flag(help: "Print per-image object counts and timings as JSON.")
    var json = false

    @OptionGroup var intensity: IntensityOptions

    /// Segments every input image with `segment`, writes uint32 label TIFFs and reports object counts.
    func run(_ segment: (ImageBatch.Item, Image) throws -> LabelImage) throws {
        try runOnRasters { item, raster in
            (try segment(item, try intensity.normalisation.intensities(of: raster, path: item.input)), [:])
        }
    }

    /// The general form: `segment` gets each file as read (for baselines that look at its sample type, such as
    /// Otsu on 8-bit images) and may add fields to the image's report (shown in text and JSON).
    func runOnRasters(_ segment: (ImageBatch.Item, Raster) throws -> (labels: LabelImage, details: [String: Any]))
        throws {
        let batch = try ImageBatch(image: image, images: images, out: out, force: force)
        var records: [[String: Any]] = []
        for (index, item) in batch.items.enumerated() {
            let raster = try ImageFile.read(item.input)
            let start = DispatchTime.now().uptimeNanoseconds
            let (labels, details) = try segment(item, raster)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            try ImageFile.write(try Raster(labels: labels), to: item.output)
            let objects = ConnectedComponents.count(labels)
            var record: [String: Any] = ["image": item.input, "output": item.output, "objects": objects, "ms": milliseconds]
            record.merge(details) { _, detail in detail }
            records.append(record)
            let extra = details.keys.sorted().map { "\($0) \(details[$0] ?? "")" }.joined(separator: ", ")
            let summary = "\(objects) objects" + (extra.isEmpty ? "" : " (\(extra))")
            if batch.isFolder { printError("[\(index + 1)/\(batch.items.count)] \(item.name): \(summary)") }
            else if !json { print("\(item.output): \(summary)") }
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

    @OptionGroup var io: BaselineIOOptions

    func run() throws {
        try io.runOnRasters { item, raster in
            let foreground: Grid<Bool>
            let threshold: Double
            if case let .uint8(samples) = raster.samples, raster.channels == 1, raster.pages == 1 {
                let t = try OtsuThreshold.threshold(samples)
                threshold = Double(t)
                foreground = try Grid(rows: raster.rows, cols: raster.cols, values: samples.map { $0 > t })
            } else {
                let image = try io.intensity.normalisation.intensities(of: raster, path: item.input)
                let t = try OtsuThreshold.threshold(image.values)
                threshold = Double(t)
                foreground = image.map { $0 > t }
            }
            return (ConnectedComponents.label(foreground, connectivity: .four), ["threshold": threshold])
        }
    }
}
