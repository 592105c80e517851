/// The exact Euclidean distance transform (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions",
/// 2012): for every `true` pixel of a mask, the distance to the nearest `false` pixel; `false` pixels get 0.
///
/// Two passes of the 1-D squared-distance transform (columns, then rows), each the lower envelope of the parabolas
/// `(q − p)² + f(p)` built in one left-to-right sweep: linear in the pixels. Squared distances are integers, computed
/// exactly in Double. As `scipy.ndimage.distance_transform_edt` wherever the mask has a `false` pixel; a mask without
/// any `false` pixel has no distance to report, so every pixel is `+∞` (scipy returns an artefact there).
public enum DistanceTransform {
    /// Squared Euclidean distances (integers, or `+∞` where no `false` pixel exists).
    public static func squaredEuclidean(_ mask: Grid<Bool>) -> Grid<Double> {
        let rows = mask.rows, cols = mask.cols
        var d = mask.values.map { $0 ? Double.infinity : 0 }
        guard rows > 0, cols > 0 else { return Grid(uncheckedRows: rows, cols: cols, values: d) }
        d.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedMutablePointer(base: buffer.baseAddress!)
            // Columns: each chunk gathers a column into scratch, transforms it and scatters it back.
            forEachChunk(cols, minimumPerTask: 16) { range in
                var scratch = Envelope(length: rows)
                for c in range {
                    for r in 0..<rows { scratch.input[r] = shared.base[r * cols + c] }
                    scratch.transform()
                    for r in 0..<rows { shared.base[r * cols + c] = scratch.output[r] }
                }
            }
            forEachChunk(rows, minimumPerTask: 16) { range in
                var scratch = Envelope(length: cols)
                for r in range {
                    let row = shared.base + r * cols
                    for c in 0..<cols { scratch.input[c] = row[c] }
                    scratch.transform()
                    for c in 0..<cols { row[c] = scratch.output[c] }
                }
            }
        }
        return Grid(uncheckedRows: rows, cols: cols, values: d)
    }

    /// Euclidean distances as Float (`+∞` where the mask has no `false` pixel).
    public static func euclidean(_ mask: Grid<Bool>) -> Image {
        squaredEuclidean(mask).map { Float($0.squareRoot()) }
    }
}

/// Scratch buffers of the 1-D transform `out[q] = min_p (q − p)² + in[p]`, reused along every line of a pass.
private struct Envelope {
    var input: [Double]
    var output: [Double]
    /// Positions of the parabolas in the lower envelope, and the left end of each one's interval.
    private var vertices: [Int]
    private var starts: [Double]

    init(length: Int) {
        input = [Double](repeating: 0, count: length)
        output = [Double](repeating: 0, count: length)
        vertices = [Int](repeating: 0, count: length)
        starts = [Double](repeating: 0, count: length + 1)
    }

    /// Infinite inputs contribute no parabola, so no arithmetic ever mixes ∞ with finite values.
    mutating func transform() {
        let n = input.count
        input.withUnsafeBufferPointer { f in
            output.withUnsafeMutableBufferPointer { out in
                vertices.withUnsafeMutableBufferPointer { v in
                    starts.withUnsafeMutableBufferPointer { z in
                        var k = -1
                        for q in 0..<n where f[q] < .infinity {
                            let fq = f[q] + Double(q * q)
                            var s = -Double.infinity
                            while k >= 0 {
                                let p = v[k]
                                // Where the parabola at q overtakes the one at p.
                                s = (fq - (f[p] + Double(p * p))) / Double(2 * (q - p))
                                if s > z[k] { break }
                                k -= 1
                            }
                            if k < 0 { s = -.infinity }
                            k += 1
                            v[k] = q
                            z[k] = s
                        }
                        guard k >= 0 else {
                            for q in 0..<n { out[q] = .infinity }
                            return
                        }
                        z[k + 1] = .infinity
                        var j = 0
                        for q in 0..<n {
                            while z[j + 1] < Double(q) { j += 1 }
                            let dq = Double(q - v[j])
                            out[q] = dq * dq + f[v[j]]
                        }
                    }
                }
            }
        }
    }
}
