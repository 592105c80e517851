import Foundation
import Imaging
import Testing
import TestSupport

/// Degenerate and invalid inputs give results or typed errors, never a crash.
@Suite("Imaging: bad and degenerate input")
struct BadInputTests {
    @Test("A 1×1 image passes through every primitive")
    func singlePixel() throws {
        let onePixel = Image(rows: 1, cols: 1, repeating: 0.5)
        #expect(abs(try GaussianFilter.smooth(onePixel, sigma: 2).values[0] - 0.5) < 1e-6)
        #expect(abs(try GaussianFilter.gradientMagnitude(onePixel, sigma: 1).values[0]) < 1e-6)
        #expect(SobelFilter.magnitude(onePixel).values == [0])
        #expect(try OtsuThreshold.threshold(onePixel.values) == 0.5)
        #expect(RegionalMinima.localMinima(onePixel).values == [true])
        #expect(try RegionalMinima.hMinima(onePixel, h: 0.1).values == [false]) // h exceeds the (zero) range
        let markers = try LabelImage(rows: 1, cols: 1, values: [3])
        #expect(try SeededWatershed.flood(onePixel, markers: markers).values == [3])
        #expect(try MutexWatershed().segment(onePixel).values == [0])
        #expect(try SuperpixelRecipe.raw.superpixels(of: onePixel).values == [0])
        #expect(try SuperpixelRecipe(method: .mutex).superpixels(of: onePixel).values == [0])
    }

    @Test("All-zero inputs: one background component, one superpixel, no markers")
    func allZero() throws {
        let zeros = Image(rows: 6, cols: 7, repeating: 0)
        #expect(ConnectedComponents.label(zeros.map { $0 > 0 }, connectivity: .four).values.allSatisfy { $0 == 0 })
        #expect(try OtsuThreshold.threshold(zeros.values) == 0)
        let noMarkers = LabelImage(rows: 6, cols: 7, repeating: 0)
        #expect(try SeededWatershed.flood(zeros, markers: noMarkers) == noMarkers)
        #expect(try SequentialRelabeling(noMarkers).labels == noMarkers)
        #expect(try SuperpixelRecipe.raw.superpixels(of: zeros).values.allSatisfy { $0 == 0 })
        #expect(try SmallRegionMerging.merge(noMarkers, boundary: zeros, minimumSize: 100) == noMarkers)
    }

    @Test("Shape mismatches name both shapes")
    func shapeMismatch() throws {
        let image = Image(rows: 4, cols: 5, repeating: 0.2)
        let truth = LabelImage(rows: 5, cols: 4, repeating: 1)
        let error = #expect(throws: ImagingError.self) { try SuperpixelRecipe.raw.superpixels(of: image, groundTruth: truth) }
        #expect(error.map { "\($0)".contains("4×5") && "\($0)".contains("5×4") } == true)
        #expect(throws: ImagingError.self) { try SeededWatershed.flood(image, markers: truth) }
        #expect(throws: ImagingError.self) {
            try SeededWatershed.flood(image, markers: LabelImage(rows: 4, cols: 5, repeating: 1),
                                      mask: Grid(rows: 1, cols: 5, repeating: true))
        }
        #expect(throws: ImagingError.self) { try SmallRegionMerging.merge(truth, boundary: image, minimumSize: 2) }
    }

    @Test("Invalid parameters: σ ≤ 0, h < 0, negative sizes, unordered levels, NaN")
    func invalidParameters() throws {
        let image = Image(rows: 4, cols: 5, repeating: 0.2)
        for sigma: Float in [0, -1, .nan, .infinity] {
            #expect(throws: ImagingError.self) { try GaussianFilter.smooth(image, sigma: sigma) }
            #expect(throws: ImagingError.self) { try SuperpixelRecipe(sigma: sigma) }
        }
        #expect(throws: ImagingError.self) { try SeparableFilter.correlate(image, alongRows: [0.5, 0.5], alongCols: [1], border: .nearest) }
        #expect(throws: ImagingError.self) { try RegionalMinima.hMinima(image, h: -0.01) }
        #expect(throws: ImagingError.self) { try SuperpixelRecipe(h: -0.01) }
        #expect(throws: ImagingError.self) { try SuperpixelRecipe(minimumSize: -1) }
        #expect(throws: ImagingError.self) { try SuperpixelRecipe(regionMinimumSize: -1) }
        #expect(throws: ImagingError.self) { try SuperpixelRecipe(intensityLevels: [0.7, 0.4]) }
        #expect(throws: ImagingError.self) { try SuperpixelRecipe(intensityLevels: [0, 0.4]) }
        #expect(throws: ImagingError.self) { try OtsuThreshold.threshold([Float]()) }
        #expect(throws: ImagingError.self) { try OtsuThreshold.threshold([0.1, .nan]) }
        let nanImage = try Image(rows: 1, cols: 2, values: [0.1, .nan])
        #expect(throws: ImagingError.self) { try SeededWatershed.flood(nanImage, markers: LabelImage(rows: 1, cols: 2, repeating: 1)) }
        #expect(throws: ImagingError.self) { try SuperpixelRecipe.raw.superpixels(of: nanImage) }
        #expect(throws: ImagingError.self) { try SuperpixelRecipe.raw.superpixels(of: Image(rows: 0, cols: 3, repeating: 0)) }
    }
}

@Suite("Superpixel recipes")
struct SuperpixelRecipeTests {
    let name = "0bf4b144167694b6846d584cf52c458f34f28fcae75328a2a096c8214e01c0d0.tif"

    @Test("RAW superpixels of a real image: ids 0..<n, every id used, connected, deterministic", arguments: SuperpixelRecipe.Method.allCases)
    func rawProperties(method: SuperpixelRecipe.Method) throws {
        let image = try ImageFile.readImage(Fixtures.data("dsb2018/test/images/\(name)"))
        let recipe = try SuperpixelRecipe(method: method)
        let superpixels = try recipe.superpixels(of: image)
        let ids = Set(superpixels.values)
        #expect(ids == Set(0..<UInt32(ids.count)))
        #expect(ids.count > 20)
        // Each superpixel is one 4-connected piece.
        #expect(ConnectedComponents.label(superpixels, connectivity: .four, background: nil).values == superpixels.values.map { $0 + 1 })
        var sizes = [Int](repeating: 0, count: ids.count)
        for v in superpixels.values { sizes[Int(v)] += 1 }
        #expect(sizes.allSatisfy { $0 >= recipe.minimumSize })
        #expect(try recipe.superpixels(of: image) == superpixels)
    }

    @Test("GT superpixels never straddle a ground-truth boundary and refine the RAW ones")
    func groundTruthSuperpixels() throws {
        let image = try ImageFile.readImage(Fixtures.data("dsb2018/test/images/\(name)"))
        let truth = try ImageFile.readLabels(Fixtures.data("dsb2018/test/masks/\(name)"))
        let raw = try SuperpixelRecipe.raw.superpixels(of: image)
        let gt = try SuperpixelRecipe.raw.superpixels(of: image, groundTruth: truth)
        var truthOf: [UInt32: UInt32] = [:], rawOf: [UInt32: UInt32] = [:]
        var consistent = true
        for i in gt.values.indices {
            consistent = consistent && (truthOf.updateValue(truth.values[i], forKey: gt.values[i]) ?? truth.values[i]) == truth.values[i]
            consistent = consistent && (rawOf.updateValue(raw.values[i], forKey: gt.values[i]) ?? raw.values[i]) == raw.values[i]
        }
        #expect(consistent)
        #expect(Set(gt.values).count > Set(raw.values).count)
    }
}
