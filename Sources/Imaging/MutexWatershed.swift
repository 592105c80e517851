/// The mutex watershed (Wolf et al., 2020): a greedy clustering of pixels from attractive short-range and repulsive
/// long-range affinities, with no seeds and no size parameter.
///
/// Affinities come from a boundary map `b` in [0, 1] (high on boundaries): an attractive edge `(p, p + o)` has weight
/// `1 − (b[p] + b[p + o]) / 2`; a repulsive edge has weight `max b` over the pixels strictly between `p` and `p + o`
/// on the straight segment (a long-range pair is as repulsive as the strongest boundary between them; a pixel lying
/// on a boundary does not repel its own surroundings). All edges are visited once in
/// decreasing weight: an attractive edge merges its two clusters unless a mutex separates them; a repulsive edge
/// puts a mutex between its two clusters. Clusters are connected through attractive edges.
public struct MutexWatershed: Sendable, Equatable {
    /// A pixel offset `(rows, cols)`.
    public struct Offset: Sendable, Hashable, CustomStringConvertible {
        public let rows: Int
        public let cols: Int
        public init(_ rows: Int, _ cols: Int) {
            self.rows = rows
            self.cols = cols
        }
        public var description: String { "(\(rows), \(cols))" }
    }

    /// Short-range offsets whose edges attract.
    public var attractive: [Offset]
    /// Long-range offsets whose edges repel.
    public var repulsive: [Offset]

    /// Defaults: the 4-neighbourhood attracts; pairs 3, 9 and 27 px apart along rows, columns and diagonals repel.
    public init(attractive: [Offset] = [Offset(1, 0), Offset(0, 1)],
                repulsive: [Offset] = MutexWatershed.defaultRepulsive) throws(ImagingError) {
        for o in attractive + repulsive where o.rows == 0 && o.cols == 0 {
            throw .invalidArgument("mutex watershed offsets must be nonzero, got \(o)")
        }
        guard !attractive.isEmpty else { throw .invalidArgument("mutex watershed needs at least one attractive offset") }
        self.attractive = attractive
        self.repulsive = repulsive
    }

    public static let defaultRepulsive: [Offset] = [3, 9, 27].flatMap { d in
        [Offset(d, 0), Offset(0, d), Offset(d, d), Offset(d, -d)]
    }

    /// Segments the boundary map; labels are 0, 1, … in row-major order of each cluster's first pixel.
    public func segment(_ boundary: Image) throws(ImagingError) -> LabelImage {
        if let bad = boundary.values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument("boundary map has a non-finite value at (row \(bad / boundary.cols), col \(bad % boundary.cols))")
        }
        let rows = boundary.rows, cols = boundary.cols, n = rows * cols
        let offsets = attractive + repulsive
        let attractiveCount = attractive.count
        // One sortable key per edge: high 32 bits order by decreasing weight, low 32 bits name the edge.
        let edgeCount = n * offsets.count
        guard edgeCount < Int(UInt32.max) else {
            throw .invalidArgument("image \(boundary.shape) too large for \(offsets.count) mutex watershed offsets")
        }
        // Linear offsets of the pixels strictly between p and p + o (rounded straight line); they lie in the
        // bounding box of p and p + o, so inside the image whenever both ends are.
        let interiors: [[Int]] = offsets.map { o in
            let steps = max(abs(o.rows), abs(o.cols))
            return (1..<max(steps, 1)).map { s in
                let dr = (o.rows * s + (o.rows >= 0 ? steps / 2 : -(steps / 2))) / steps
                let dc = (o.cols * s + (o.cols >= 0 ? steps / 2 : -(steps / 2))) / steps
                return dr * cols + dc
            }
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(edgeCount)
        boundary.values.withUnsafeBufferPointer { b in
            for r in 0..<rows {
                for c in 0..<cols {
                    let p = r * cols + c
                    for (k, o) in offsets.enumerated() {
                        let rr = r + o.rows, cc = c + o.cols
                        guard rr >= 0, rr < rows, cc >= 0, cc < cols else { continue }
                        let q = rr * cols + cc
                        let weight: Float
                        if k < attractiveCount {
                            weight = 1 - (b[p] + b[q]) / 2
                        } else if interiors[k].isEmpty {
                            weight = max(b[p], b[q])
                        } else {
                            var strongest = -Float.infinity
                            for d in interiors[k] { strongest = max(strongest, b[p + d]) }
                            weight = strongest
                        }
                        keys.append(UInt64(~SortableFloat.bits(weight)) << 32 | UInt64(p * offsets.count + k))
                    }
                }
            }
        }
        RadixSort.sort(&keys, lowestBit: 32) // edges were appended in id order

        let sets = DisjointSets(count: n)
        var mutexes = [Set<Int32>](repeating: [], count: n)
        let linear = offsets.map { $0.rows * cols + $0.cols }
        for key in keys {
            let edge = Int(key & 0xFFFF_FFFF)
            let p = edge / offsets.count, k = edge % offsets.count
            let a = sets.find(Int32(p)), z = sets.find(Int32(p + linear[k]))
            if a == z { continue }
            if k >= attractiveCount {
                mutexes[Int(a)].insert(z)
                mutexes[Int(z)].insert(a)
                continue
            }
            let (small, large) = mutexes[Int(a)].count <= mutexes[Int(z)].count ? (a, z) : (z, a)
            if mutexes[Int(small)].contains(large) { continue }
            // The surviving root inherits both mutex sets; mutexes always name current roots.
            guard let (root, absorbed) = sets.union(a, z) else { continue }
            let moved = mutexes[Int(absorbed)]
            mutexes[Int(absorbed)] = []
            for m in moved {
                mutexes[Int(m)].remove(absorbed)
                mutexes[Int(m)].insert(root)
                mutexes[Int(root)].insert(m)
            }
        }
        let roots = LabelImage(uncheckedRows: rows, cols: cols, values: (0..<n).map { UInt32(sets.find(Int32($0))) })
        // Clusters are connected, so numbering the equal-root components numbers the clusters.
        return ConnectedComponents.label(roots, connectivity: .four, background: nil).map { $0 - 1 }
    }
}
