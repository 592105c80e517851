/// The hidden-layer block of the graph networks' MLPs, `LeakyReLU(LayerNorm(x))`, as one op.
///
/// Composed from `layerNorm` and `leakyRelu`, the block writes the standardised rows, the affine's products and
/// sums, the activation and its slopes, and reads them all back in the backward pass; on the per-message rows of
/// the actor and critic (`[2E, width]`) that memory traffic costs more than the matrix products around it. Fused,
/// the forward pass reads `x` and writes `y`, the backward pass reads `∂L/∂y` and `x` (recomputing `x̂` from the
/// row statistics) and writes `dx`, both parallel over rows. The arithmetic is the composition's, except that the
/// row sums (in `Double`) are accumulated in eight interleaved parts: results agree to float rounding.
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
        let block = RowBlock(width: width, slope: slope, gamma: weight?.values ?? [Float](repeating: 1, count: width),
                             beta: bias?.values ?? [Float](repeating: 0, count: width))
        // Per row: the mean as a (high, low) pair (see `splitMean`) and the inverse standard deviation.
        var statistics = [Float](repeating: 0, count: 3 * rows)
        let output = makeValues(x.count) { out in
            let y = SharedFloats(out)
            statistics.withUnsafeMutableBufferPointer { s in
                let rowStatistics = SharedFloats(s)
                x.values.withUnsafeBufferPointer { xv in
                    let source = SharedFloats(UnsafeMutableBufferPointer(mutating: xv))
                    parallelChunks(rows, minimumChunk: Swift.max(1, 32_768 / width)) { range in
                        for r in range { // disjoint rows per worker
                            block.forward(source.base + r * width, statistics: rowStatistics.base + 3 * r,
                                          epsilon: epsilon, into: y.base + r * width)
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
/// compute `x̂` and `z` identically. Without an affine, `γ = 1` and `β = 0` (exact: `x̂·1 + 0 = x̂`), so that every
/// row loop is one branch-free loop the compiler vectorises.
private struct RowBlock {
    let width: Int
    let slope: Float
    let gamma: [Float]
    let beta: [Float]

    /// Standardises one row (writing its statistics `(m, mLow, invStd)`) and applies affine and activation.
    @inline(__always)
    func forward(_ row: UnsafeMutablePointer<Float>, statistics: UnsafeMutablePointer<Float>, epsilon: Float,
                 into target: UnsafeMutablePointer<Float>) {
        let (sum, sumSquares) = moments(row, width)
        let mean = sum / Double(width)
        let variance = Swift.max(sumSquares / Double(width) - mean * mean, 0)
        let invStd = Float(1 / (variance + Double(epsilon)).squareRoot())
        let (m, mLow) = splitMean(mean)
        (statistics[0], statistics[1], statistics[2]) = (m, mLow, invStd)
        let slope = slope
        gamma.withUnsafeBufferPointer { gamma in beta.withUnsafeBufferPointer { beta in
            for k in 0..<width {
                let z = (((row[k] - m) - mLow) * invStd) * gamma[k] + beta[k]
                target[k] = z > 0 ? z : slope * z
            }
        } }
    }

    /// Per row: `ĝ = ∂L/∂z · γ` with `∂L/∂z = ∂L/∂y · (1 or slope)`, then
    /// `dx = invStd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))` (means in `Double`).
    func inputGradient(_ g: [Float], _ x: [Float], _ statistics: [Float], rows: Int) -> [Float] {
        let width = width, slope = slope
        return makeValues(g.count) { out in
            let dx = SharedFloats(out)
            g.withUnsafeBufferPointer { gv in x.withUnsafeBufferPointer { xv in statistics.withUnsafeBufferPointer { sv in
            gamma.withUnsafeBufferPointer { gamma in beta.withUnsafeBufferPointer { beta in
                let (gs, xs) = (SharedFloats(UnsafeMutableBufferPointer(mutating: gv)),
                                SharedFloats(UnsafeMutableBufferPointer(mutating: xv)))
                let ss = SharedFloats(UnsafeMutableBufferPointer(mutating: sv))
                parallelChunks(rows, minimumChunk: Swift.max(1, 32_768 / width)) { range in
                    let standardized = UnsafeMutablePointer<Float>.allocate(capacity: width) // x̂ of one row
                    defer { standardized.deallocate() }
                    for r in range { // disjoint rows per worker
                        let (gRow, xRow, target) = (gs.base + r * width, xs.base + r * width, dx.base + r * width)
                        let (m, mLow, invStd) = (ss.base[3 * r], ss.base[3 * r + 1], ss.base[3 * r + 2])
                        for k in 0..<width { // ĝ is kept in the output row until its means are known
                            let xhat = ((xRow[k] - m) - mLow) * invStd
                            let z = xhat * gamma[k] + beta[k]
                            standardized[k] = xhat
                            target[k] = (gRow[k] * (z > 0 ? 1 : slope)) * gamma[k]
                        }
                        let (sumG, sumGX) = sumAndDot(target, standardized, width)
                        let a = Float(sumG / Double(width)), b = Float(sumGX / Double(width))
                        for k in 0..<width { target[k] = invStd * (target[k] - a - standardized[k] * b) }
                    }
                }
            } } } } }
        }
    }

    /// `(dγ, dβ)`: column sums of `∂L/∂z · x̂` and `∂L/∂z`, accumulated over the rows in order (parallel over
    /// column blocks, so the sums do not depend on the number of workers).
    func affineGradients(_ g: [Float], _ x: [Float], _ statistics: [Float], rows: Int) -> (gamma: [Float], beta: [Float]) {
        let width = width, slope = slope
        var gammaGradient = [Float](repeating: 0, count: width), betaGradient = [Float](repeating: 0, count: width)
        gammaGradient.withUnsafeMutableBufferPointer { gp in betaGradient.withUnsafeMutableBufferPointer { bp in
            let (gammaSums, betaSums) = (SharedFloats(gp), SharedFloats(bp))
            g.withUnsafeBufferPointer { gv in x.withUnsafeBufferPointer { xv in statistics.withUnsafeBufferPointer { sv in
            gamma.withUnsafeBufferPointer { gamma in beta.withUnsafeBufferPointer { beta in
                parallelColumnBlocks(width: width, rows: rows) { columns in
                    for r in 0..<rows { // disjoint columns per worker
                        let (m, mLow, invStd) = (sv[3 * r], sv[3 * r + 1], sv[3 * r + 2])
                        for k in columns {
                            let xhat = ((xv[r * width + k] - m) - mLow) * invStd
                            let z = xhat * gamma[k] + beta[k]
                            let gz = gv[r * width + k] * (z > 0 ? 1 : slope)
                            gammaSums.base[k] += gz * xhat
                            betaSums.base[k] += gz
                        }
                    }
                }
            } } } } }
        } }
        return (gammaGradient, betaGradient)
    }
}
