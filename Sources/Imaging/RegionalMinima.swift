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
        let order = sortedKeys(image.values)
        let sets = DisjointSets(count: n)
        var added = [Bool](repeating: false, count: n)
        var minimum = image.values // per root: the component's lowest value
        order.withUnsafeBufferPointer { order in
            added.withUnsafeMutableBufferPointer { added in
                minimum.withUnsafeMutableBufferPointer { minimum in
                    var next = 0
                    // Values and pixels come from the sorted keys: sequential reads instead of random ones.
                    for key in order {
                        let value = SortableFloat.value(UInt32(truncatingIfNeeded: key >> 32)), query = Int32(truncatingIfNeeded: key)
                        // If h vanishes against the value's precision, the pixel itself must still be included.
                        let level = max(value + h, value.nextUp)
                        while next < n, SortableFloat.value(UInt32(truncatingIfNeeded: order[next] >> 32)) < level {
                            let p = Int(UInt32(truncatingIfNeeded: order[next]))
                            added[p] = true
                            let r = p / cols, c = p - r * cols
                            for rr in max(r - 1, 0)...min(r + 1, rows - 1) {
                                for cc in max(c - 1, 0)...min(c + 1, cols - 1) where added[rr * cols + cc] {
                                    if let (root, absorbed) = sets.union(Int32(p), Int32(rr * cols + cc)) {
                                        minimum[Int(root)] = min(minimum[Int(root)], minimum[Int(absorbed)])
                                    }
                                }
                            }
                            next += 1
                        }
                        result[Int(query)] = minimum[Int(sets.find(query))] >= value
                    }
                }
            }
        }
        return Grid(uncheckedRows: rows, cols: cols, values: result)
    }

    /// `(value bits << 32 | pixel)` keys sorted by value, then pixel, by a radix sort on order-preserving bits.
    static func sortedKeys(_ values: [Float]) -> [UInt64] {
        let n = values.count
        var keys = (0..<n).map { UInt64(SortableFloat.bits(values[$0])) << 32 | UInt64($0) }
        RadixSort.sort(&keys, lowestBit: 32) // the low half (the index) is already ascending
        return keys
    }
}
