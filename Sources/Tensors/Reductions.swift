/// Sums, means and maxima over axes.
extension Tensor {
    /// The sum of all elements, as a scalar (shape `[]`).
    public func sum() -> Tensor {
        var total = 0.0
        values.withUnsafeBufferPointer { x in for v in x { total += Double(v) } }
        let inputShape = shape
        return Tensor.result(shape: [], values: [Float(total)], inputs: [self]) { g in
            [Tensor(repeating: g.values[0], shape: inputShape)]
        }
    }

    /// The mean of all elements, as a scalar.
    public func mean() -> Tensor { sum() / Float(Swift.max(count, 1)) }

    /// Sums over `axes`; those axes are kept with size 1 when `keepingAxes`, removed otherwise.
    public func sum(axes: [Int], keepingAxes: Bool = false) -> Tensor {
        let resolved = Set(axes.map(axisIndex))
        let kept = shape.enumerated().map { resolved.contains($0.offset) ? 1 : $0.element }
        let reduced = detached.summed(toShape: kept)
        let inputShape = shape
        let outputShape = keepingAxes ? kept : shape.enumerated().filter { !resolved.contains($0.offset) }.map(\.element)
        return Tensor.result(shape: outputShape, values: reduced.values, inputs: [self]) { g in
            [Tensor(shape: kept, values: g.values).broadcast(to: inputShape)]
        }
    }

    public func mean(axes: [Int], keepingAxes: Bool = false) -> Tensor {
        let n = Set(axes.map(axisIndex)).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepingAxes: keepingAxes) / Float(Swift.max(n, 1))
    }

    /// The maximum along one axis; the gradient goes to the first position of the maximum.
    public func max(axis: Int, keepingAxis: Bool = false) -> Tensor {
        let a = axisIndex(axis)
        precondition(shape[a] > 0, "max over an empty axis of \(shape)")
        let outer = shape[..<a].reduce(1, *), length = shape[a], inner = shape[(a + 1)...].reduce(1, *)
        var argmax = [Int](repeating: 0, count: outer * inner)
        let output = makeValues(outer * inner) { out in
            values.withUnsafeBufferPointer { x in
                for o in 0..<outer {
                    for i in 0..<inner {
                        var best = x[o * length * inner + i], bestIndex = 0
                        for k in 1..<Swift.max(length, 1) where x[(o * length + k) * inner + i] > best {
                            best = x[(o * length + k) * inner + i]; bestIndex = k
                        }
                        out[o * inner + i] = best
                        argmax[o * inner + i] = (o * length + bestIndex) * inner + i
                    }
                }
            }
        }
        var outputShape = shape
        if keepingAxis { outputShape[a] = 1 } else { outputShape.remove(at: a) }
        let inputShape = shape
        return Tensor.result(shape: outputShape, values: output, inputs: [self]) { g in
            var gradient = [Float](repeating: 0, count: Tensor.elementCount(inputShape))
            for (k, position) in argmax.enumerated() { gradient[position] += g.values[k] }
            return [Tensor(shape: inputShape, values: gradient)]
        }
    }
}

extension Tensor {
    /// `y[i] = Σ_j a[i, j]·b[i, j]` for two `[n, m]` matrices, in one fused pass (row-wise dot products, e.g. the
    /// cosine similarities of unit rows in the contrastive loss). The gradients are `g[i]·b[i, j]` and `g[i]·a[i, j]`.
    public static func rowDot(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.rank == 2 && a.shape == b.shape, "rowDot needs two matrices of one shape, got \(a.shape) and \(b.shape)")
        let n = a.shape[0], m = a.shape[1]
        let left = a.values, right = b.values
        let output = makeValues(n) { out in
            left.withUnsafeBufferPointer { x in
                right.withUnsafeBufferPointer { y in
                    for i in 0..<n {
                        var sum: Float = 0
                        for j in 0..<m { sum += x[i * m + j] * y[i * m + j] }
                        out[i] = sum
                    }
                }
            }
        }
        let recordsLeft = a.isRecorded, recordsRight = b.isRecorded, shape = a.shape
        return Tensor.result(shape: [n], values: output, inputs: [a, b]) { g in
            func scaledRows(_ values: [Float]) -> Tensor {
                Tensor(shape: shape, values: makeValues(n * m) { out in
                    values.withUnsafeBufferPointer { v in
                        g.values.withUnsafeBufferPointer { s in
                            for i in 0..<n { for j in 0..<m { out[i * m + j] = s[i] * v[i * m + j] } }
                        }
                    }
                })
            }
            return [recordsLeft ? scaledRows(right) : nil, recordsRight ? scaledRows(left) : nil]
        }
    }
}
