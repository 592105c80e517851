/// Markers for the watershed: regional minima and h-minima of an image.
public enum RegionalMinima {
    /// `skimage.morphology.local_minima(image, connectivity=1)`: pixels of plateaus (4-connected sets of equal value)
    /// whose every 4-neighbour outside the plateau is strictly higher. Image borders do not disqualify.
    public static func localMinima(_ image: Image) -> Grid<Bool> {
        let rows = image.rows, cols = image.cols
        let plateaus = ConnectedComponents.label(image, connectivity: .four, isBackground: { _ in false })
        var isMinimum = [Bool](repeating: true, count: Int(ConnectedComponents.count(plateaus)) + 1)
        let f = image.values, p = plateaus.values
        for r in 0..<rows {
            for c in 0..<cols {
                let i = r * cols + c
                // A lower neighbour disqualifies the plateau (equal neighbours belong to it).
                if (r > 0 && f[i - cols] < f[i]) || (c > 0 && f[i - 1] < f[i])
                    || (c + 1 < cols && f[i + 1] < f[i]) || (r + 1 < rows && f[i + cols] < f[i]) {
                    isMinimum[Int(p[i])] = false
                }
            }
        }
        return plateaus.map { isMinimum[Int($0)] }
    }

    /// The h-minima: pixels `p` that are the lowest point of the connected set `{f < f(p) + h}` containing them
    /// (8-connectivity), i.e. the minima whose basin must rise by at least `h` before it meets a lower one. This is
    /// `skimage.morphology.h_minima(image, h)` (reconstruction by erosion of `f + h`), computed offline in one
    /// union-find sweep over the pixels in increasing order. `h` must be positive; if `h` exceeds the image's range
    /// the result is empty (as scikit-image).
    public static func hMinima(_ image: Image, h: Float) throws(ImagingError) -> Grid<Bool> {
        guard h > 0, h.isFinite else { throw .invalidArgument("h-minima depth h must be positive and finite, got \(h)") }
        if let bad = image.values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument("h-minima of an image with a non-finite value at (row \(bad / image.cols), col \(bad % image.cols))")
        }
        let rows = image.rows, cols = image.cols, n = rows * cols
        var result = [Bool](repeating: false, count: n)
        guard let low = image.values.min(), let high = image.values.max(), h <= high - low else {
            return Grid(uncheckedRows: rows, cols: cols, values: result)
        }
        let order = sortedIndices(image.values)
        var parent = [Int32](repeating: -1, count: n) // -1: not yet added
        var minimum = [Float](repeating: 0, count: n) // per root: the component's lowest value
        image.values.withUnsafeBufferPointer { f in
            parent.withUnsafeMutableBufferPointer { parent in
                minimum.withUnsafeMutableBufferPointer { minimum in
                    func find(_ x: Int32) -> Int32 {
                        var x = x
                        while parent[Int(x)] != x {
                            parent[Int(x)] = parent[Int(parent[Int(x)])]
                            x = parent[Int(x)]
                        }
                        return x
                    }
                    var added = 0
                    for query in order {
                        let value = f[Int(query)]
                        // If h vanishes against the value's precision, the pixel itself must still be included.
                        let level = max(value + h, value.nextUp)
                        while added < n, f[Int(order[added])] < level {
                            let p = Int(order[added])
                            parent[p] = Int32(p)
                            minimum[p] = f[p]
                            let r = p / cols, c = p - r * cols
                            for dr in -1...1 {
                                for dc in -1...1 where dr != 0 || dc != 0 {
                                    let rr = r + dr, cc = c + dc
                                    guard rr >= 0, rr < rows, cc >= 0, cc < cols else { continue }
                                    let q = rr * cols + cc
                                    guard parent[q] >= 0 else { continue }
                                    let a = find(Int32(p)), b = find(Int32(q))
                                    if a != b {
                                        parent[Int(b)] = a
                                        minimum[Int(a)] = min(minimum[Int(a)], minimum[Int(b)])
                                    }
                                }
                            }
                            added += 1
                        }
                        result[Int(query)] = minimum[Int(find(query))] >= value
                    }
                }
            }
        }
        return Grid(uncheckedRows: rows, cols: cols, values: result)
    }

    /// Pixel indices sorted by value, then index, by a radix sort on order-preserving bit patterns.
    static func sortedIndices(_ values: [Float]) -> [Int32] {
        let n = values.count
        var keys = (0..<n).map { UInt64(PriorityQueue.orderedBits(values[$0])) << 32 | UInt64($0) }
        RadixSort.sort(&keys, significantBits: 64)
        return keys.map { Int32(truncatingIfNeeded: $0) }
    }
}
