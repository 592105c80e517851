/// Sums of `Float` runs accumulated in `Double` (the statistics of the normalisations, gradient norms), each in eight
/// interleaved partial sums: a single running sum waits for every addition to finish before the next, so the
/// interleaved loop is several times faster. The result differs from the sequential sum only in `Double` rounding.

/// `(Σ x, Σ x²)` of `n` floats.
@inline(__always)
func moments(_ x: UnsafePointer<Float>, _ n: Int) -> (Double, Double) {
    var sums = SIMD8<Double>(), squares = SIMD8<Double>()
    var k = 0
    while k + 8 <= n {
        let v = SIMD8<Double>(UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self))
        sums += v
        squares += v * v
        k += 8
    }
    var sum = sums.sum(), sumSquares = squares.sum()
    while k < n {
        let v = Double(x[k])
        sum += v
        sumSquares += v * v
        k += 1
    }
    return (sum, sumSquares)
}

/// `(Σ a, Σ a·b)` of `n` floats, each product rounded to `Float` first (as the composed ops round it).
@inline(__always)
func sumAndDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> (Double, Double) {
    var sums = SIMD8<Double>(), dots = SIMD8<Double>()
    var k = 0
    while k + 8 <= n {
        let u = UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
        let v = UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
        sums += SIMD8<Double>(u)
        dots += SIMD8<Double>(u * v)
        k += 8
    }
    var sum = sums.sum(), dot = dots.sum()
    while k < n {
        sum += Double(a[k])
        dot += Double(a[k] * b[k])
        k += 1
    }
    return (sum, dot)
}
