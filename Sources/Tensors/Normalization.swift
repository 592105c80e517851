/// Normalisation layers' core op (standardise contiguous segments) and the group / layer norms and L2
/// normalisation built from it.
extension Tensor {
    /// Splits the elements into `segments` equal contiguous runs and standardises each:
    /// `(x − mean) / sqrt(var + eps)`, with the biased variance (as PyTorch's group and layer norm).
    /// Statistics are accumulated in `Double`.
    public func standardized(segments: Int, epsilon: Float) -> Tensor {
        precondition(segments > 0 && count % segments == 0, "cannot split \(count) elements into \(segments) segments")
        let length = count / segments
        var inverseStd = [Float](repeating: 0, count: segments)
        let output = makeValues(count) { out in
            let sharedOut = SharedFloats(out)
            inverseStd.withUnsafeMutableBufferPointer { inv in
                let sharedInv = SharedFloats(inv)
                values.withUnsafeBufferPointer { x in
                    let source = SharedFloats(UnsafeMutableBufferPointer(mutating: x))
                    parallelChunks(segments, minimumChunk: Swift.max(1, 32_768 / Swift.max(length, 1))) { range in
                        for s in range { // disjoint segments per worker
                            let start = source.base + s * length
                            var sum = 0.0, sumSquares = 0.0
                            for k in 0..<length { let v = Double(start[k]); sum += v; sumSquares += v * v }
                            let mean = sum / Double(length)
                            let variance = Swift.max(sumSquares / Double(length) - mean * mean, 0)
                            let invStd = Float(1 / (variance + Double(epsilon)).squareRoot())
                            let (m, mLow) = splitMean(mean)
                            sharedInv.base[s] = invStd
                            let target = sharedOut.base + s * length
                            for k in 0..<length { target[k] = ((start[k] - m) - mLow) * invStd }
                        }
                    }
                }
            }
        }
        let standardizedValues = output
        return Tensor.result(shape: shape, values: output, inputs: [self]) { g in
            // dx = invStd · (g − mean(g) − x̂ · mean(g · x̂)) per segment.
            let gradient = makeValues(g.count) { out in
                let sharedOut = SharedFloats(out)
                g.values.withUnsafeBufferPointer { gv in standardizedValues.withUnsafeBufferPointer { xh in
                    let gs = SharedFloats(UnsafeMutableBufferPointer(mutating: gv))
                    let xs = SharedFloats(UnsafeMutableBufferPointer(mutating: xh))
                    parallelChunks(segments, minimumChunk: Swift.max(1, 32_768 / Swift.max(length, 1))) { range in
                        for s in range {
                            let gStart = gs.base + s * length, xStart = xs.base + s * length
                            var meanG = 0.0, meanGX = 0.0
                            for k in 0..<length { meanG += Double(gStart[k]); meanGX += Double(gStart[k] * xStart[k]) }
                            let a = Float(meanG / Double(length)), b = Float(meanGX / Double(length))
                            let invStd = inverseStd[s]
                            let target = sharedOut.base + s * length
                            for k in 0..<length { target[k] = invStd * (gStart[k] - a - xStart[k] * b) }
                        }
                    }
                } }
            }
            return [Tensor(shape: g.shape, values: gradient)]
        }
    }

    /// Group normalisation of `[N, C, …]`: standardise each group of `C / groups` channels (with all their
    /// positions) per sample, then apply the per-channel affine `γ[c]·x̂ + β[c]`. One fused op (forward and
    /// backward each two passes over the data, parallel over sample-groups), since it follows every U-Net conv.
    public static func groupNorm(_ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, epsilon: Float = 1e-5) -> Tensor {
        precondition(x.rank >= 2 && groups > 0 && x.shape[1] % groups == 0, "groupNorm of \(x.shape) with \(groups) groups")
        let (batch, channels) = (x.shape[0], x.shape[1])
        if let weight { precondition(weight.shape == [channels], "groupNorm weight \(weight.shape) for \(channels) channels") }
        if let bias { precondition(bias.shape == [channels], "groupNorm bias \(bias.shape) for \(channels) channels") }
        let spatial = x.count / Swift.max(batch * channels, 1), perGroup = channels / groups
        let segments = batch * groups, length = perGroup * spatial
        let gamma = weight?.values ?? [Float](repeating: 1, count: channels)
        let beta = bias?.values ?? [Float](repeating: 0, count: channels)
        var means = [Float](repeating: 0, count: 2 * segments), inverseStds = [Float](repeating: 0, count: segments)
        let minimumChunk = Swift.max(1, 32_768 / Swift.max(length, 1))
        let output = makeValues(x.count) { out in
            let y = SharedFloats(out)
            means.withUnsafeMutableBufferPointer { m in inverseStds.withUnsafeMutableBufferPointer { inv in
                let (sharedMeans, sharedInv) = (SharedFloats(m), SharedFloats(inv))
                x.values.withUnsafeBufferPointer { xv in
                    let source = SharedFloats(UnsafeMutableBufferPointer(mutating: xv))
                    parallelChunks(segments, minimumChunk: minimumChunk) { range in
                        for s in range { // disjoint segments per worker
                            let start = source.base + s * length
                            var sum = 0.0, sumSquares = 0.0
                            for k in 0..<length { let v = Double(start[k]); sum += v; sumSquares += v * v }
                            let mean = sum / Double(length)
                            let variance = Swift.max(sumSquares / Double(length) - mean * mean, 0)
                            let invStd = Float(1 / (variance + Double(epsilon)).squareRoot())
                            let (m, mLow) = splitMean(mean)
                            sharedMeans.base[2 * s] = m
                            sharedMeans.base[2 * s + 1] = mLow
                            sharedInv.base[s] = invStd
                            for local in 0..<perGroup {
                                let c = (s % groups) * perGroup + local
                                let scale = invStd * gamma[c], shift = beta[c] // centre first: no cancellation for large means
                                let offset = local * spatial
                                for k in 0..<spatial { y.base[s * length + offset + k] = ((start[offset + k] - m) - mLow) * scale + shift }
                            }
                        }
                    }
                }
            } }
        }
        let input = x
        let inputs = [x] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
        return result(shape: x.shape, values: output, inputs: inputs) { g in
            // Per segment, with x̂ = (x − μ)·σ⁻¹ and ĝ = g·γ: dx = σ⁻¹(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂));
            // per (sample, channel) partial sums of g·x̂ and g give dγ and dβ.
            var gammaPartials = [Float](repeating: 0, count: batch * channels)
            var betaPartials = [Float](repeating: 0, count: batch * channels)
            let dx = makeValues(input.count) { out in
                let dxShared = SharedFloats(out)
                gammaPartials.withUnsafeMutableBufferPointer { gp in betaPartials.withUnsafeMutableBufferPointer { bp in
                    let (gammaShared, betaShared) = (SharedFloats(gp), SharedFloats(bp))
                    input.values.withUnsafeBufferPointer { xv in g.values.withUnsafeBufferPointer { gv in
                        let (xs, gs) = (SharedFloats(UnsafeMutableBufferPointer(mutating: xv)), SharedFloats(UnsafeMutableBufferPointer(mutating: gv)))
                        parallelChunks(segments, minimumChunk: minimumChunk) { range in
                            for s in range { // disjoint segments (and their channels' partials) per worker
                                let (m, mLow, invStd) = (means[2 * s], means[2 * s + 1], inverseStds[s])
                                let n = s / groups
                                var sumG = 0.0, sumGX = 0.0
                                for local in 0..<perGroup {
                                    let c = (s % groups) * perGroup + local
                                    let base = s * length + local * spatial
                                    var channelG: Float = 0, channelGX: Float = 0
                                    for k in 0..<spatial {
                                        let gk = gs.base[base + k], xhat = ((xs.base[base + k] - m) - mLow) * invStd
                                        channelG += gk
                                        channelGX += gk * xhat
                                    }
                                    betaShared.base[n * channels + c] = channelG
                                    gammaShared.base[n * channels + c] = channelGX
                                    sumG += Double(channelG * gamma[c])
                                    sumGX += Double(channelGX * gamma[c])
                                }
                                let a = Float(sumG / Double(length)), b = Float(sumGX / Double(length))
                                for local in 0..<perGroup {
                                    let c = (s % groups) * perGroup + local
                                    let base = s * length + local * spatial
                                    let gammaC = gamma[c]
                                    for k in 0..<spatial {
                                        let xhat = ((xs.base[base + k] - m) - mLow) * invStd
                                        dxShared.base[base + k] = invStd * (gs.base[base + k] * gammaC - a - xhat * b)
                                    }
                                }
                            }
                        }
                    } }
                } }
            }
            func channelTotals(_ partials: [Float]) -> Tensor {
                Tensor(shape: [channels], values: (0..<channels).map { c in (0..<batch).reduce(Float(0)) { $0 + partials[$1 * channels + c] } })
            }
            return [Tensor(shape: input.shape, values: dx)] + (weight != nil ? [channelTotals(gammaPartials)] : [])
                + (bias != nil ? [channelTotals(betaPartials)] : [])
        }
    }

    /// Layer normalisation over the last axis with an elementwise affine of that axis' size.
    public static func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, epsilon: Float = 1e-5) -> Tensor {
        precondition(x.rank >= 1 && x.shape[x.rank - 1] > 0, "layerNorm of \(x.shape)")
        var y = x.standardized(segments: x.count / x.shape[x.rank - 1], epsilon: epsilon)
        if let weight { y = y * weight }
        if let bias { y = y + bias }
        return y
    }

    /// `x / max(‖x‖₂, eps)` along `axis` (as PyTorch's `F.normalize`), e.g. per pixel over the channel axis.
    public func l2Normalized(axis: Int, epsilon: Float = 1e-12) -> Tensor {
        let norm = (self * self).sum(axes: [axis], keepingAxes: true).sqrt().clamped(min: epsilon)
        return self / norm
    }
}

extension Tensor {
    /// Standardises each column of `[n, features]` with the batch's mean and biased variance (batch normalisation
    /// without running statistics and without affine).
    public static func batchStandardized(_ x: Tensor, epsilon: Float = 1e-5) -> Tensor {
        precondition(x.rank == 2, "batchStandardized needs [n, features], got \(x.shape)")
        let centred = x - x.mean(axes: [0], keepingAxes: true)
        let variance = (centred * centred).mean(axes: [0], keepingAxes: true)
        return centred / (variance + epsilon).sqrt()
    }
}

/// A `Double` mean as a `Float` pair `(high, low)` with `high + low ≈ mean` to about 48 bits: subtracting `high`
/// first is exact for values near the mean, so inputs with a large offset are centred without cancellation.
@inline(__always)
func splitMean(_ mean: Double) -> (Float, Float) {
    let high = Float(mean)
    return (high, Float(mean - Double(high)))
}
