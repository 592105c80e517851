import Foundation
import Imaging
import Testing
import TestSupport

/// End-to-end runs of the built `priorcut` executable (next to the test bundle).
@Suite("CLI: superpixels and baseline otsu")
struct SuperpixelsCommandTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func priorcut(_ arguments: [String]) throws -> Run {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent(), Fixtures.repositoryRoot.appendingPathComponent(".build/release"),
                          Fixtures.repositoryRoot.appendingPathComponent(".build/debug")]
        let executable = try #require(candidates.map { $0.appendingPathComponent("priorcut").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }, "build the priorcut executable first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    let names = ["0bf4b144167694b6846d584cf52c458f34f28fcae75328a2a096c8214e01c0d0.tif",
                 "1b6044e4858a9b7cee9b0028d8e54fbc8fb72e6c4424ab5b9f3859bfc72b33c5.tif"]

    /// A folder with two test images (copied so the run does not depend on the folder's other files).
    func inputFolder() throws -> URL {
        let folder = Fixtures.temporaryDirectory("sp-in")
        for name in names {
            try FileManager.default.copyItem(atPath: Fixtures.data("dsb2018/test/images/\(name)"),
                                             toPath: folder.appendingPathComponent(name).path)
        }
        return folder
    }

    @Test("superpixels over a folder writes same-named uint32 TIFFs, reports JSON, refuses to overwrite without --force")
    func superpixelsFolder() throws {
        let input = try inputFolder()
        let output = Fixtures.temporaryDirectory("sp-out").appendingPathComponent("sp")
        let run = try Self.priorcut(["superpixels", "--images", input.path, "--out", output.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let images = try #require(object["images"] as? [[String: Any]])
        #expect(images.count == 2)
        #expect(run.stderr.contains("[2/2]"))
        for (record, name) in zip(images, names) {
            let raster = try ImageFile.read(output.appendingPathComponent(name).path)
            #expect(raster.sampleType == .uint32)
            let labels = try raster.labels()
            // Stretched per image by default, as experiments read their folders.
            let path = input.appendingPathComponent(name).path
            let expected = try SuperpixelRecipe.raw.superpixels(of: try ImageFile.readImage(path, normalisation: .minMax))
            #expect(labels == expected)
            #expect(record["superpixels"] as? Int == Set(labels.values).count)
        }
        let again = try Self.priorcut(["superpixels", "--images", input.path, "--out", output.path])
        #expect(again.status != 0 && again.stderr.contains("--force"))
        let forced = try Self.priorcut(["superpixels", "--images", input.path, "--out", output.path, "--force", "--method", "mutex"])
        #expect(forced.status == 0, "\(forced.stderr)")
        // --normalisation type divides by 255 instead; these dim images then give other superpixels.
        let typeScaled = try Self.priorcut(["superpixels", "--images", input.path, "--out", output.path, "--force",
                                            "--normalisation", "type"])
        #expect(typeScaled.status == 0, "\(typeScaled.stderr)")
        for name in names {
            let path = input.appendingPathComponent(name).path
            let labels = try ImageFile.readLabels(output.appendingPathComponent(name).path)
            #expect(labels == (try SuperpixelRecipe.raw.superpixels(of: try ImageFile.readImage(path, normalisation: .type))))
            #expect(labels != (try SuperpixelRecipe.raw.superpixels(of: try ImageFile.readImage(path, normalisation: .minMax))))
        }
    }

    @Test("superpixels with ground truth; mismatched shapes and bad parameters fail with a message")
    func superpixelsErrors() throws {
        let image = Fixtures.data("dsb2018/test/images/\(names[0])")
        let truth = Fixtures.data("dsb2018/test/masks/\(names[0])")
        let out = Fixtures.temporaryDirectory("sp-one")
        let ok = try Self.priorcut(["superpixels", "--image", image, "--ground-truth", truth, "--out", out.appendingPathComponent("a.tif").path])
        #expect(ok.status == 0, "\(ok.stderr)")
        let wrongTruth = out.appendingPathComponent("small.tif").path
        try ImageFile.write(try Raster(labels: LabelImage(rows: 3, cols: 3, repeating: 1)), to: wrongTruth)
        let mismatch = try Self.priorcut(["superpixels", "--image", image, "--ground-truth", wrongTruth, "--out", out.appendingPathComponent("b.tif").path])
        #expect(mismatch.status != 0 && mismatch.stderr.contains("shape mismatch"))
        let badSigma = try Self.priorcut(["superpixels", "--image", image, "--sigma", "0", "--out", out.appendingPathComponent("c.tif").path])
        #expect(badSigma.status != 0 && badSigma.stderr.contains("sigma"))
        let missing = try Self.priorcut(["superpixels", "--image", out.appendingPathComponent("nope.tif").path, "--out", out.appendingPathComponent("d.tif").path])
        #expect(missing.status != 0 && missing.stderr.contains("nope.tif"))
    }

    @Test("baseline otsu: a two-level image whose Otsu foreground is a fixture mask gives skimage's 4-connected labels")
    func baselineOtsu() throws {
        let folder = Fixtures.temporaryDirectory("otsu")
        let binary = try ImageFile.readLabels(Fixtures.fixture("labels/dsb_otsu_binary.tif"))
        let input = folder.appendingPathComponent("mask.tif").path
        try ImageFile.write(try Raster(rows: binary.rows, cols: binary.cols, samples: .uint8(binary.values.map { UInt8($0) * 200 + 10 })), to: input)
        let output = folder.appendingPathComponent("out.tif").path
        let run = try Self.priorcut(["baseline", "otsu", "--image", input, "--out", output])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try ImageFile.readLabels(output) == (try ImageFile.readLabels(Fixtures.fixture("labels/dsb_otsu_cc1.tif"))))
    }
}
