/// Which neighbours touch: 4 (edge-sharing) or 8 (edge- or corner-sharing).
public enum Connectivity: Int, Sendable, CaseIterable {
    case four = 4
    case eight = 8
}

/// Connected components, numbered like `skimage.measure.label`: 1…N in row-major order of each component's first
/// pixel, background 0. Two-pass union-find, linear in the pixels.
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

    static func label<T: Equatable>(_ grid: Grid<T>, connectivity: Connectivity,
                                    isBackground: (T) -> Bool) -> LabelImage {
        let rows = grid.rows, cols = grid.cols
        var provisional = [UInt32](repeating: 0, count: rows * cols)
        var parent: [UInt32] = [0] // index 0 unused: provisional labels start at 1
        parent.reserveCapacity(rows * cols / 4 + 2)
        grid.values.withUnsafeBufferPointer { v in
            provisional.withUnsafeMutableBufferPointer { out in
                func find(_ x: UInt32) -> UInt32 {
                    var x = x
                    while parent[Int(x)] != x {
                        parent[Int(x)] = parent[Int(parent[Int(x)])]
                        x = parent[Int(x)]
                    }
                    return x
                }
                func join(_ a: UInt32, _ b: UInt32) -> UInt32 {
                    let ra = find(a), rb = find(b)
                    if ra == rb { return ra }
                    // Keep the smaller label as root so the root is the earliest provisional label.
                    if ra < rb { parent[Int(rb)] = ra; return ra }
                    parent[Int(ra)] = rb
                    return rb
                }
                for r in 0..<rows {
                    for c in 0..<cols {
                        let i = r * cols + c
                        let value = v[i]
                        if isBackground(value) { continue }
                        var current: UInt32 = 0
                        func consider(_ j: Int) {
                            guard v[j] == value, out[j] != 0 else { return }
                            current = current == 0 ? out[j] : join(current, out[j])
                        }
                        if c > 0 { consider(i - 1) }
                        if r > 0 {
                            consider(i - cols)
                            if connectivity == .eight {
                                if c > 0 { consider(i - cols - 1) }
                                if c + 1 < cols { consider(i - cols + 1) }
                            }
                        }
                        if current == 0 {
                            current = UInt32(parent.count)
                            parent.append(current)
                        }
                        out[i] = current
                    }
                }
                // Final numbering: roots in order of first encounter in raster order.
                var final = [UInt32](repeating: 0, count: parent.count)
                var next: UInt32 = 1
                for i in 0..<(rows * cols) where out[i] != 0 {
                    let root = find(out[i])
                    if final[Int(root)] == 0 { final[Int(root)] = next; next += 1 }
                    out[i] = final[Int(root)]
                }
            }
        }
        return LabelImage(uncheckedRows: rows, cols: cols, values: provisional)
    }
}
