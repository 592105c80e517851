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
/// stored in Float32, then a pass along columns. Both passes run rows in parallel with contiguous inner loops;
/// symmetric and antisymmetric kernels are folded (`w[k] (x[−k] ± x[+k])`), halving the multiplications.
public enum SeparableFilter {
    /// Correlates with `alongRows` over the row index and `alongCols` over the column index (odd lengths, centred).
    public static func correlate(_ image: Image, alongRows kr: [Float], alongCols kc: [Float],
                                 border: BorderMode) throws(ImagingError) -> Image {
        guard kr.count % 2 == 1, kc.count % 2 == 1 else {
            throw .invalidArgument("separable kernels must have odd lengths, got \(kr.count) and \(kc.count)")
        }
        // Non-empty from here on, so the buffers below have base addresses.
        if image.isEmpty { return image }
        let vertical = passAlongRows(image, kr, border)
        return passAlongCols(vertical, kc, border)
    }

    /// `out[r, :] = Σ_k w[k] · in[r + k − R, :]`: whole rows at a time, so the inner loop is contiguous.
    static func passAlongRows(_ image: Image, _ w: [Float], _ border: BorderMode) -> Image {
        let rows = image.rows, cols = image.cols
        // Every output value is written below, so the array starts uninitialised.
        let out = [Float](unsafeUninitializedCapacity: rows * cols) { dst, initialized in
            initialized = rows * cols
            image.values.withUnsafeBufferPointer { src in
                let source = SharedPointer(base: src.baseAddress!)
                let target = SharedMutablePointer(base: dst.baseAddress!)
                let kernel = FoldedKernel(w)
                forEachChunk(rows, minimumPerTask: 16) { range in
                    for r in range {
                        kernel.apply(to: target.base + r * cols, count: cols) { offset in
                            source.base + border.index(r + offset, rows) * cols
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
        // Every output value is written below, so the array starts uninitialised.
        let out = [Float](unsafeUninitializedCapacity: rows * cols) { dst, initialized in
            initialized = rows * cols
            image.values.withUnsafeBufferPointer { src in
                let source = SharedPointer(base: src.baseAddress!)
                let target = SharedMutablePointer(base: dst.baseAddress!)
                let kernel = FoldedKernel(w)
                forEachChunk(rows, minimumPerTask: 16) { range in
                    let padded = UnsafeMutablePointer<Float>.allocate(capacity: cols + 2 * radius)
                    defer { padded.deallocate() }
                    for r in range {
                        let line = source.base + r * cols
                        (padded + radius).update(from: line, count: cols)
                        for j in 0..<radius {
                            padded[j] = line[border.index(j - radius, cols)]
                            padded[radius + cols + j] = line[border.index(cols + j, cols)]
                        }
                        kernel.apply(to: target.base + r * cols, count: cols) { offset in
                            UnsafePointer(padded + radius + offset)
                        }
                    }
                }
            }
        }
        return Image(uncheckedRows: rows, cols: cols, values: out)
    }
}

/// A 1-D kernel applied to whole lines: `out[c] = Σ_k w[k] · line(k − R)[c]`, folding mirror taps when the kernel is
/// symmetric (smoothing) or antisymmetric (derivative).
struct FoldedKernel: Sendable {
    private enum Symmetry: Sendable { case even, odd, none }
    private let weights: [Float]
    private let symmetry: Symmetry

    init(_ w: [Float]) {
        weights = w
        let n = w.count
        if (0..<n).allSatisfy({ w[$0] == w[n - 1 - $0] }) { symmetry = .even }
        else if (0..<n).allSatisfy({ w[$0] == -w[n - 1 - $0] }) { symmetry = .odd }
        else { symmetry = .none }
    }

    /// Writes `count` outputs to `out`; `line(offset)` is the input line at tap offset `offset ∈ −R…R`.
    /// Eight lanes at a time with explicit SIMD (the pointers may alias as far as the compiler knows).
    @inline(__always) func apply(to out: UnsafeMutablePointer<Float>, count: Int,
                                 line: (Int) -> UnsafePointer<Float>) {
        typealias Lanes = SIMD8<Float>
        let radius = weights.count / 2
        let vectorEnd = count - count % 8
        let centre = line(0), middle = weights[radius]
        var c = 0
        while c < vectorEnd {
            store(middle * load(centre + c), out + c)
            c += 8
        }
        for c in vectorEnd..<count { out[c] = middle * centre[c] }
        for k in 0..<radius {
            let weight = weights[k], mirror = weights[2 * radius - k]
            let a = line(k - radius), b = line(radius - k)
            var c = 0
            while c < vectorEnd {
                let x = load(a + c), y = load(b + c)
                let sum: Lanes = switch symmetry {
                case .even: weight * (x + y)
                case .odd: weight * (x - y)
                case .none: weight * x + mirror * y
                }
                store(load(out + c) + sum, out + c)
                c += 8
            }
            for c in vectorEnd..<count {
                switch symmetry {
                case .even: out[c] += weight * (a[c] + b[c])
                case .odd: out[c] += weight * (a[c] - b[c])
                case .none: out[c] += weight * a[c] + mirror * b[c]
                }
            }
        }
    }

    @inline(__always) private func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) private func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) private func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}
