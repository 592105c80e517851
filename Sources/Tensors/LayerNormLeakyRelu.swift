/// The hidden-layer block of the graph networks' MLPs, `LeakyReLU(LayerNorm(x))`, as one op.
///
/// Composed from `layerNorm` and `leakyRelu`, the block writes the standardised rows, the affine's products and
/// sums, the activation and its slopes, and reads them all back in the backward pass; on the per-message rows of
/// the actor and critic (`[2E, width]`) that memory traffic costs more than the matrix products around it. Fused,
/// the forward pass reads `x` and writes `y` (parallel over rows); the backward pass recomputes `x̂` from `x` and
/// the row statistics and writes `dx` in one pass per row. Every intermediate is computed as the composition
/// computes it, so the results are the same to the last bit.
extension Tensor {
    /// `layerNorm(x, weight:, bias:, epsilon:).leakyRelu(slope:)` over the last axis: per row
    /// `x̂ = (x − mean) / sqrt(var + eps)` (biased variance, statistics in `Double`), `z = x̂·γ + β` (each optional),
    /// `y = z` where `z > 0`, else `slope·z`.
    public static func layerNormLeakyRelu(_ x: Tensor, weight: Tensor?, bias: Tensor?, slope: Float,
                                          epsilon: Float = 1e-5) -> Tensor {
        precondition(x.rank >= 1 && x.shape[x.rank - 1] > 0, "layerNormLeakyRelu of \(x.shape)")
        let width = x.shape[x.rank - 1], rows = x.count / width
        if let weight { precondition(weight.shape == [width], "layerNormLeakyRelu weight \(weight.shape) for rows of \(width)") }
        if let bias { precondition(bias.shape == [width], "layerNormLeakyRelu bias \(bias.shape) for rows of \(width)") }
        let block = RowBlock(width: width, slope: slope, gamma: weight?.values, beta: bias?.values)
        // Per row: the mean as a (high, low) pair (see `splitMean`) and the inverse standard deviation.
        var statistics = [Float](repeating: 0, count: 3 * rows)
        let minimumChunk = Swift.max(1, 32_768 / width)
        let output = makeValues(x.count) { out in
            let y = SharedFloats(out)
            statistics.withUnsafeMutableBufferPointer { s in
                let rowStatistics = SharedFloats(s)
                x.values.withUnsafeBufferPointer { xv in
                    let source = SharedFloats(UnsafeMutableBufferPointer(mutating: xv))
                    parallelChunks(rows, minimumChunk: minimumChunk) { range in
                        for r in range { // disjoint rows per worker
                            let row = source.base + r * width
                            var sum = 0.0, sumSquares = 0.0
                            for k in 0..<width { let v = Double(row[k]); sum += v; sumSquares += v * v }
                            let mean = sum / Double(width)
                            let variance = Swift.max(sumSquares / Double(width) - mean * mean, 0)
                            let invStd = Float(1 / (variance + Double(epsilon)).squareRoot())
                            let (m, mLow) = splitMean(mean)
                            rowStatistics.base[3 * r] = m
                            rowStatistics.base[3 * r + 1] = mLow
                            rowStatistics.base[3 * r + 2] = invStd
                            let target = y.base + r * width
                            for k in 0..<width {
                                let z = block.affine(((row[k] - m) - mLow) * invStd, k)
                                target[k] = z > 0 ? z : slope * z
                            }
                        }
                    }
                }
            }
        }
        let input = x, rowStatistics = statistics
        let inputs = [x] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
        return result(shape: x.shape, values: output, inputs: inputs) { g in
            var gradients: [Tensor?] = [input.isRecorded
                ? Tensor(shape: input.shape, values: block.inputGradient(g.values, input.values, rowStatistics, rows: rows))
                : nil]
            if weight?.isRecorded ?? false || bias?.isRecorded ?? false {
                let (gamma, beta) = block.affineGradients(g.values, input.values, rowStatistics, rows: rows)
                if let weight { gradients.append(weight.isRecorded ? Tensor(shape: [width], values: gamma) : nil) }
                if let bias { gradients.append(bias.isRecorded ? Tensor(shape: [width], values: beta) : nil) }
            } else {
                gradients += [Tensor?](repeating: nil, count: inputs.count - 1)
            }
            return gradients
        }
    }
}

/// The per-row arithmetic of `layerNormLeakyRelu`, shared by its forward and backward passes so that both
/// compute `x̂` and `z` identically.
private struct RowBlock: @unchecked Sendable { // read-only after construction; read by parallel workers
    let width: Int
    let slope: Float
    let gamma: [Float]?
    let beta: [Float]?

    /// `z = x̂·γ + β` for column `k`, rounded after each operation as the composed ops round.
    @inline(__always)
    func affine(_ standardized: Float, _ k: Int) -> Float {
        var z = standardized
        if let gamma { z = z * gamma[k] }
        if let beta { z = z + beta[k] }
        return z
    }

    /// `x̂` of column `k` of a row from its statistics `(m, mLow, invStd)`.
    @inline(__always)
    static func standardized(_ x: Float, _ statistics: UnsafeMutablePointer<Float>) -> Float {
        ((x - statistics[0]) - statistics[1]) * statistics[2]
    }

    /// `∂L/∂z` from `∂L/∂y`: the slope of the activation at `z`.
    @inline(__always)
    func activationGradient(_ g: Float, _ z: Float) -> Float { g * (z > 0 ? 1 : slope) }

    /// Per row: `ĝ = ∂L/∂z · γ`, then `dx = invStd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))` (means in `Double`).
    func inputGradient(_ g: [Float], _ x: [Float], _ statistics: [Float], rows: Int) -> [Float] {
        let width = width
        return makeValues(g.count) { out in
            let dx = SharedFloats(out)
            g.withUnsafeBufferPointer { gv in x.withUnsafeBufferPointer { xv in statistics.withUnsafeBufferPointer { sv in
                let (gs, xs) = (SharedFloats(UnsafeMutableBufferPointer(mutating: gv)),
                                SharedFloats(UnsafeMutableBufferPointer(mutating: xv)))
                let ss = SharedFloats(UnsafeMutableBufferPointer(mutating: sv))
                parallelChunks(rows, minimumChunk: Swift.max(1, 32_768 / width)) { range in
                    for r in range { // disjoint rows per worker
                        let (gRow, xRow, target) = (gs.base + r * width, xs.base + r * width, dx.base + r * width)
                        let rowStatistics = ss.base + 3 * r
                        var sumG = 0.0, sumGX = 0.0
                        for k in 0..<width { // ĝ is kept in the output row until the means are known
                            let xhat = Self.standardized(xRow[k], rowStatistics)
                            var gHat = activationGradient(gRow[k], affine(xhat, k))
                            if let gamma { gHat = gHat * gamma[k] }
                            target[k] = gHat
                            sumG += Double(gHat)
                            sumGX += Double(gHat * xhat)
                        }
                        let a = Float(sumG / Double(width)), b = Float(sumGX / Double(width))
                        let invStd = rowStatistics[2]
                        for k in 0..<width {
                            let xhat = Self.standardized(xRow[k], rowStatistics)
                            target[k] = invStd * (target[k] - a - xhat * b)
                        }
                    }
                }
            } } }
        }
    }

    /// `(dγ, dβ)`: column sums of `∂L/∂z · x̂` and `∂L/∂z`, accumulated over the rows in order (parallel over
    /// column blocks, so the sums do not depend on the number of workers).
    func affineGradients(_ g: [Float], _ x: [Float], _ statistics: [Float], rows: Int) -> (gamma: [Float], beta: [Float]) {
        let width = width
        var gamma = [Float](repeating: 0, count: width), beta = [Float](repeating: 0, count: width)
        gamma.withUnsafeMutableBufferPointer { gp in beta.withUnsafeMutableBufferPointer { bp in
            let (gammaSums, betaSums) = (SharedFloats(gp), SharedFloats(bp))
            g.withUnsafeBufferPointer { gv in x.withUnsafeBufferPointer { xv in statistics.withUnsafeBufferPointer { sv in
                let (gs, xs) = (SharedFloats(UnsafeMutableBufferPointer(mutating: gv)),
                                SharedFloats(UnsafeMutableBufferPointer(mutating: xv)))
                let ss = SharedFloats(UnsafeMutableBufferPointer(mutating: sv))
                parallelColumnBlocks(width: width, rows: rows) { columns in
                    for r in 0..<rows { // disjoint columns per worker
                        let rowStatistics = ss.base + 3 * r
                        for k in columns {
                            let xhat = Self.standardized(xs.base[r * width + k], rowStatistics)
                            let gz = activationGradient(gs.base[r * width + k], affine(xhat, k))
                            gammaSums.base[k] += gz * xhat
                            betaSums.base[k] += gz
                        }
                    }
                }
            } } }
        } }
        return (gamma, beta)
    }
}
