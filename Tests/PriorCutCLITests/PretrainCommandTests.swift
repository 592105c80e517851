import Foundation
import Imaging
import Tensors
import Testing
import TestSupport

/// End-to-end runs of `priorcut pretrain` (the built executable).
@Suite("CLI: pretrain")
struct PretrainCommandTests {
    /// A folder with two 40×48 images: a bright square on dark ground with some texture.
    static func images() throws -> URL {
        let folder = Fixtures.temporaryDirectory("pretrain-in")
        for index in 0..<2 {
            var image = Image(rows: 40, cols: 48, repeating: 0.2)
            for r in 0..<40 {
                for c in 0..<48 {
                    image[r, c] = (r > 8 + index && r < 30 && c > 10 && c < 34 ? 0.8 : 0.2) + Float((r * 7 + c * 3) % 5) * 0.02
                }
            }
            try ImageFile.write(try Raster(image: image), to: folder.appendingPathComponent("img\(index).tif").path)
        }
        return folder
    }

    @Test("pretrain computes superpixels, trains, writes a described checkpoint, and reports JSON and progress")
    func trains() throws {
        let images = try Self.images()
        let out = Fixtures.temporaryDirectory("pretrain-out").appendingPathComponent("fe.safetensors")
        let arguments = ["pretrain", "--images", images.path, "--out", out.path, "--steps", "3", "--feature-maps", "8,16",
                         "--embedding-width", "4", "--crop-size", "32", "--batch-size", "2", "--json", "--min-size", "20"]
        let run = try SuperpixelsCommandTests.priorcut(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["steps"] as? Int == 3 && object["images"] as? Int == 2)
        #expect(run.stderr.contains("step 3/3") && run.stderr.contains("ETA"))
        let file = try SafeTensorsFile(contentsOf: out)
        #expect(file.metadata["feature_maps"] == "8,16" && file.metadata["embedding_width"] == "4" && file.metadata["steps"] == "3")
        #expect(file.metadata["input"] == "image-and-superpixel-edges" && file.metadata["distance"] == "cosine")
        #expect(try file.tensor("unet.head.weight").shape == [4, 8, 1, 1])

        let again = try SuperpixelsCommandTests.priorcut(arguments)
        #expect(again.status != 0 && again.stderr.contains("refusing to overwrite") && again.stderr.contains("--force"))
        // With --checkpoint-every 2 the file after a 3-step run still holds the final state (3 steps).
        let forced = try SuperpixelsCommandTests.priorcut(arguments + ["--force", "--seed", "4", "--checkpoint-every", "2"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try SafeTensorsFile(contentsOf: out).metadata["steps"] == "3")
    }

    @Test("pretrain refuses a missing folder, mixed superpixel sources, bad feature maps and too-large crops")
    func badInput() throws {
        let out = Fixtures.temporaryDirectory("pretrain-bad").appendingPathComponent("fe.safetensors")
        let missing = try SuperpixelsCommandTests.priorcut(["pretrain", "--images", "/nonexistent/folder", "--out", out.path])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/folder") && missing.stderr.contains("no such"))
        let images = try Self.images()
        let both = try SuperpixelsCommandTests.priorcut(["pretrain", "--images", images.path, "--superpixels", images.path,
                                                         "--sigma", "2", "--out", out.path])
        #expect(both.status != 0 && both.stderr.contains("not both"))
        let maps = try SuperpixelsCommandTests.priorcut(["pretrain", "--images", images.path, "--out", out.path,
                                                         "--feature-maps", "8,x"])
        #expect(maps.status != 0 && maps.stderr.contains("--feature-maps"))
        let crop = try SuperpixelsCommandTests.priorcut(["pretrain", "--images", images.path, "--out", out.path,
                                                         "--feature-maps", "8,16", "--crop-size", "64", "--steps", "1"])
        #expect(crop.status != 0 && crop.stderr.contains("smaller than the 64×64 crops"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
