import Descriptors
import Foundation
import Imaging
import Testing

@Suite("convex hull and rotated rectangles")
struct GeometryTests {
    @Test func hullDropsCollinearAndDuplicatePoints() {
        let square = [(0, 0), (0, 2), (2, 2), (2, 0), (1, 1), (0, 1), (0, 1), (2, 1)]
            .map { PixelPoint(row: $0.0, col: $0.1) }
        let hull = ConvexHull.vertices(of: square)
        #expect(Set(hull) == Set([(0, 0), (0, 2), (2, 2), (2, 0)].map { PixelPoint(row: $0.0, col: $0.1) }))
        #expect(hull.count == 4)
        // Counter-clockwise in (row, col): every turn is positive.
        for i in hull.indices {
            #expect(ConvexHull.cross(hull[i], hull[(i + 1) % 4], hull[(i + 2) % 4]) > 0)
        }
        let line = (0..<6).map { PixelPoint(row: 2 * $0, col: 3 * $0) }
        #expect(ConvexHull.vertices(of: line) == [PixelPoint(row: 0, col: 0), PixelPoint(row: 10, col: 15)])
        #expect(ConvexHull.vertices(of: [PixelPoint(row: 4, col: 4), PixelPoint(row: 4, col: 4)]).count == 1)
        #expect(ConvexHull.vertices(of: []).isEmpty)
    }

    @Test func rectangleOfARotatedSquareAndAThinBar() throws {
        // A diamond |r| + |c| ≤ 3 around (5, 5): a square of side 3√2 rotated by 45°.
        var pixels: [(Int, Int, UInt32)] = []
        for r in 2...8 { for c in 2...8 where abs(r - 5) + abs(c - 5) <= 3 { pixels.append((r, c, 1)) } }
        let diamond = try ObjectTable(labels: labelImage(11, 11, pixels))[0].minimumAreaRectangle
        #expect(close(diamond.width, 3 * 2.0.squareRoot()) && close(diamond.height, 3 * 2.0.squareRoot()))
        #expect(close(diamond.area, 18) && close(diamond.centerRow, 5) && close(diamond.centerCol, 5))
        #expect(close(diamond.angle, Double.pi / 4), "squares report the angle modulo π/2")
        // A 3×7 bar: axis-aligned, long side along the columns.
        let bar = try ObjectTable(labels: labelImage(9, 12, rectangle(2, 3, 3, 7, 1)))[0].minimumAreaRectangle
        #expect(bar.width == 6 && bar.height == 2 && bar.angle == 0 && bar.centerRow == 3 && bar.centerCol == 6)
        #expect(bar.hullVertexCount == 4)
        #expect(RotatedRectangle(hull: []) == nil)
    }
}

@Suite("outlines")
struct OutlineTests {
    @Test func innerOutlineIgnoresTheImageBorder() throws {
        // A 3×3 square inside, and a 2×3 block cut by the top border.
        let labels = labelImage(6, 9, rectangle(2, 1, 3, 3, 1) + rectangle(0, 5, 2, 3, 2))
        let edges = Outline.edgeImage(labels: labels)
        let square = (2..<5).flatMap { r in (1..<4).map { c in edges[r, c] } }
        #expect(square == [1, 1, 1, 1, 0, 1, 1, 1, 1])
        // Row 0 of the cut block touches only the border and its own pixels: no outline there except the ends.
        #expect([edges[0, 5], edges[0, 6], edges[0, 7]] == [1, 0, 1])
        #expect([edges[1, 5], edges[1, 6], edges[1, 7]] == [1, 1, 1])
        #expect(edges.values.reduce(0) { $0 + Int($1) } == 8 + 5)
        let table = try ObjectTable(labels: labels)
        #expect(table.outline(1).count == 5 && table.outline(0).count == 8)
        // 4-neighbourhood: a diagonal-only contact is not an outline.
        let touching = labelImage(3, 3, [(0, 0, 1), (1, 1, 2)] + [(0, 1, 2), (0, 2, 2), (1, 0, 2), (1, 2, 2)]
            + [(2, 0, 2), (2, 1, 2), (2, 2, 2)])
        let four = Outline.edgeImage(labels: touching, neighbourhood: .four)
        let eight = Outline.edgeImage(labels: touching, neighbourhood: .eight)
        #expect(four[1, 1] == 0 && eight[1, 1] == 1 && four[0, 1] == 1 && eight[2, 2] == 0)
    }
}
