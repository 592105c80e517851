import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Drawing")
struct DrawingTests {
    @Test("Red–green colour map: red at 0, yellow at 0.5, green at 1, clipped outside")
    func colourMap() {
        #expect(ColourMap.redGreen(0) == SIMD3(1, 0, 0))
        #expect(ColourMap.redGreen(0.5) == SIMD3(1, 1, 0))
        #expect(ColourMap.redGreen(1) == SIMD3(0, 1, 0))
        #expect(ColourMap.redGreen(-3) == ColourMap.redGreen(0))
        #expect(ColourMap.redGreen(7) == ColourMap.redGreen(1))
        #expect(ColourMap.redGreen(.nan) == ColourMap.redGreen(0))
    }

    @Test("Boundary pairs, blending and an RGB PNG that reads back byte for byte")
    func overlayAndPNG() throws {
        let labels = try LabelImage(rows: 2, cols: 3, values: [1, 1, 2, 1, 1, 2])
        #expect(Overlay.boundaryPairs(labels).map { [$0.0, $0.1] } == [[1, 2], [4, 5]])
        let image = try Image(rows: 2, cols: 3, values: [0, 0.5, 1, 0, 0.5, 1])
        let grey = Overlay.grey(image)
        #expect(grey[0, 1] == SIMD3(repeating: 0.5))
        let fills = try Grid<SIMD3<Float>?>(rows: 2, cols: 3, values: [nil, nil, SIMD3(0, 1, 0), nil, nil, nil])
        let blended = try Overlay.blend(grey, with: fills, alpha: 0.5)
        #expect(blended[0, 2] == SIMD3(0.5, 1, 0.5))
        #expect(blended[0, 0] == grey[0, 0])
        let drawn = try Overlay.drawBoundaries(on: blended, labels: labels) { a, b in a == 1 && b == 2 ? SIMD3(1, 0, 0) : nil }
        #expect(drawn[1, 1] == SIMD3(1, 0, 0) && drawn[1, 2] == SIMD3(1, 0, 0) && drawn[1, 0] == grey[1, 0])
        let raster = try Raster(colour: drawn)
        #expect(raster.channels == 3 && raster.sampleType == .uint8)
        let path = Fixtures.temporaryDirectory().appendingPathComponent("overlay.png").path
        try PNGFile.write(raster, to: path)
        let back = try PNGFile.read(path)
        #expect(back == raster)
        #expect(back.samples == .uint8([0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0]))
    }

    @Test("Hole filling fills enclosed background only")
    func holes() throws {
        // A ring with a one-pixel hole, next to a C shape open to the border.
        let rows = ["#####", "#.#..", "###.."]
        let mask = try Grid<Bool>(rows: 3, cols: 5, values: rows.flatMap { $0.map { $0 == "#" } })
        let filled = HoleFilling.fill(mask)
        #expect(filled[1, 1] == true)
        #expect(filled[1, 3] == false && filled[2, 4] == false)
        #expect(filled.values.filter { $0 }.count == mask.values.filter { $0 }.count + 1)
    }
}
