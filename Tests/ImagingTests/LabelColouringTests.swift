import Imaging
import Testing

@Suite struct LabelColouringTests {
    @Test func backgroundIsBlackAndObjectsAreDistinctAndStable() {
        #expect(ColourMap.label(0) == .zero)
        let colours = (1...40).map { ColourMap.label(UInt32($0)) }
        #expect(Set(colours.map { "\($0)" }).count == 40)
        // Consecutive ids differ clearly (golden-ratio hue steps), so neighbouring objects stay apart.
        for i in 1..<colours.count {
            let difference = colours[i] - colours[i - 1]
            #expect((difference * difference).sum() > 0.05, "labels \(i) and \(i + 1) look alike")
        }
        #expect(colours.allSatisfy { all($0 .>= 0) && all($0 .<= 1) && $0.max() >= 0.8 })
        #expect(ColourMap.label(7) == ColourMap.label(7))
    }

    @Test func hsvPrimaries() {
        func close(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Bool { ((a - b) * (a - b)).sum() < 1e-10 }
        #expect(close(ColourMap.hsv(hue: 0, saturation: 1, value: 1), SIMD3(1, 0, 0)))
        #expect(close(ColourMap.hsv(hue: 1.0 / 3, saturation: 1, value: 1), SIMD3(0, 1, 0)))
        #expect(close(ColourMap.hsv(hue: 2.0 / 3, saturation: 1, value: 1), SIMD3(0, 0, 1)))
        #expect(close(ColourMap.hsv(hue: 1.0 / 6, saturation: 1, value: 1), SIMD3(1, 1, 0)))
        #expect(close(ColourMap.hsv(hue: 0.5, saturation: 0, value: 0.4), SIMD3(repeating: 0.4)))
    }

    @Test func labelImageInColour() throws {
        let labels = try LabelImage(rows: 1, cols: 3, values: [0, 5, 5])
        let coloured = Overlay.labels(labels)
        #expect(coloured.values == [.zero, ColourMap.label(5), ColourMap.label(5)])
    }
}
