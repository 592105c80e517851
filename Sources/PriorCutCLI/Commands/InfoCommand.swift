import ArgumentParser
import Foundation
import Imaging

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print an image file's shape, sample type and value range.")

    @Argument(help: "A TIFF or PNG file.")
    var image: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let raster = try ImageFile.read(image)
        let values = raster.samples.floats()
        let low = values.min() ?? 0, high = values.max() ?? 0
        if json {
            let object: [String: Any] = [
                "path": image, "rows": raster.rows, "cols": raster.cols, "channels": raster.channels,
                "pages": raster.pages, "sample_type": raster.sampleType.rawValue, "min": Double(low), "max": Double(high),
            ]
            try printJSON(object)
        } else {
            print("\(image): \(raster.pages > 1 ? "\(raster.pages) pages of " : "")\(raster.rows)×\(raster.cols)"
                + "\(raster.channels > 1 ? "×\(raster.channels)" : ""), \(raster.sampleType.rawValue), values \(low)…\(high)")
        }
    }
}
