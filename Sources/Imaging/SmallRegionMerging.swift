/// Folds regions smaller than a minimum size into the neighbour across their weakest boundary.
///
/// The boundary strength between two regions is the mean of `(b[p] + b[q]) / 2` over their 4-adjacent pixel pairs.
/// Regions are visited from the smallest; a region still below the minimum merges into the neighbour with the
/// lowest mean boundary (ties: the smaller label), repeatedly, until it is large enough or has no neighbour left.
public enum SmallRegionMerging {
    /// `labels` with every region below `minimumSize` pixels merged away; a merged region takes the label of the region
    /// that absorbed it. Every label value (0 included) is an ordinary region here.
    public static func merge(_ labels: LabelImage, boundary: Image, minimumSize: Int) throws(ImagingError) -> LabelImage {
        try labels.requireSameShape(as: boundary, "region labels vs boundary map")
        guard minimumSize >= 0 else { throw .invalidArgument("minimum region size must be non-negative, got \(minimumSize)") }
        let rows = labels.rows, cols = labels.cols
        let (dense, originals) = denseIndices(labels.values)
        let n = originals.count
        var size = [Int](repeating: 0, count: n)
        for d in dense { size[Int(d)] += 1 }
        guard minimumSize > 0, size.contains(where: { $0 < minimumSize }) else { return labels }

        // Adjacency with summed boundary values and pair counts.
        var neighbours = [[Int32: BoundaryTally]](repeating: [:], count: n)
        func tally(_ p: Int, _ q: Int) {
            let a = dense[p], b = dense[q]
            guard a != b else { return }
            let value = Double(boundary.values[p] + boundary.values[q]) / 2
            neighbours[Int(a)][b, default: BoundaryTally()].add(value)
            neighbours[Int(b)][a, default: BoundaryTally()].add(value)
        }
        for r in 0..<rows {
            for c in 0..<cols {
                let p = r * cols + c
                if c + 1 < cols { tally(p, p + 1) }
                if r + 1 < rows { tally(p, p + cols) }
            }
        }

        var parent = (0..<n).map { Int32($0) }
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x { parent[Int(x)] = parent[Int(parent[Int(x)])]; x = parent[Int(x)] }
            return x
        }
        let order = (0..<n).sorted { size[$0] != size[$1] ? size[$0] < size[$1] : originals[$0] < originals[$1] }
        for start in order {
            var region = find(Int32(start))
            while size[Int(region)] < minimumSize, let weakest = neighbours[Int(region)].min(by: { x, y in
                let mx = x.value.mean, my = y.value.mean
                return mx != my ? mx < my : originals[Int(x.key)] < originals[Int(y.key)]
            }) {
                let target = weakest.key
                // Merge `region` into `target`: move its boundary tallies over.
                let edges = neighbours[Int(region)]
                neighbours[Int(region)] = [:]
                neighbours[Int(target)][region] = nil
                for (other, t) in edges where other != target {
                    neighbours[Int(other)][region] = nil
                    neighbours[Int(other)][target, default: BoundaryTally()].merge(t)
                    neighbours[Int(target)][other, default: BoundaryTally()].merge(t)
                }
                parent[Int(region)] = target
                size[Int(target)] += size[Int(region)]
                region = target
            }
        }
        let result = dense.map { originals[Int(find($0))] }
        return LabelImage(uncheckedRows: rows, cols: cols, values: result)
    }

    /// Each pixel's index into the sorted distinct labels, and those labels.
    static func denseIndices(_ values: [UInt32]) -> (indices: [Int32], labels: [UInt32]) {
        let distinct = Set(values).sorted()
        var index: [UInt32: Int32] = [:]
        for (i, l) in distinct.enumerated() { index[l] = Int32(i) }
        return (values.map { index[$0, default: 0] }, distinct)
    }
}

/// Sum and count of boundary values between two regions.
struct BoundaryTally {
    var sum = 0.0
    var count = 0
    var mean: Double { sum / Double(count) }
    mutating func add(_ value: Double) { sum += value; count += 1 }
    mutating func merge(_ other: BoundaryTally) { sum += other.sum; count += other.count }
}
