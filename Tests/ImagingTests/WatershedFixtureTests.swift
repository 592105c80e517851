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

    @Test("h-minima equal scikit-image's definition by reconstruction by erosion, on a real gradient image",
          arguments: [Float(0.002), 0.01, 0.03])
    func hMinimaByReconstruction(h: Float) throws {
        let image = try ImageFile.read(Fixtures.fixture("watershed/local_minima_image.tif")).plane()
        let rows = image.rows, cols = image.cols, f = image.values
        // skimage: rec = reconstruction(f + h, f, method='erosion', 3×3 footprint); result = rec − f ≥ h − resolution/2,
        // resolution = 2 · 1e-6 · |f|. Reconstruction by iterated geodesic erosion until stable.
        var rec = f.map { $0 + h }
        var changed = true
        while changed {
            changed = false
            for r in 0..<rows {
                for c in 0..<cols {
                    var low = rec[r * cols + c]
                    for rr in max(r - 1, 0)...min(r + 1, rows - 1) {
                        for cc in max(c - 1, 0)...min(c + 1, cols - 1) { low = min(low, rec[rr * cols + cc]) }
                    }
                    let value = max(low, f[r * cols + c])
                    if value != rec[r * cols + c] { rec[r * cols + c] = value; changed = true }
                }
            }
        }
        let expected = (0..<f.count).map { i in rec[i] - f[i] >= h - 1e-6 * abs(f[i]) }
        let ours = try RegionalMinima.hMinima(image, h: h).values
        #expect(ours == expected)
        #expect(ours.contains(true))
    }
}
