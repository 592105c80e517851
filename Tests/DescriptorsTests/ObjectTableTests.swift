import Descriptors
import Foundation
import Imaging
import TestSupport
import Testing

/// A label image of `rows × cols` zeros with the given pixels set.
func labelImage(_ rows: Int, _ cols: Int, _ pixels: [(Int, Int, UInt32)]) -> LabelImage {
    var grid = LabelImage(rows: rows, cols: cols, repeating: 0)
    for (r, c, label) in pixels { grid[r, c] = label }
    return grid
}

/// Every pixel of the rectangle `rows × cols` at `(top, left)` with `label`.
func rectangle(_ top: Int, _ left: Int, _ rows: Int, _ cols: Int, _ label: UInt32) -> [(Int, Int, UInt32)] {
    (top..<(top + rows)).flatMap { r in (left..<(left + cols)).map { (r, $0, label) } }
}

/// Every number a rule could read, for a NaN/∞ check.
func allNumbers(_ o: ObjectDescriptors) -> [Double] {
    let rect = o.minimumAreaRectangle
    return [Double(o.area), o.centroidRow, o.centroidCol, o.orientation, o.eccentricity, o.axisMajorLength,
            o.axisMinorLength, o.perimeter, o.perimeterCrofton, o.extent, o.solidity, Double(o.areaConvex),
            o.equivalentDiameter, Double(o.eulerNumber), o.circularity, o.inertiaTensor.t00, o.inertiaTensor.t01,
            o.inertiaTensor.t11, rect.centerRow, rect.centerCol, rect.width, rect.height, rect.angle]
}

/// Degenerate objects: values cross-checked with scikit-image 0.26 `regionprops_table` once, by hand.
@Suite("degenerate objects")
struct DegenerateObjectTests {
    @Test func singlePixel() throws {
        let table = try ObjectTable(labels: labelImage(5, 7, [(2, 3, 1)]))
        #expect(table.count == 1)
        let o = table[0]
        #expect(o.area == 1 && o.perimeter == 0 && o.eulerNumber == 1 && o.areaConvex == 1 && o.solidity == 1)
        #expect(close(o.perimeterCrofton, 2.681517061334488))
        #expect(o.eccentricity == 0 && o.axisMajorLength == 0 && o.axisMinorLength == 0 && o.extent == 1)
        #expect(o.orientation == -Double.pi / 4)
        #expect(o.circularity == 0, "perimeter 0 → circularity defined as 0")
        let rect = o.minimumAreaRectangle
        #expect(rect.width == 0 && rect.height == 0 && rect.angle == 0 && rect.centerRow == 2 && rect.centerCol == 3)
        #expect(rect.hullVertexCount == 1)
        #expect(allNumbers(o).allSatisfy { $0.isFinite })
    }

    @Test func straightLines() throws {
        let horizontal = try ObjectTable(labels: labelImage(5, 9, rectangle(2, 2, 1, 5, 1)))[0]
        #expect(horizontal.orientation == Double.pi / 2)
        #expect(horizontal.eccentricity == 1 && horizontal.axisMinorLength == 0)
        #expect(close(horizontal.axisMajorLength, 5.656854249492381))
        #expect(horizontal.perimeter == 3 && horizontal.areaConvex == 5 && horizontal.solidity == 1)
        #expect(close(horizontal.perimeterCrofton, 10.265992653082648))
        #expect(close(horizontal.circularity, 4 * Double.pi * 5 / 9))
        let rect = horizontal.minimumAreaRectangle
        #expect(rect.width == 4 && rect.height == 0 && rect.angle == 0 && rect.centerRow == 2 && rect.centerCol == 4)
        #expect(allNumbers(horizontal).allSatisfy { $0.isFinite })

        let vertical = try ObjectTable(labels: labelImage(9, 5, rectangle(2, 2, 5, 1, 1)))[0]
        #expect(vertical.orientation == 0 && vertical.eccentricity == 1 && vertical.perimeter == 3)
        #expect(close(vertical.minimumAreaRectangle.angle, Double.pi / 2) && vertical.minimumAreaRectangle.width == 4)

        // A diagonal line: hull of two points, long side at 45°.
        let diagonal = try ObjectTable(labels: labelImage(6, 6, (0..<5).map { ($0, $0, 1) }))[0]
        #expect(diagonal.minimumAreaRectangle.height == 0)
        #expect(close(diagonal.minimumAreaRectangle.width, 4 * 2.0.squareRoot()))
        #expect(close(diagonal.minimumAreaRectangle.angle, Double.pi / 4))
        #expect(allNumbers(diagonal).allSatisfy { $0.isFinite })
    }

    @Test func objectWithAHole() throws {
        var pixels = rectangle(1, 1, 5, 5, 1)
        pixels.removeAll { $0.0 == 3 && $0.1 == 3 }
        let o = try ObjectTable(labels: labelImage(7, 7, pixels))[0]
        #expect(o.area == 24 && o.eulerNumber == 0 && o.areaConvex == 25 && o.perimeter == 16)
        #expect(close(o.solidity, 0.96) && close(o.extent, 0.96))
        #expect(close(o.perimeterCrofton, 20.531985306165296))
        #expect(o.eccentricity == 0 && o.orientation == -Double.pi / 4)
        #expect(allNumbers(o).allSatisfy { $0.isFinite })
    }

    @Test func objectCoveringTheWholeImage() throws {
        let table = try ObjectTable(labels: LabelImage(rows: 4, cols: 6, repeating: 1))
        let o = table[0]
        #expect(o.area == 24 && o.extent == 1 && o.perimeter == 16 && o.eulerNumber == 1 && o.solidity == 1)
        #expect(close(o.perimeterCrofton, 17.850468244830807))
        #expect(close(o.eccentricity, 0.7559289460184544, absolute: 1e-6))
        #expect(o.orientation == Double.pi / 2)
        #expect(table.outline(0).isEmpty, "the image border is not an outline")
        let fit = try table.circleFits(radii: [2, 3])[0]
        #expect(fit.score == 0 && fit.votes == 0 && fit.radius == 2)
        #expect(allNumbers(o).allSatisfy { $0.isFinite })
    }

    @Test func emptyAndAllBackgroundImages() throws {
        #expect(try ObjectTable(labels: LabelImage(rows: 0, cols: 0, repeating: 0)).isEmpty)
        #expect(try ObjectTable(labels: LabelImage(rows: 3, cols: 3, repeating: 0)).isEmpty)
        // With no background label, 0 is an object like any other.
        let all = try ObjectTable(labels: LabelImage(rows: 3, cols: 3, repeating: 0), background: nil)
        #expect(all.count == 1 && all[0].label == 0 && all[0].area == 9)
    }
}

@Suite("object table")
struct ObjectTableTests {
    @Test func nonConsecutiveLabelsAndDisjointPieces() throws {
        let pixels = [(1, 1, UInt32(5)), (6, 6, 5)] + rectangle(3, 2, 2, 4, 1_000_000)
        let table = try ObjectTable(labels: labelImage(8, 8, pixels))
        #expect(table.map(\.label) == [5, 1_000_000])
        #expect(table.index(ofLabel: 1_000_000) == 1 && table.index(ofLabel: 7) == nil)
        let pieces = table[0]
        #expect(pieces.area == 2 && pieces.eulerNumber == 2 && pieces.areaConvex == 6 && pieces.perimeter == 0)
        #expect(close(pieces.solidity, 1.0 / 3) && close(pieces.perimeterCrofton, 5.363034122668976))
        #expect(pieces.orientation == Double.pi / 4 && pieces.eccentricity == 1)
        #expect(close(pieces.axisMajorLength, 14.142135623730951))
        let bar = table[1]
        #expect(bar.area == 8 && bar.perimeter == 8 && bar.orientation == Double.pi / 2)
        #expect(close(bar.eccentricity, 0.8944271909999159, absolute: 1e-6) && bar.axisMinorLength == 2)
    }

    @Test func hugeSparseLabelsGiveTheSameDescriptorsAsSmallOnes() throws {
        let small = labelImage(10, 12, rectangle(1, 1, 3, 4, 1) + rectangle(5, 6, 4, 3, 2) + [(9, 0, 3)])
        let huge = small.map { $0 == 0 ? 0 : UInt32.max - 10 + $0 } // beyond any dense lookup table
        let a = try ObjectTable(labels: small), b = try ObjectTable(labels: huge)
        #expect(b.map(\.label) == [UInt32.max - 9, UInt32.max - 8, UInt32.max - 7])
        for i in 0..<3 {
            #expect(a[i].area == b[i].area && a[i].boundingBox == b[i].boundingBox)
            #expect(a[i].perimeter == b[i].perimeter && a[i].areaConvex == b[i].areaConvex)
            #expect(a[i].centroidRow == b[i].centroidRow && a[i].eccentricity == b[i].eccentricity)
        }
    }

    @Test func customBackgroundLabel() throws {
        let grid = labelImage(4, 4, rectangle(0, 0, 2, 2, 7))
        let table = try ObjectTable(labels: grid, background: 7)
        #expect(table.map(\.label) == [0] && table[0].area == 12)
    }

    @Test func intensityStatistics() throws {
        let labels = labelImage(2, 3, [(0, 0, 1), (0, 1, 1), (1, 2, 1), (1, 0, 2)])
        let intensity = try Image(rows: 2, cols: 3, values: [2, 4, 100, 7, 100, 9])
        let table = try ObjectTable(labels: labels, intensity: intensity)
        let stats = try #require(table[0].intensity)
        #expect(stats.mean == 5 && stats.min == 2 && stats.max == 9)
        #expect(close(stats.standardDeviation, (26.0 / 3).squareRoot()))
        #expect(table[1].intensity == IntensityStatistics(mean: 7, min: 7, max: 7, standardDeviation: 0))
        #expect(try ObjectTable(labels: labels)[0].intensity == nil)
    }

    @Test func intensityOfAnotherShapeIsAnError() throws {
        let error = #expect(throws: DescriptorsError.self) {
            try ObjectTable(labels: LabelImage(rows: 4, cols: 5, repeating: 1),
                            intensity: Image(rows: 5, cols: 4, repeating: 0))
        }
        #expect(error?.description.contains("4×5") == true)
    }

    @Test func cachedDescriptorsAreConsistentUnderConcurrentAccess() async throws {
        let labels = try ImageFile.readLabels(Fixtures.fixture("regionprops/dsb_real_labels.tif"))
        let table = try ObjectTable(labels: labels)
        let fresh = try ObjectTable(labels: labels)
        let expected = fresh.map { ($0.solidity, $0.perimeter, $0.eulerNumber) }
        let results = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<8 { group.addTask { table.map { $0.solidity + 1000 * $0.perimeter + 1e6 * Double($0.eulerNumber) } } }
            return await group.reduce(into: [[Double]]()) { $0.append($1) }
        }
        let reference = expected.map { $0.0 + 1000 * $0.1 + 1e6 * Double($0.2) }
        #expect(results.count == 8 && results.allSatisfy { $0 == reference })
    }
}
