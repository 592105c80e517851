import Foundation
import Imaging
import TestSupport
import Testing

/// scikit-image / SciPy reference outputs in `fixtures/filters` (README §3): float32 outputs to 1e-5 absolute.
@Suite("Filters against scikit-image and SciPy")
struct FilterFixtureTests {
    static let images = ["dsb", "synthetic"]

    func load(_ name: String) throws -> Image {
        try ImageFile.read(Fixtures.fixture("filters/\(name).tif")).plane()
    }

    func maxDifference(_ a: Image, _ b: Image) -> Float {
        #expect(a.shape == b.shape)
        return zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("Gaussian σ 1 and 2.5, mode nearest, truncate 4", arguments: images)
    func gaussian(image: String) throws {
        let input = try load("\(image)_input")
        for (sigma, suffix) in [(Float(1), "s1"), (2.5, "s2p5")] {
            let ours = try GaussianFilter.smooth(input, sigma: sigma)
            #expect(maxDifference(ours, try load("\(image)_gaussian_\(suffix)")) <= 1e-5)
        }
    }

    @Test("Gaussian gradient magnitude σ 1.5 (scipy)", arguments: images)
    func gradientMagnitude(image: String) throws {
        let ours = try GaussianFilter.gradientMagnitude(try load("\(image)_input"), sigma: 1.5)
        #expect(maxDifference(ours, try load("\(image)_ggm_s1p5")) <= 1e-5)
    }

    @Test("Sobel magnitude, h and v (reflect border, magnitude / sqrt 2)", arguments: images)
    func sobel(image: String) throws {
        let input = try load("\(image)_input")
        #expect(maxDifference(SobelFilter.magnitude(input), try load("\(image)_sobel")) <= 1e-5)
        #expect(maxDifference(SobelFilter.horizontalEdges(input), try load("\(image)_sobel_h")) <= 1e-5)
        #expect(maxDifference(SobelFilter.verticalEdges(input), try load("\(image)_sobel_v")) <= 1e-5)
    }

    @Test("Otsu threshold of float32 images selects scikit-image's bin", arguments: images)
    func otsuFloat(image: String) throws {
        let entries = try #require((try Fixtures.json(Fixtures.fixture("filters/filters.json")) as? [String: Any])?["images"] as? [[String: Any]])
        let entry = try #require(entries.first { $0["name"] as? String == image })
        let otsu = try #require(entry["otsu"] as? [String: Any])
        let expected = try #require(otsu["threshold"] as? Double)
        let input = try load("\(image)_input")
        let threshold = try OtsuThreshold.threshold(input.values)
        #expect(abs(Double(threshold) - expected) <= 1e-7)
        #expect(input.values.filter { $0 > threshold }.count == otsu["pixels_above_threshold"] as? Int)
    }

    @Test("Otsu threshold of the uint8 image uses one bin per integer")
    func otsuUInt8() throws {
        let raster = try ImageFile.read(Fixtures.fixture("filters/dsb_input_uint8.tif"))
        guard case let .uint8(samples) = raster.samples else { Issue.record("expected uint8 samples"); return }
        let entries = try #require((try Fixtures.json(Fixtures.fixture("filters/filters.json")) as? [String: Any])?["images"] as? [[String: Any]])
        let dsb = try #require(entries.first { $0["name"] as? String == "dsb" })
        let expected = try #require((dsb["otsu_uint8"] as? [String: Any])?["threshold"] as? Double)
        #expect(Double(try OtsuThreshold.threshold(samples)) == expected)
    }

    @Test("Gaussian kernel: radius int(4σ + 0.5), sums to 1, derivative antisymmetric")
    func kernel() throws {
        let w = try GaussianFilter.kernel(sigma: 2.5)
        #expect(w.count == 21)
        #expect(abs(w.reduce(0, +) - 1) < 1e-6)
        let d = try GaussianFilter.kernel(sigma: 1.5, order: 1)
        #expect(d.count == 13 && d[6] == 0 && d[7] == -d[5] && d[7] > 0)
    }
}
