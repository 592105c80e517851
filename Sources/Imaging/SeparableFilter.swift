/// How a filter reads beyond the image edge.
public enum BorderMode: Sendable {
    /// Repeat the edge pixel: `x[-1] = x[-2] = x[0]` (scipy 'nearest').
    case nearest
    /// Mirror including the edge pixel: `x[-1] = x[0]`, `x[-2] = x[1]` (scipy 'reflect').
    case reflect

    /// The in-range index read for position `i` of a line of length `n`.
    @inline(__always) func index(_ i: Int, _ n: Int) -> Int {
        if i >= 0 && i < n { return i }
        switch self {
        case .nearest:
            return i < 0 ? 0 : n - 1
        case .reflect:
            let period = 2 * n
            var j = i % period
            if j < 0 { j += period }
            return j < n ? j : period - 1 - j
        }
    }
}

/// Separable 2-D correlation `out = kc ⋆_cols (kr ⋆_rows image)`: a pass along rows (kernel over the row index),
/// stored in Float32, then a pass along columns. Both passes run rows in parallel with contiguous inner loops.
public enum SeparableFilter {
    /// Correlates with `alongRows` over the row index and `alongCols` over the column index (odd lengths, centred).
    public static func correlate(_ image: Image, alongRows kr: [Float], alongCols kc: [Float], border: BorderMode) -> Image {
        precondition(kr.count % 2 == 1 && kc.count % 2 == 1, "separable kernels must have odd length")
        if image.isEmpty { return image }
        let vertical = passAlongRows(image, kr, border)
        return passAlongCols(vertical, kc, border)
    }

    /// `out[r, :] = Σ_k w[k] · in[r + k − R, :]`: whole rows at a time, so the inner loop is contiguous.
    static func passAlongRows(_ image: Image, _ w: [Float], _ border: BorderMode) -> Image {
        let rows = image.rows, cols = image.cols, radius = w.count / 2
        var out = [Float](repeating: 0, count: rows * cols)
        image.values.withUnsafeBufferPointer { src in
            w.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { dst in
                    let target = SharedMutablePointer(base: dst.baseAddress!)
                    let source = SharedPointer(base: src.baseAddress!)
                    let weights = SharedPointer(base: w.baseAddress!), taps = w.count
                    forEachChunk(rows, minimumPerTask: 16) { range in
                        for r in range {
                            let o = target.base + r * cols
                            for c in 0..<cols { o[c] = 0 }
                            for k in 0..<taps {
                                let weight = weights.base[k]
                                let i = source.base + border.index(r + k - radius, rows) * cols
                                for c in 0..<cols { o[c] += weight * i[c] }
                            }
                        }
                    }
                }
            }
        }
        return Image(uncheckedRows: rows, cols: cols, values: out)
    }

    /// `out[:, c] = Σ_k w[k] · in[:, c + k − R]`: each row is copied into a padded line, then swept per tap.
    static func passAlongCols(_ image: Image, _ w: [Float], _ border: BorderMode) -> Image {
        let rows = image.rows, cols = image.cols, radius = w.count / 2
        var out = [Float](repeating: 0, count: rows * cols)
        image.values.withUnsafeBufferPointer { src in
            w.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { dst in
                    let target = SharedMutablePointer(base: dst.baseAddress!)
                    let source = SharedPointer(base: src.baseAddress!)
                    let weights = SharedPointer(base: w.baseAddress!), taps = w.count
                    forEachChunk(rows, minimumPerTask: 16) { range in
                        let padded = UnsafeMutablePointer<Float>.allocate(capacity: cols + 2 * radius)
                        defer { padded.deallocate() }
                        for r in range {
                            let line = source.base + r * cols
                            for j in 0..<(cols + 2 * radius) { padded[j] = line[border.index(j - radius, cols)] }
                            let o = target.base + r * cols
                            for c in 0..<cols { o[c] = 0 }
                            for k in 0..<taps {
                                let weight = weights.base[k]
                                let p = padded + k
                                for c in 0..<cols { o[c] += weight * p[c] }
                            }
                        }
                    }
                }
            }
        }
        return Image(uncheckedRows: rows, cols: cols, values: out)
    }
}
