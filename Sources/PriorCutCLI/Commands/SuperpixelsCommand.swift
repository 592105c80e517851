import ArgumentParser
import Dispatch
import Foundation
import Imaging

struct SuperpixelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "superpixels",
        abstract: "Cut images into superpixels and write them as uint32 label TIFFs.",
        discussion: """
            The default recipe uses the image only (RAW): watershed of the Sobel gradient of the Gaussian-smoothed \
            image from h-minima markers, regions below --region-min-size merged across their weakest boundary, \
            cut at 0.4× and 0.7× the Otsu threshold, pieces below --min-size merged again. --ground-truth \
            additionally splits superpixels at ground-truth object boundaries ("GT" superpixels). Superpixel ids \
            are 0, 1, …; see Documentation/Superpixels.md.
            """)

    @Option(help: "One input image (TIFF/PNG, values scaled to [0, 1]).")
    var image: String?

    @Option(help: "A folder of input images.")
    var images: String?

    @Option(help: "Output file (with --image) or folder (with --images); files are named like their inputs.")
    var out: String

    @Option(help: "Region method: watershed or mutex.")
    var method: SuperpixelRecipe.Method = SuperpixelRecipe.raw.method

    @Option(help: "Ground-truth label image (with --image) or folder of same-named label images, to intersect with.")
    var groundTruth: String?

    @Option(help: "Merge regions smaller than this many pixels into a neighbour before the intensity cut.")
    var regionMinSize: Int = SuperpixelRecipe.raw.regionMinimumSize

    @Option(help: "Merge superpixels smaller than this many pixels into a neighbour (after the intensity cut).")
    var minSize: Int = SuperpixelRecipe.raw.minimumSize

    @Option(help: "Gaussian smoothing sigma in pixels.")
    var sigma: Float = SuperpixelRecipe.raw.sigma

    @Option(help: "h-minima depth for the watershed markers (gradient units).")
    var h: Float = SuperpixelRecipe.raw.h

    @Option(help: "Intensity cut levels as multiples of the Otsu threshold, comma separated; 'none' for no cut.")
    var levels: String = SuperpixelRecipe.raw.intensityLevels.map { "\($0)" }.joined(separator: ",")

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @Flag(help: "Print per-image superpixel counts and timing as JSON.")
    var json = false

    @OptionGroup var intensity: IntensityOptions

    func run() throws {
        let recipe = try SuperpixelRecipe(method: method, sigma: sigma, h: h, regionMinimumSize: regionMinSize,
                                          intensityLevels: try parseLevels(), minimumSize: minSize)
        let batch = try ImageBatch(image: image, images: images, out: out, force: force)
        var records: [[String: Any]] = []
        let start = DispatchTime.now().uptimeNanoseconds
        for (index, item) in batch.items.enumerated() {
            let itemStart = DispatchTime.now().uptimeNanoseconds
            let input = try intensity.readImage(item.input)
            let truth = try groundTruth.map { try ImageFile.readLabels(try ImageBatch.companion(of: item, in: $0, what: "--ground-truth")) }
            let superpixels = try recipe.superpixels(of: input, groundTruth: truth)
            try ImageFile.write(try Raster(labels: superpixels), to: item.output)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - itemStart) / 1e6
            let count = Int(superpixels.values.max() ?? 0) + 1
            records.append(["image": item.input, "output": item.output, "rows": input.rows, "cols": input.cols,
                            "superpixels": count, "milliseconds": milliseconds])
            if batch.isFolder {
                printError("[\(index + 1)/\(batch.items.count)] \(item.name): \(count) superpixels (\(String(format: "%.0f", milliseconds)) ms)")
            } else if !json {
                print("\(item.output): \(count) superpixels, \(input.rows)×\(input.cols), \(String(format: "%.1f", milliseconds)) ms")
            }
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if json {
            // Floats through their shortest decimal form, so 0.4 prints as 0.4 rather than 0.4000000059604645.
            func decimal(_ x: Float) -> Double { Double("\(x)") ?? Double(x) }
            let recipeObject: [String: Any] = ["method": recipe.method.rawValue, "sigma": decimal(recipe.sigma), "h": decimal(recipe.h),
                                               "intensity_levels": recipe.intensityLevels.map(decimal),
                                               "region_min_size": recipe.regionMinimumSize, "min_size": recipe.minimumSize,
                                               "ground_truth": groundTruth != nil]
            try printJSON(["recipe": recipeObject, "images": records, "total_ms": total])
        } else if batch.isFolder {
            print("\(batch.items.count) images → \(out) in \(String(format: "%.1f", total / 1000)) s")
        }
    }

    private func parseLevels() throws -> [Float] {
        if levels.lowercased() == "none" { return [] }
        return try levels.split(separator: ",").map { part in
            guard let value = Float(part.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--levels: '\(part)' is not a number")
            }
            return value
        }
    }
}

extension SuperpixelRecipe.Method: ExpressibleByArgument {}
