/// The descriptors that come from an object's boundary configuration: scikit-image's `perimeter` (4-neighbourhood),
/// `perimeter_crofton` (4 directions) and `euler_number` (8-connected objects, 4-connected holes).
public struct BoundaryMeasures: Sendable, Hashable {
    public var perimeter: Double
    public var perimeterCrofton: Double
    public var eulerNumber: Int

    /// Weights of scikit-image's perimeter code `k = 1 + 2a + 10b` of a border pixel (a: 4-neighbours,
    /// b: diagonal neighbours that are border pixels).
    private static let perimeterWeights: [Double] = {
        var w = [Double](repeating: 0, count: 50)
        for k in [5, 7, 15, 17, 25, 27] { w[k] = 1 }
        for k in [21, 33] { w[k] = 2.0.squareRoot() }
        for k in [13, 23] { w[k] = (1 + 2.0.squareRoot()) / 2 }
        return w
    }()

    /// Crofton weights of the 2×2 configuration `k = m[r,c] + 2 m[r-1,c] + 4 m[r,c-1] + 8 m[r-1,c-1]`.
    private static let croftonWeights: [Double] = {
        let s2 = 2.0.squareRoot(), pi = Double.pi
        return [0, pi / 4 * (1 + 1 / s2), pi / (4 * s2), pi / (2 * s2), 0, pi / 4 * (1 + 1 / s2), 0, pi / (4 * s2),
                pi / 4, pi / 2, pi / (4 * s2), pi / (4 * s2), pi / 4, pi / 2, 0, 0]
    }()

    init(mask: ObjectMask) {
        let rows = mask.rows, cols = mask.cols
        var border = [UInt8](repeating: 0, count: rows * cols)
        var perimeterHistogram = [Int](repeating: 0, count: 50)
        var quadHistogram = [Int](repeating: 0, count: 16)
        mask.values.withUnsafeBufferPointer { m in
            border.withUnsafeMutableBufferPointer { b in
                // Border pixels: object pixels with a 4-neighbour outside (the padding ring is outside).
                for r in 1..<(rows - 1) {
                    for c in 1..<(cols - 1) {
                        let i = r * cols + c
                        if m[i] != 0, m[i - 1] == 0 || m[i + 1] == 0 || m[i - cols] == 0 || m[i + cols] == 0 {
                            b[i] = 1
                        }
                    }
                }
                perimeterHistogram.withUnsafeMutableBufferPointer { h in
                    for r in 1..<(rows - 1) {
                        for c in 1..<(cols - 1) {
                            let i = r * cols + c
                            guard b[i] != 0 else { continue }
                            let straight = Int(b[i - 1]) + Int(b[i + 1]) + Int(b[i - cols]) + Int(b[i + cols])
                            let diagonal = Int(b[i - cols - 1]) + Int(b[i - cols + 1]) + Int(b[i + cols - 1])
                                + Int(b[i + cols + 1])
                            h[1 + 2 * straight + 10 * diagonal] += 1
                        }
                    }
                }
            }
            // 2×2 windows whose bottom-right pixel is (r, c); windows at padded row/col 0 only see zeros.
            quadHistogram.withUnsafeMutableBufferPointer { q in
                for r in 1..<rows {
                    for c in 1..<cols {
                        let i = r * cols + c
                        let k = Int(m[i]) | Int(m[i - cols]) << 1 | Int(m[i - 1]) << 2 | Int(m[i - cols - 1]) << 3
                        q[k] += 1
                    }
                }
            }
        }
        perimeter = zip(perimeterHistogram, Self.perimeterWeights).reduce(0) { $0 + Double($1.0) * $1.1 }
        perimeterCrofton = zip(quadHistogram, Self.croftonWeights).reduce(0) { $0 + Double($1.0) * $1.1 }
        // Gray's bit-quad formula for 8-connectivity: E = (Q1 − Q3 − 2 QD) / 4.
        let q1 = quadHistogram[1] + quadHistogram[2] + quadHistogram[4] + quadHistogram[8]
        let q3 = quadHistogram[7] + quadHistogram[11] + quadHistogram[13] + quadHistogram[14]
        let qd = quadHistogram[6] + quadHistogram[9]
        eulerNumber = (q1 - q3 - 2 * qd) / 4
    }
}
