import Imaging

/// Which neighbours decide whether an object pixel lies on the object's outline.
public enum OutlineNeighbourhood: String, Sendable, CaseIterable {
    /// A pixel with a different 4-neighbour: a thin, 8-connected outline.
    case four
    /// A pixel with a different 8-neighbour (the 3×3 test of the authors' code): a 4-connected outline.
    case eight
}

/// Inner outlines of labelled objects: the object pixels next to a pixel of another label (background included).
/// The image border is not an outline: neighbours outside the image are ignored, so an object cut by the border
/// has no outline along it (and an object covering the whole image has none at all).
public enum Outline {
    /// 1 on every object's outline pixels, 0 elsewhere (background pixels are never outline pixels).
    public static func edgeImage(labels: LabelImage, background: UInt32? = 0,
                                 neighbourhood: OutlineNeighbourhood = .eight) -> Grid<UInt8> {
        var edges = Grid<UInt8>(rows: labels.rows, cols: labels.cols, repeating: 0)
        let rows = labels.rows, cols = labels.cols
        labels.values.withUnsafeBufferPointer { l in
            edges.values.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    for c in 0..<cols {
                        let v = l[r * cols + c]
                        if v != background, hasDifferentNeighbour(l, rows, cols, r, c, v, neighbourhood) {
                            out[r * cols + c] = 1
                        }
                    }
                }
            }
        }
        return edges
    }

    @inline(__always)
    static func hasDifferentNeighbour(_ l: UnsafeBufferPointer<UInt32>, _ rows: Int, _ cols: Int, _ r: Int, _ c: Int,
                                      _ v: UInt32, _ neighbourhood: OutlineNeighbourhood) -> Bool {
        for dr in -1...1 {
            let rr = r + dr
            guard rr >= 0, rr < rows else { continue }
            for dc in -1...1 where dr != 0 || dc != 0 {
                if neighbourhood == .four, dr != 0, dc != 0 { continue }
                let cc = c + dc
                if cc >= 0, cc < cols, l[rr * cols + cc] != v { return true }
            }
        }
        return false
    }
}

extension ObjectTable {
    /// The outline pixels of the object at `position` in row-major order (see `Outline`).
    public func outline(_ position: Int, neighbourhood: OutlineNeighbourhood = .eight) -> [PixelPoint] {
        let object = statistics[position]
        let box = object.boundingBox
        var points: [PixelPoint] = []
        labels.values.withUnsafeBufferPointer { l in
            for r in box.minRow..<box.maxRow {
                for c in box.minCol..<box.maxCol where l[r * labels.cols + c] == object.label {
                    if Outline.hasDifferentNeighbour(l, labels.rows, labels.cols, r, c, object.label, neighbourhood) {
                        points.append(PixelPoint(row: r, col: c))
                    }
                }
            }
        }
        return points
    }
}
