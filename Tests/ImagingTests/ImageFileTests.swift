import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Image files")
struct ImageFileTests {
    let folder = Fixtures.temporaryDirectory("imagefile")

    func samples(_ type: SampleType, count: Int) -> Samples {
        switch type {
        case .uint8: .uint8((0..<count).map { UInt8(truncatingIfNeeded: $0 * 7) })
        case .uint16: .uint16((0..<count).map { UInt16(truncatingIfNeeded: $0 * 1031) })
        case .uint32: .uint32((0..<count).map { UInt32($0) * 100_003 })
        case .int32: .int32((0..<count).map { Int32($0) * -7919 })
        case .float32: .float32((0..<count).map { Float($0) * 0.37 - 5 })
        }
    }

    @Test("TIFF round trip for every sample type, compression and planar layout",
          arguments: SampleType.allCases, TIFFCompression.allCases)
    func tiffRoundTrip(type: SampleType, compression: TIFFCompression) throws {
        for (channels, pages, layout) in [(1, 1, TIFFPlanarLayout.interleaved), (3, 1, .interleaved), (3, 1, .separate),
                                          (2, 1, .separate), (1, 4, .interleaved)] {
            let raster = try Raster(rows: 13, cols: 21, channels: channels, pages: pages,
                                    samples: samples(type, count: 13 * 21 * channels * pages))
            let path = folder.appendingPathComponent("rt-\(type)-\(compression)-\(channels)-\(pages)-\(layout).tif").path
            try TIFFFile.write(raster, to: path, compression: compression, layout: layout)
            #expect(try ImageFile.read(path) == raster)
        }
    }

    @Test("PNG round trip: gray, gray+alpha, RGB, RGBA at 8 and 16 bits", arguments: [1, 2, 3, 4])
    func pngRoundTrip(channels: Int) throws {
        for type in [SampleType.uint8, .uint16] {
            let raster = try Raster(rows: 9, cols: 17, channels: channels, samples: samples(type, count: 9 * 17 * channels))
            let path = folder.appendingPathComponent("rt-\(type)-\(channels).png").path
            try PNGFile.write(raster, to: path)
            #expect(try ImageFile.read(path) == raster)
        }
    }

    @Test("Reads the shared fixtures: uint8 image, uint32 labels, float32 stack")
    func readsFixtures() throws {
        let image = try ImageFile.read(Fixtures.fixture("filters/dsb_input_uint8.tif"))
        #expect(image.sampleType == .uint8 && image.rows == 192 && image.cols == 256)
        let scaled = try ImageFile.readImage(Fixtures.fixture("filters/dsb_input_uint8.tif"))
        let reference = try ImageFile.read(Fixtures.fixture("filters/dsb_input.tif")).plane()
        // The float fixture is exactly uint8 / 255 computed in float32.
        for i in stride(from: 0, to: scaled.count, by: 97) {
            #expect(abs(scaled.values[i] - reference.values[i]) <= 1e-7)
        }
        let stack = try ImageFile.read(Fixtures.fixture("hough/small_accumulator.tif"))
        #expect(stack.pages == 5 && stack.sampleType == .float32)
        let labels = try ImageFile.readLabels(Fixtures.fixture("regionprops/touching_labels.tif"))
        #expect(labels.rows == 112 && labels.cols == 144)
    }

    @Test("A missing file, a directory and an empty file are typed errors naming the path")
    func unreadable() throws {
        let missing = folder.appendingPathComponent("missing.tif").path
        #expect(throws: ImagingError.unreadableFile(path: missing, reason: "no such file")) { try ImageFile.read(missing) }
        #expect(throws: ImagingError.self) { try ImageFile.read(folder.path) }
        let empty = folder.appendingPathComponent("empty.png").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: ImagingError.corruptFile(path: empty, reason: "the file is empty")) { try ImageFile.read(empty) }
        let text = folder.appendingPathComponent("notes.tif").path
        _ = FileManager.default.createFile(atPath: text, contents: Data("hello, world".utf8))
        #expect(throws: ImagingError.self) { try ImageFile.read(text) }
    }

    @Test("Truncated PNG and TIFF files throw instead of aborting", arguments: ["png", "tif"])
    func truncated(ext: String) throws {
        let raster = try Raster(rows: 64, cols: 64, samples: samples(.uint16, count: 64 * 64))
        let path = folder.appendingPathComponent("full.\(ext)").path
        try ImageFile.write(raster, to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        for keep in [data.count / 2, 40, 12] {
            let cut = folder.appendingPathComponent("cut-\(keep).\(ext)").path
            try data.prefix(keep).write(to: URL(fileURLWithPath: cut))
            let error = #expect(throws: ImagingError.self, "a \(keep)-byte prefix of \(data.count) bytes") {
                try ImageFile.read(cut)
            }
            #expect(error?.description.contains(cut) == true, "message should name the file: \(String(describing: error))")
        }
    }

    @Test("Labels reject float rasters and negative int32; intensities scale uint8 by 1/255")
    func conversions() throws {
        let floats = try Raster(rows: 1, cols: 2, samples: .float32([0, 1]))
        #expect(throws: ImagingError.self) { try floats.labels() }
        let negative = try Raster(rows: 1, cols: 2, samples: .int32([3, -1]))
        #expect(throws: ImagingError.self) { try negative.labels() }
        let bytes = try Raster(rows: 1, cols: 2, samples: .uint8([0, 255]))
        #expect(try bytes.intensities().values == [0, 1])
        let rgb = try Raster(rows: 1, cols: 1, channels: 3, samples: .uint8([255, 0, 0]))
        #expect(abs(try rgb.intensities().values[0] - 1.0 / 3.0) < 1e-6)
        #expect(throws: ImagingError.self) { try Raster(rows: 2, cols: 2, samples: .uint8([1, 2, 3])) }
        // Every integer type converts by value (a UInt32 once went through Float(bitPattern:)).
        #expect(Samples.uint32([0, 19, 4096]).floats() == [0, 19, 4096])
        #expect(Samples.int32([-7, 19]).floats() == [-7, 19])
        #expect(Samples.uint16([65535]).floats() == [65535])
        let words = try Raster(rows: 1, cols: 2, samples: .uint32([0, UInt32.max]))
        #expect(try words.intensities().values == [0, 1])
    }

    @Test("A 1×1 image round-trips")
    func onePixel() throws {
        let raster = try Raster(labels: LabelImage(rows: 1, cols: 1, repeating: 7))
        let path = folder.appendingPathComponent("one.tif").path
        try ImageFile.write(raster, to: path)
        #expect(try ImageFile.readLabels(path) == LabelImage(rows: 1, cols: 1, repeating: 7))
    }
}
