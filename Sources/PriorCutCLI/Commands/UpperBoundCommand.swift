import ArgumentParser
import Experiments
import Foundation
import Imaging

struct UpperBoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upper-bound",
        abstract: "Write the best segmentation reachable by merging superpixels (each takes the ground-truth object it overlaps most).",
        discussion: """
            Every superpixel (all ids, including 0) takes the ground-truth label it shares most pixels with; ground-truth
            background (0) competes like an object and ties go to the smallest label, so background wins a tie.
            Outputs are uint32 TIFFs: FILE for file inputs, DIR/<name>.tif for folders (paired by name stem).
            Also prints superpixels per ground-truth nucleus (all superpixels, background ones included, divided by
            the number of nuclei). Evaluate the result with `priorcut evaluate --ground-truth … --prediction OUT`.
            """)

    @Option(help: "Superpixel label image, or a folder of them.")
    var superpixels: String

    @Option(name: .customLong("ground-truth"), help: "Ground-truth label image, or a folder of them.")
    var groundTruth: String

    @Option(help: "Output label image (file inputs) or folder (folder inputs).")
    var out: String

    @Flag(help: "Overwrite existing outputs.")
    var force = false

    @Flag(help: "Print JSON: {\"images\": [{name, superpixels, nuclei, superpixels_per_nucleus, output}], \"mean_superpixels_per_nucleus\"}.")
    var json = false

    struct ImageResult: Encodable {
        let name: String
        let superpixels: Int
        let nuclei: Int
        let superpixelsPerNucleus: Double?
        let output: String

        enum CodingKeys: String, CodingKey {
            case name, superpixels, nuclei, superpixelsPerNucleus = "superpixels_per_nucleus", output
        }
    }

    struct Report: Encodable {
        let images: [ImageResult]
        let meanSuperpixelsPerNucleus: Double?

        enum CodingKeys: String, CodingKey { case images, meanSuperpixelsPerNucleus = "mean_superpixels_per_nucleus" }
    }

    func run() throws {
        let inputs = try PairedInputs([("--superpixels", superpixels), ("--ground-truth", groundTruth)])
        let output = OutputLocation(path: out, isFolder: inputs.fromFolders)
        try output.prepare(stems: inputs.items.map(\.stem), force: force)
        let progress = ProgressReporter(total: inputs.items.count, label: "upper-bound")
        var results: [ImageResult] = []
        for (index, item) in inputs.items.enumerated() {
            progress.step(index, item.stem)
            let sp = try ImageFile.readLabels(item.paths[0])
            let gt = try ImageFile.readLabels(item.paths[1])
            let bound: SuperpixelUpperBound
            do {
                bound = try SuperpixelUpperBound(superpixels: sp, groundTruth: gt)
            } catch {
                throw CommandInputError.itemFailed(stem: item.stem, paths: item.paths, reason: error.description)
            }
            let path = output.path(for: item.stem)
            try ImageFile.write(try Raster(labels: bound.segmentation), to: path)
            results.append(ImageResult(name: item.stem, superpixels: bound.superpixelCount, nuclei: bound.objectCount,
                                       superpixelsPerNucleus: bound.superpixelsPerObject, output: path))
        }
        progress.finish()
        let ratios = results.compactMap(\.superpixelsPerNucleus)
        let mean = ratios.isEmpty ? nil : ratios.reduce(0, +) / Double(ratios.count)
        if json {
            try JSONOutput.print(Report(images: results, meanSuperpixelsPerNucleus: mean))
            return
        }
        let nameWidth = min(max(results.map(\.name.count).max() ?? 4, 4), 40)
        print("image".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " superpixels nuclei  sp/nucleus")
        for r in results {
            let shown = r.name.count > nameWidth ? String(r.name.prefix(nameWidth - 1)) + "…" : r.name
            let ratio = r.superpixelsPerNucleus.map { String(format: "%11.2f", $0) } ?? "          –"
            print(shown.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                  + String(format: " %11d %6d ", r.superpixels, r.nuclei) + ratio)
        }
        if let mean, results.count > 1 {
            print("mean".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                  + String(repeating: " ", count: 20) + String(format: "%11.2f", mean)
                  + (ratios.count < results.count ? " (over \(ratios.count) images with nuclei)" : ""))
        }
        print(results.count == 1 ? "wrote \(results[0].output)" : "wrote \(results.count) label images to \(out)")
    }
}
