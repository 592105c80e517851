/// Convex hulls of integer point sets (Andrew's monotone chain, exact integer arithmetic).
public enum ConvexHull {
    /// The hull's vertices in counter-clockwise order (with rows as x and columns as y), collinear points removed.
    ///
    /// One distinct point gives one vertex, collinear points give the two end points. O(n log n).
    public static func vertices(of points: [PixelPoint]) -> [PixelPoint] {
        var sorted = points.sorted()
        removeAdjacentDuplicates(&sorted)
        guard sorted.count > 2 else { return sorted }
        var hull: [PixelPoint] = []
        hull.reserveCapacity(sorted.count + 1)
        for p in sorted { push(p, onto: &hull, keepingAbove: 0) }
        let lowerCount = hull.count
        for p in sorted.reversed().dropFirst() { push(p, onto: &hull, keepingAbove: lowerCount - 1) }
        hull.removeLast() // the first point again
        return hull
    }

    /// `(a - o) × (b - o)`: positive when `o → a → b` turns counter-clockwise (rows as x, columns as y).
    @inline(__always)
    public static func cross(_ o: PixelPoint, _ a: PixelPoint, _ b: PixelPoint) -> Int {
        (a.row - o.row) * (b.col - o.col) - (a.col - o.col) * (b.row - o.row)
    }

    @inline(__always)
    private static func push(_ p: PixelPoint, onto hull: inout [PixelPoint], keepingAbove floor: Int) {
        while hull.count >= floor + 2, cross(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 {
            hull.removeLast()
        }
        hull.append(p)
    }

    private static func removeAdjacentDuplicates(_ points: inout [PixelPoint]) {
        guard points.count > 1 else { return }
        var write = 1
        for read in 1..<points.count where points[read] != points[write - 1] {
            points[write] = points[read]
            write += 1
        }
        points.removeLast(points.count - write)
    }
}
