import Descriptors
import Foundation
import Imaging
import TestSupport
import Testing

@Suite("CSV with scikit-image column names")
struct ObjectTableCSVTests {
    /// Our column name → the fixture's column name for the same quantity.
    static let fixtureNames: [String: String] = [
        "bbox-0": "bbox_min_row", "bbox-1": "bbox_min_col", "bbox-2": "bbox_max_row", "bbox-3": "bbox_max_col",
        "centroid-0": "centroid_row", "centroid-1": "centroid_col",
        "inertia_tensor-0-0": "inertia_tensor_00", "inertia_tensor-0-1": "inertia_tensor_01",
        "inertia_tensor-1-0": "inertia_tensor_01", "inertia_tensor-1-1": "inertia_tensor_11",
        "inertia_tensor_eigvals-0": "inertia_tensor_eigval_0", "inertia_tensor_eigvals-1": "inertia_tensor_eigval_1",
    ]

    static func parse(_ text: String) -> (header: [String], rows: [[String: String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.first ?? []
        return (header, lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }

    @Test func columnsCarryTheFixtureValues() throws {
        let table = try regionpropsCase("holes")
        let (header, rows) = Self.parse(table.csv())
        #expect(header.prefix(8) == ["label", "area", "bbox-0", "bbox-1", "bbox-2", "bbox-3", "centroid-0", "centroid-1"])
        #expect(header.contains("intensity_std") && header.last == "circularity" && header.count == 30)
        let expected = try Fixtures.csv(Fixtures.fixture("regionprops/holes_props.csv"))
        #expect(rows.count == expected.count)
        for (ours, reference) in zip(rows, expected) {
            for name in header {
                let fixtureName = Self.fixtureNames[name] ?? name
                guard let want = reference[fixtureName].flatMap(Double.init) else { continue }
                let got = Double(ours[name] ?? "") ?? .nan
                let tolerance = name == "eccentricity" ? 1e-6 : 1e-9 * max(1, abs(want))
                if name == "orientation" { continue } // compared modulo π in the fixture tests
                #expect(abs(got - want) <= tolerance, "label \(ours["label"] ?? "?") \(name): \(got) vs \(want)")
            }
        }
    }

    @Test func legacyNamesAndNoIntensityColumnsWithoutAnImage() throws {
        let labels = try ImageFile.readLabels(Fixtures.fixture("regionprops/tiny_labels.tif"))
        let (header, rows) = Self.parse(try ObjectTable(labels: labels).csv(legacyNames: true))
        #expect(header.contains("minor_axis_length") && header.contains("convex_area") && !header.contains("area_convex"))
        #expect(!header.contains { $0.contains("intensity") })
        #expect(rows.count == (try Fixtures.csv(Fixtures.fixture("regionprops/tiny_props.csv"))).count)
    }
}
