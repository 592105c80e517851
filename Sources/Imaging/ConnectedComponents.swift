/// Which neighbours touch: 4 (edge-sharing) or 8 (edge- or corner-sharing).
public enum Connectivity: Int, Sendable, CaseIterable {
    case four = 4
    case eight = 8
}

/// Connected components, numbered like `skimage.measure.label`: 1…N in row-major order of each component's first
/// pixel, background 0. Two-pass union-find over runs, linear in the pixels.
public enum ConnectedComponents {
    /// Components of the `true` pixels of a mask.
    public static func label(_ mask: Grid<Bool>, connectivity: Connectivity) -> LabelImage {
        label(mask, connectivity: connectivity, isBackground: { !$0 })
    }

    /// Components of equal-valued pixels; pixels equal to `background` get 0 (pass nil to label every pixel).
    public static func label(_ labels: LabelImage, connectivity: Connectivity, background: UInt32? = 0) -> LabelImage {
        if let background { return label(labels, connectivity: connectivity, isBackground: { $0 == background }) }
        return label(labels, connectivity: connectivity, isBackground: { _ in false })
    }

    /// The number of components (the largest label of `label(…)`).
    public static func count(_ labels: LabelImage) -> Int { Int(labels.values.max() ?? 0) }

    /// Run-based two-pass labelling: each row is cut into runs of equal, non-background values; a run joins the runs
    /// of the previous row that it touches (overlapping columns for 4-connectivity, also diagonal for 8) and that
    /// hold the same value. Runs are numbered in raster order and every union keeps the smaller run as root, so the
    /// final numbering in order of first run is the order of each component's first pixel.
    static func label<T: Equatable>(_ grid: Grid<T>, connectivity: Connectivity,
                                    isBackground: (T) -> Bool) -> LabelImage {
        let rows = grid.rows, cols = grid.cols
        var output = [UInt32](repeating: 0, count: rows * cols)
        guard rows > 0, cols > 0 else { return LabelImage(uncheckedRows: rows, cols: cols, values: output) }
        var runStart: [Int32] = [], runEnd: [Int32] = [] // [start, end) columns
        var rowFirstRun = [Int](repeating: 0, count: rows + 1)
        var parent: [Int32] = []
        let reach: Int32 = connectivity == .eight ? 1 : 0
        grid.values.withUnsafeBufferPointer { v in
            for r in 0..<rows {
                rowFirstRun[r] = runStart.count
                let line = r * cols
                var c = 0
                while c < cols {
                    let value = v[line + c]
                    if isBackground(value) { c += 1; continue }
                    var end = c + 1
                    while end < cols && v[line + end] == value { end += 1 }
                    runStart.append(Int32(c)); runEnd.append(Int32(end))
                    parent.append(Int32(parent.count))
                    c = end
                }
            }
            rowFirstRun[rows] = runStart.count
            parent.withUnsafeMutableBufferPointer { parent in
                @inline(__always) func find(_ x: Int32) -> Int32 {
                    var x = x
                    while parent[Int(x)] != x { parent[Int(x)] = parent[Int(parent[Int(x)])]; x = parent[Int(x)] }
                    return x
                }
                for r in 1..<max(rows, 1) {
                    var above = rowFirstRun[r - 1]
                    let aboveEnd = rowFirstRun[r]
                    for run in rowFirstRun[r]..<rowFirstRun[r + 1] {
                        let start = runStart[run], end = runEnd[run]
                        let value = v[r * cols + Int(start)]
                        // Skip runs above that end before this one can touch them.
                        while above < aboveEnd && runEnd[above] + reach <= start { above += 1 }
                        var k = above
                        while k < aboveEnd && runStart[k] < end + reach {
                            if v[(r - 1) * cols + Int(runStart[k])] == value {
                                let a = find(Int32(run)), b = find(Int32(k))
                                if a != b { if a < b { parent[Int(b)] = a } else { parent[Int(a)] = b } }
                            }
                            k += 1
                        }
                    }
                }
                // Final numbering and fill.
                var final = [UInt32](repeating: 0, count: parent.count)
                var next: UInt32 = 1
                output.withUnsafeMutableBufferPointer { out in
                    for r in 0..<rows {
                        for run in rowFirstRun[r]..<rowFirstRun[r + 1] {
                            let root = Int(find(Int32(run)))
                            if final[root] == 0 { final[root] = next; next += 1 }
                            let label = final[root]
                            for c in Int(runStart[run])..<Int(runEnd[run]) { out[r * cols + c] = label }
                        }
                    }
                }
            }
        }
        return LabelImage(uncheckedRows: rows, cols: cols, values: output)
    }
}
