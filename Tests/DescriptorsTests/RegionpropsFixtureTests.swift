import Descriptors
import Foundation
import Imaging
import TestSupport
import Testing

/// `a ≈ b` within `relative · |b|`, or `absolute` near zero (the fixtures README's float tolerance).
func close(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-9) -> Bool {
    abs(a - b) <= max(absolute, relative * abs(b))
}

/// Angles equal modulo `period`.
func closeModulo(_ a: Double, _ b: Double, period: Double, tolerance: Double = 1e-9) -> Bool {
    let d = (a - b).truncatingRemainder(dividingBy: period)
    return min(abs(d), period - abs(d)) <= tolerance
}

/// Loads a regionprops fixture case: labels, raw intensities (uint8 values as they are, like scikit-image).
func regionpropsCase(_ name: String) throws -> ObjectTable {
    let labels = try ImageFile.readLabels(Fixtures.fixture("regionprops/\(name)_labels.tif"))
    let intensity = try ImageFile.read(Fixtures.fixture("regionprops/\(name)_intensity.tif")).plane()
    return try ObjectTable(labels: labels, intensity: intensity)
}

@Suite("regionprops fixtures (scikit-image 0.26)")
struct RegionpropsFixtureTests {
    static let cases = ["ellipses", "touching", "holes", "border", "tiny", "dsb_real"]

    @Test(arguments: cases)
    func everyPropertyOfEveryObject(_ name: String) throws {
        let table = try regionpropsCase(name)
        let rows = try Fixtures.csv(Fixtures.fixture("regionprops/\(name)_props.csv"))
        #expect(table.count == rows.count)
        for (object, row) in zip(table, rows) {
            func value(_ key: String) -> Double { Double(row[key] ?? "") ?? .nan }
            func integer(_ key: String) -> Int { Int(row[key] ?? "") ?? Int.min }
            let where_ = "\(name) label \(object.label)"
            #expect(Int(object.label) == integer("label"), "\(where_)")
            #expect(object.area == integer("area"), "\(where_)")
            let box = object.boundingBox
            let expectedBox = [integer("bbox_min_row"), integer("bbox_min_col"), integer("bbox_max_row"),
                               integer("bbox_max_col")]
            #expect([box.minRow, box.minCol, box.maxRow, box.maxCol] == expectedBox, "\(where_)")
            #expect(object.eulerNumber == integer("euler_number"), "\(where_) euler")
            #expect(object.areaConvex == integer("area_convex"), "\(where_) area_convex")
            let floats: [(String, Double)] = [
                ("centroid_row", object.centroidRow), ("centroid_col", object.centroidCol),
                ("axis_major_length", object.axisMajorLength), ("axis_minor_length", object.axisMinorLength),
                ("perimeter", object.perimeter), ("perimeter_crofton", object.perimeterCrofton),
                ("extent", object.extent), ("solidity", object.solidity),
                ("equivalent_diameter_area", object.equivalentDiameter),
                ("intensity_mean", object.intensity?.mean ?? .nan), ("intensity_min", object.intensity?.min ?? .nan),
                ("intensity_max", object.intensity?.max ?? .nan),
                ("inertia_tensor_00", object.inertiaTensor.t00), ("inertia_tensor_01", object.inertiaTensor.t01),
                ("inertia_tensor_11", object.inertiaTensor.t11),
                ("inertia_tensor_eigval_0", object.inertiaTensor.eigenvalues.0),
                ("inertia_tensor_eigval_1", object.inertiaTensor.eigenvalues.1),
            ]
            for (key, ours) in floats {
                #expect(close(ours, value(key)), "\(where_) \(key): \(ours) vs \(value(key))")
            }
            #expect(abs(object.eccentricity - value("eccentricity")) <= 1e-6, "\(where_) eccentricity")
            let l0 = value("inertia_tensor_eigval_0"), l1 = value("inertia_tensor_eigval_1")
            if l0 - l1 > 1e-9 * l0 {
                #expect(closeModulo(object.orientation, value("orientation"), period: .pi),
                        "\(where_) orientation \(object.orientation) vs \(value("orientation"))")
            }
        }
    }

    @Test(arguments: cases)
    func minimumAreaRectangles(_ name: String) throws {
        let table = try regionpropsCase(name)
        let rows = try Fixtures.csv(Fixtures.fixture("regionprops/\(name)_minrect.csv"))
        #expect(table.count == rows.count)
        for (object, row) in zip(table, rows) {
            func value(_ key: String) -> Double { Double(row[key] ?? "") ?? .nan }
            let rect = object.minimumAreaRectangle
            let where_ = "\(name) label \(object.label)"
            #expect(Double(object.label) == value("label"))
            #expect(abs(rect.area - value("area")) <= 1e-9, "\(where_) area \(rect.area) vs \(value("area"))")
            #expect(Double(rect.hullVertexCount) == value("n_hull_vertices"), "\(where_) hull vertices")
            guard value("ambiguous") == 0 else { continue }
            for (key, ours) in [("center_row", rect.centerRow), ("center_col", rect.centerCol),
                                ("width", rect.width), ("height", rect.height)] {
                #expect(abs(ours - value(key)) <= 1e-9, "\(where_) \(key): \(ours) vs \(value(key))")
            }
            let period = rect.width == rect.height ? Double.pi / 2 : .pi
            #expect(closeModulo(rect.angle, value("angle"), period: period), "\(where_) angle \(rect.angle) vs \(value("angle"))")
        }
    }
}
