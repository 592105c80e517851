/// Row-wise vector operations on matrices `[n, m]` (one vector per row), fused into single passes: the pixel
/// embeddings of the contrastive loss are hundreds of thousands of short rows, where the generic broadcasting
/// reductions spend most of their time on index arithmetic.
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

    /// Every row divided by `max(‖row‖₂, epsilon)`: `l2Normalized(axis: 1)` of a matrix in one pass each way.
    /// Gradient `(g − y⟨g, y⟩)/‖x‖` for rows longer than `epsilon`, `g/epsilon` otherwise (as PyTorch's
    /// `F.normalize`, whose clamped norm passes no gradient).
    public func l2NormalizedRows(epsilon: Float = 1e-12) -> Tensor {
        precondition(rank == 2, "l2NormalizedRows needs a matrix, got \(shape)")
        let n = shape[0], m = shape[1]
        var norms = [Float](repeating: 0, count: n)
        let output = makeValues(n * m) { out in
            values.withUnsafeBufferPointer { x in
                for i in 0..<n {
                    var sum: Float = 0
                    for j in 0..<m { sum += x[i * m + j] * x[i * m + j] }
                    let norm = Swift.max(sum.squareRoot(), epsilon)
                    norms[i] = norm
                    let inverse = 1 / norm
                    for j in 0..<m { out[i * m + j] = x[i * m + j] * inverse }
                }
            }
        }
        let inputShape = shape, rowNorms = norms
        return Tensor.result(shape: shape, values: output, inputs: [self]) { g in
            [Tensor(shape: inputShape, values: makeValues(n * m) { out in
                g.values.withUnsafeBufferPointer { gv in
                    output.withUnsafeBufferPointer { y in
                        for i in 0..<n {
                            var projection: Float = 0
                            if rowNorms[i] > epsilon { for j in 0..<m { projection += gv[i * m + j] * y[i * m + j] } }
                            let inverse = 1 / rowNorms[i]
                            for j in 0..<m { out[i * m + j] = (gv[i * m + j] - projection * y[i * m + j]) * inverse }
                        }
                    }
                }
            })]
        }
    }
}
