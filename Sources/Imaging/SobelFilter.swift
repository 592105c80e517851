/// Sobel edge filters as scikit-image computes them (border mode 'reflect': `x[-1] = x[0]`).
public enum SobelFilter {
    /// Row derivative `h[r,c] = Σ_j s[j] (x[r+1,c+j] − x[r−1,c+j])`, `s = [1,2,1]/4`; positive where intensity
    /// grows with the row (`skimage.filters.sobel_h`).
    public static func horizontalEdges(_ image: Image) -> Image { responses(image).h }

    /// Column derivative `v[r,c] = Σ_i s[i] (x[r+i,c+1] − x[r+i,c−1])` (`skimage.filters.sobel_v`).
    public static func verticalEdges(_ image: Image) -> Image { responses(image).v }

    /// Edge magnitude `sqrt((h² + v²) / 2)` — scikit-image divides by the number of axes.
    public static func magnitude(_ image: Image) -> Image {
        stencil(image) { h, v in ((h * h + v * v) * 0.5).squareRoot() }
    }

    private static func responses(_ image: Image) -> (h: Image, v: Image) {
        (stencil(image) { h, _ in h }, stencil(image) { _, v in v })
    }

    /// Evaluates `combine(h, v)` per pixel from three reflected rows, rows in parallel.
    private static func stencil(_ image: Image, _ combine: @escaping @Sendable (Float, Float) -> Float) -> Image {
        let rows = image.rows, cols = image.cols
        if image.isEmpty { return image }
        // Every output value is written below, so the array starts uninitialised.
        let out = [Float](unsafeUninitializedCapacity: rows * cols) { dst, initialized in
            initialized = rows * cols
            image.values.withUnsafeBufferPointer { src in
                let source = SharedPointer(base: src.baseAddress!)
                let target = SharedMutablePointer(base: dst.baseAddress!)
                forEachChunk(rows, minimumPerTask: 16) { range in
                    // Padded copies of the rows above, at and below r: index c + 1 holds column c.
                    let lines = UnsafeMutablePointer<Float>.allocate(capacity: 3 * (cols + 2))
                    defer { lines.deallocate() }
                    let up = lines, mid = lines + (cols + 2), down = lines + 2 * (cols + 2)
                    for r in range {
                        for (line, rr) in [(up, r - 1), (mid, r), (down, r + 1)] {
                            let row = source.base + BorderMode.reflect.index(rr, rows) * cols
                            line[0] = row[BorderMode.reflect.index(-1, cols)]
                            for c in 0..<cols { line[c + 1] = row[c] }
                            line[cols + 1] = row[BorderMode.reflect.index(cols, cols)]
                        }
                        let o = target.base + r * cols
                        for c in 0..<cols {
                            let h = 0.25 * (down[c] - up[c]) + 0.5 * (down[c + 1] - up[c + 1]) + 0.25 * (down[c + 2] - up[c + 2])
                            let v = 0.25 * (up[c + 2] - up[c]) + 0.5 * (mid[c + 2] - mid[c]) + 0.25 * (down[c + 2] - down[c])
                            o[c] = combine(h, v)
                        }
                    }
                }
            }
        }
        return Image(uncheckedRows: rows, cols: cols, values: out)
    }
}
