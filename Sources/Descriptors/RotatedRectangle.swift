import Foundation

/// The minimum-area rectangle enclosing a set of pixel centres (used by the embryo rules, paper 4.3).
///
/// Side lengths are measured between extreme pixel centres, so a 1×5 line has width 4 and height 0.
public struct RotatedRectangle: Sendable, Hashable {
    public var centerRow: Double
    public var centerCol: Double
    /// The long side (`width ≥ height`).
    public var width: Double
    public var height: Double
    /// Direction of the long side, `atan2(Δrow, Δcol)` in `[0, π)`; for squares (long side undefined) in `[0, π/2)`.
    public var angle: Double
    /// Vertices of the pixel-centre convex hull the rectangle was fitted to.
    public var hullVertexCount: Int

    public var area: Double { width * height }

    /// The all-zero rectangle at `point` (one pixel).
    init(point: PixelPoint) {
        centerRow = Double(point.row)
        centerCol = Double(point.col)
        width = 0
        height = 0
        angle = 0
        hullVertexCount = 1
    }

    /// Tries every hull edge direction (a minimum-area enclosing rectangle has a side collinear with a hull edge)
    /// and compares the areas as exact rationals. Among equal areas the smallest angle wins. O(h²) in hull vertices.
    /// Returns nil for an empty hull.
    public init?(hull: [PixelPoint]) {
        guard let first = hull.first else { return nil }
        guard hull.count > 1 else {
            self.init(point: first)
            return
        }
        struct Candidate {
            var origin: PixelPoint
            var dRow: Int, dCol: Int
            var minAlong: Int, maxAlong: Int, minAcross: Int, maxAcross: Int
            var lengthSquared: Int { dRow * dRow + dCol * dCol }
            var scaledArea: Int { (maxAlong - minAlong) * (maxAcross - minAcross) } // area · |d|²
        }
        var best: (candidate: Candidate, shape: RotatedRectangle)?
        let edgeCount = hull.count == 2 ? 1 : hull.count
        for i in 0..<edgeCount {
            let a = hull[i], b = hull[(i + 1) % hull.count]
            var c = Candidate(origin: a, dRow: b.row - a.row, dCol: b.col - a.col,
                              minAlong: 0, maxAlong: 0, minAcross: 0, maxAcross: 0)
            for v in hull {
                let pr = v.row - a.row, pc = v.col - a.col
                let along = pr * c.dRow + pc * c.dCol
                let across = c.dRow * pc - c.dCol * pr
                c.minAlong = min(c.minAlong, along); c.maxAlong = max(c.maxAlong, along)
                c.minAcross = min(c.minAcross, across); c.maxAcross = max(c.maxAcross, across)
            }
            let shape = Self.rectangle(c.origin, c.dRow, c.dCol, c.minAlong, c.maxAlong, c.minAcross, c.maxAcross,
                                       hullVertexCount: hull.count)
            if let current = best {
                let order = compareRatios(c.scaledArea, c.lengthSquared,
                                          current.candidate.scaledArea, current.candidate.lengthSquared)
                if order < 0 || (order == 0 && shape.angle < current.shape.angle) { best = (c, shape) }
            } else {
                best = (c, shape)
            }
        }
        guard let best else { return nil }
        self = best.shape
    }

    /// The rectangle spanned along `d` and its normal `n = (−dCol, dRow)` from `origin`.
    private static func rectangle(_ origin: PixelPoint, _ dRow: Int, _ dCol: Int, _ minAlong: Int, _ maxAlong: Int,
                                  _ minAcross: Int, _ maxAcross: Int, hullVertexCount: Int) -> RotatedRectangle {
        let lengthSquared = Double(dRow * dRow + dCol * dCol)
        let length = lengthSquared.squareRoot()
        let along = Double(maxAlong - minAlong), across = Double(maxAcross - minAcross)
        let midAlong = Double(minAlong + maxAlong) / 2, midAcross = Double(minAcross + maxAcross) / 2
        var result = RotatedRectangle(point: origin)
        result.centerRow = Double(origin.row) + (midAlong * Double(dRow) - midAcross * Double(dCol)) / lengthSquared
        result.centerCol = Double(origin.col) + (midAlong * Double(dCol) + midAcross * Double(dRow)) / lengthSquared
        result.hullVertexCount = hullVertexCount
        let alongIsLong = maxAlong - minAlong >= maxAcross - minAcross
        result.width = (alongIsLong ? along : across) / length
        result.height = (alongIsLong ? across : along) / length
        var angle = alongIsLong ? atan2(Double(dRow), Double(dCol))
                                : atan2(Double(-dCol), Double(dRow))
        if angle < 0 { angle += .pi }
        if angle >= .pi { angle -= .pi }
        if maxAlong - minAlong == maxAcross - minAcross, angle >= .pi / 2 { angle -= .pi / 2 }
        result.angle = angle
        return result
    }
}

/// Sign of `a/b − c/d` for non-negative `a, c` and positive `b, d`, exactly (128-bit products).
func compareRatios(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Int {
    let left = a.multipliedFullWidth(by: d), right = c.multipliedFullWidth(by: b)
    if left.high != right.high { return left.high < right.high ? -1 : 1 }
    if left.low != right.low { return left.low < right.low ? -1 : 1 }
    return 0
}
