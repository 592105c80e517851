import Imaging

/// One object's pixels as a 0/1 mask over its bounding box, padded by a ring of zeros
/// (so neighbours outside the box — and outside the image — read as "not the object").
struct ObjectMask {
    /// The unpadded box in image coordinates.
    let box: BoundingBox
    /// Padded size: `(box.height + 2) × (box.width + 2)`.
    let rows: Int
    let cols: Int
    /// `values[(r + 1) * cols + (c + 1)]` is 1 where pixel `(box.minRow + r, box.minCol + c)` has the object's label.
    let values: [UInt8]

    init(labels: LabelImage, label: UInt32, box: BoundingBox) {
        self.box = box
        rows = box.height + 2
        cols = box.width + 2
        var mask = [UInt8](repeating: 0, count: rows * cols)
        let paddedCols = cols
        labels.values.withUnsafeBufferPointer { source in
            mask.withUnsafeMutableBufferPointer { out in
                for r in 0..<box.height {
                    let sourceRow = (box.minRow + r) * labels.cols + box.minCol
                    let outRow = (r + 1) * paddedCols + 1
                    for c in 0..<box.width where source[sourceRow + c] == label {
                        out[outRow + c] = 1
                    }
                }
            }
        }
        values = mask
    }

    /// For every box row, the first and last object column (box-relative), or nil for a row without pixels
    /// (possible for objects made of several pieces).
    func rowExtremes() -> [(first: Int, last: Int)?] {
        values.withUnsafeBufferPointer { m in
            (0..<box.height).map { r in
                let base = (r + 1) * cols + 1
                guard let first = (0..<box.width).first(where: { m[base + $0] != 0 }) else { return nil }
                let last = (0..<box.width).reversed().first(where: { m[base + $0] != 0 }) ?? first
                return (first, last)
            }
        }
    }
}
