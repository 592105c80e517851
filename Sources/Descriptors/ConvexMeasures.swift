/// scikit-image's `area_convex`: the number of pixels whose centre lies inside or on the convex hull of the
/// four edge midpoints `(r ± ½, c)`, `(r, c ± ½)` of every object pixel.
///
/// Exact: midpoints are handled in doubled integer coordinates, and each row's inside columns come from
/// the hull's half-plane inequalities by integer floor/ceil division.
public struct ConvexMeasures: Sendable, Hashable {
    /// The hull in doubled image coordinates (`2·row`, `2·col`), counter-clockwise.
    public var doubledHull: [PixelPoint]
    public var areaConvex: Int

    init(mask: ObjectMask) {
        // Only the first and last pixel of each row can contribute hull vertices.
        var points: [PixelPoint] = []
        for (r, extremes) in mask.rowExtremes().enumerated() {
            guard let (first, last) = extremes else { continue }
            for c in first == last ? [first] : [first, last] {
                let row = 2 * (mask.box.minRow + r), col = 2 * (mask.box.minCol + c)
                points.append(PixelPoint(row: row - 1, col: col))
                points.append(PixelPoint(row: row + 1, col: col))
                points.append(PixelPoint(row: row, col: col - 1))
                points.append(PixelPoint(row: row, col: col + 1))
            }
        }
        let hull = ConvexHull.vertices(of: points)
        doubledHull = hull
        var area = 0
        for row in mask.box.minRow..<mask.box.maxRow {
            var low = mask.box.minCol, high = mask.box.maxCol - 1
            let y = 2 * row
            for i in hull.indices {
                let a = hull[i], b = hull[(i + 1) % hull.count]
                // Inside (counter-clockwise hull): (b − a) × (p − a) ≥ 0 with p = (y, x = 2·col), i.e.
                // dr·(x − a.col) ≥ dc·(y − a.row).
                let dr = b.row - a.row, dc = b.col - a.col
                let rhs = dc * (y - a.row)
                if dr > 0 {
                    low = max(low, ceilDiv(a.col * dr + rhs, 2 * dr))
                } else if dr < 0 {
                    high = min(high, floorDiv(a.col * dr + rhs, 2 * dr))
                } else if rhs > 0 {
                    high = low - 1
                }
            }
            area += max(0, high - low + 1)
        }
        areaConvex = area
    }
}

/// ⌊a / b⌋ for any signs.
@inline(__always) func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// ⌈a / b⌉ for any signs.
@inline(__always) func ceilDiv(_ a: Int, _ b: Int) -> Int {
    -floorDiv(-a, b)
}
