import ArgumentParser
import Descriptors
import Foundation
import Imaging

struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Measure every object of a label image (scikit-image regionprops names and definitions).",
        discussion: """
            Writes one CSV row per object (label 0 is background) with the columns of scikit-image's
            regionprops_table: label, area, bbox-0…3, centroid-0/1, orientation, eccentricity, axis_major_length,
            axis_minor_length, perimeter, perimeter_crofton, extent, solidity, area_convex,
            equivalent_diameter_area, euler_number, intensity_mean/min/max/std (with --image),
            inertia_tensor-i-j, inertia_tensor_eigvals-0/1, and circularity. Intensities are the file's raw
            sample values, as scikit-image uses them.
            """)

    @Option(help: "Label image (TIFF/PNG, integer samples).")
    var labels: String

    @Option(help: "Intensity image of the same size (TIFF/PNG, one channel) for the intensity columns.")
    var image: String?

    @Option(help: "Write the CSV here instead of printing it.")
    var csv: String?

    @Flag(help: "Overwrite --csv if it exists.")
    var force = false

    @Flag(help: "Use the pre-0.19 scikit-image column names (minor_axis_length, convex_area, mean_intensity, …).")
    var legacyNames = false

    func run() throws {
        let labelImage = try ImageFile.readLabels(labels)
        var intensity: Image?
        if let image {
            let raster = try ImageFile.read(image)
            guard raster.pages == 1, raster.channels == 1 else {
                throw ValidationError("--image \(image) must be one 2-D channel, got \(raster.pages) page(s) × "
                    + "\(raster.channels) channel(s)")
            }
            intensity = try raster.plane()
        }
        let table = try ObjectTable(labels: labelImage, intensity: intensity)
        let text = table.csv(legacyNames: legacyNames)
        guard let csv else {
            print(text, terminator: "")
            return
        }
        if FileManager.default.fileExists(atPath: csv), !force {
            throw ValidationError("\(csv) exists; pass --force to overwrite it")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: csv), options: .atomic)
        } catch {
            throw ValidationError("cannot write \(csv): \(error.localizedDescription)")
        }
        print("\(table.count) objects → \(csv)")
    }
}
