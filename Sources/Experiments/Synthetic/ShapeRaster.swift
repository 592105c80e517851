import Imaging

/// Pixel-centre rasterisation of simple shapes, shared by the synthetic generators: calls `body(row, col)` for every
/// pixel whose centre lies inside the shape and inside an image of `rows × cols` (DESIGN §2: pixel centres are at
/// integer coordinates).
enum ShapeRaster {
    /// The closed disk of `radius` around `(centerRow, centerCol)`.
    static func disk(centerRow: Double, centerCol: Double, radius: Double, rows: Int, cols: Int,
                     _ body: (Int, Int) -> Void) {
        let r0 = max(0, Int((centerRow - radius).rounded(.up))), r1 = min(rows - 1, Int((centerRow + radius).rounded(.down)))
        guard r0 <= r1 else { return }
        for r in r0...r1 {
            let dr = Double(r) - centerRow
            let half = (radius * radius - dr * dr).squareRoot()
            let c0 = max(0, Int((centerCol - half).rounded(.up))), c1 = min(cols - 1, Int((centerCol + half).rounded(.down)))
            if c0 <= c1 { for c in c0...c1 { body(r, c) } }
        }
    }

    /// A simple polygon given as `(row, col)` vertices, by the even-odd rule on each pixel row.
    static func polygon(_ vertices: [(row: Double, col: Double)], rows: Int, cols: Int, _ body: (Int, Int) -> Void) {
        guard vertices.count >= 3 else { return }
        let minRow = vertices.map(\.row).min() ?? 0, maxRow = vertices.map(\.row).max() ?? 0
        let r0 = max(0, Int(minRow.rounded(.up))), r1 = min(rows - 1, Int(maxRow.rounded(.down)))
        guard r0 <= r1 else { return }
        var crossings: [Double] = []
        for r in r0...r1 {
            let y = Double(r)
            crossings.removeAll(keepingCapacity: true)
            for i in vertices.indices {
                let a = vertices[i], b = vertices[(i + 1) % vertices.count]
                if (a.row <= y) != (b.row <= y) {
                    crossings.append(a.col + (y - a.row) / (b.row - a.row) * (b.col - a.col))
                }
            }
            crossings.sort()
            var k = 0
            while k + 1 < crossings.count {
                let c0 = max(0, Int(crossings[k].rounded(.up))), c1 = min(cols - 1, Int(crossings[k + 1].rounded(.down)))
                if c0 <= c1 { for c in c0...c1 { body(r, c) } }
                k += 2
            }
        }
    }
}
