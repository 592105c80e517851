import Foundation
import Imaging
import TestSupport
import Testing

/// `fixtures/watershed` (README §4): skimage's seeded watershed, exact, including its tie behaviour.
@Suite("Seeded watershed against scikit-image")
struct WatershedFixtureTests {
    @Test("watershed(image, markers, connectivity=1, mask)", arguments: ["random", "dsb", "dsb_masked", "local_minima"])
    func flood(name: String) throws {
        let image = try ImageFile.read(Fixtures.fixture("watershed/\(name)_image.tif")).plane()
        let markers = try ImageFile.readLabels(Fixtures.fixture("watershed/\(name)_markers.tif"))
        let mask = name == "dsb_masked"
            ? try ImageFile.readLabels(Fixtures.fixture("watershed/dsb_masked_mask.tif")).map { $0 != 0 } : nil
        let expected = try ImageFile.readLabels(Fixtures.fixture("watershed/\(name)_labels.tif"))
        #expect(try SeededWatershed.flood(image, markers: markers, mask: mask) == expected)
    }

    @Test("Local minima (connectivity 1) labelled with 8-connectivity give the fixture's markers")
    func localMinima() throws {
        let image = try ImageFile.read(Fixtures.fixture("watershed/local_minima_image.tif")).plane()
        let markers = try ImageFile.readLabels(Fixtures.fixture("watershed/local_minima_markers.tif"))
        let minima = RegionalMinima.localMinima(image)
        #expect(ConnectedComponents.label(minima, connectivity: .eight) == markers)
    }

    @Test("h-minima keep only basins at least h deep")
    func hMinima() throws {
        // Two basins: depth 0.5 on the left (min 0.1), depth 0.05 on the right (min 0.45, pass at 0.5).
        let row: [Float] = [0.3, 0.1, 0.3, 0.5, 0.45, 0.6, 0.9]
        let image = try Image(rows: 1, cols: row.count, values: row)
        #expect(try RegionalMinima.hMinima(image, h: 0.2).values == [false, true, false, false, false, false, false])
        // With h below the shallow basin's depth both minima survive; with h = 0.1 the set around the
        // deep minimum grows to every pixel below 0.1 + h that reaches no lower value.
        #expect(try RegionalMinima.hMinima(image, h: 0.04).values == [false, true, false, false, true, false, false])
        #expect(try RegionalMinima.hMinima(image, h: 2).values.allSatisfy { !$0 })
        #expect(throws: ImagingError.self) { try RegionalMinima.hMinima(image, h: 0) }
        #expect(throws: ImagingError.self) { try RegionalMinima.hMinima(image, h: -1) }
    }
}
