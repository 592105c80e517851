/// Matrix products through BLAS `sgemm`, which writes every output element (β = 0 ignores what the uninitialised
/// output held), so outputs are not zeroed first.
extension Tensor {
    /// The matrix product of `[m, k]` and `[k, n]`.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                     "matmul of shapes \(shape) and \(other.shape)")
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        let a = values, b = other.values
        let output = makeValues(m * n) { out in
            a.withPointer { pa in b.withPointer { pb in out.baseAddress.map { pc in
                sgemm(m: m, n: n, k: k, a: pa, lda: k, b: pb, ldb: n, c: pc, ldc: n)
            } } }
        }
        let left = self, right = other
        return Tensor.result(shape: [m, n], values: output, inputs: [self, other]) { g in
            var gradA: Tensor?, gradB: Tensor?
            if left.isRecorded { // dA = g · Bᵀ
                let da = makeValues(m * k) { out in
                    g.values.withPointer { pg in b.withPointer { pb in out.baseAddress.map { pd in
                        sgemm(transposeB: true, m: m, n: k, k: n, a: pg, lda: n, b: pb, ldb: n, c: pd, ldc: k)
                    } } }
                }
                gradA = Tensor(shape: [m, k], values: da)
            }
            if right.isRecorded { // dB = Aᵀ · g
                let db = makeValues(k * n) { out in
                    a.withPointer { pa in g.values.withPointer { pg in out.baseAddress.map { pd in
                        sgemm(transposeA: true, m: k, n: n, k: m, a: pa, lda: k, b: pg, ldb: n, c: pd, ldc: n)
                    } } }
                }
                gradB = Tensor(shape: [k, n], values: db)
            }
            return [gradA, gradB]
        }
    }

    /// The affine map of a fully connected layer: `x · Wᵀ + b` for `x: [n, in]`, `weight: [out, in]` (PyTorch
    /// layout), `bias: [out]`. One `sgemm` forward, two backward.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[1],
                     "linear of input \(x.shape) with weight \(weight.shape)")
        let (n, inputs, outputs) = (x.shape[0], x.shape[1], weight.shape[0])
        if let bias { precondition(bias.shape == [outputs], "bias shape \(bias.shape) for \(outputs) outputs") }
        let xv = x.values, wv = weight.values
        let output = makeValues(n * outputs) { out in
            guard let py = out.baseAddress else { return }
            if let bias { // the rows start as the bias, to which the product is added
                bias.values.withPointer { b in for row in 0..<n { (py + row * outputs).update(from: b, count: outputs) } }
            }
            xv.withPointer { px in wv.withPointer { pw in
                sgemm(transposeB: true, m: n, n: outputs, k: inputs, a: px, lda: inputs, b: pw, ldb: inputs,
                      beta: bias == nil ? 0 : 1, c: py, ldc: outputs)
            } }
        }
        let input = x, weights = weight
        return result(shape: [n, outputs], values: output, inputs: [x, weight] + (bias.map { [$0] } ?? [])) { g in
            var gradients: [Tensor?] = [nil, nil]
            if input.isRecorded { // dX = g · W
                let dx = makeValues(n * inputs) { out in
                    g.values.withPointer { pg in wv.withPointer { pw in out.baseAddress.map { pd in
                        sgemm(m: n, n: inputs, k: outputs, a: pg, lda: outputs, b: pw, ldb: inputs, c: pd, ldc: inputs)
                    } } }
                }
                gradients[0] = Tensor(shape: [n, inputs], values: dx)
            }
            if weights.isRecorded { // dW = gᵀ · X
                let dw = makeValues(outputs * inputs) { out in
                    g.values.withPointer { pg in xv.withPointer { px in out.baseAddress.map { pd in
                        sgemm(transposeA: true, m: outputs, n: inputs, k: n, a: pg, lda: outputs, b: px, ldb: inputs,
                              c: pd, ldc: inputs)
                    } } }
                }
                gradients[1] = Tensor(shape: [outputs, inputs], values: dw)
            }
            if bias != nil {
                var db = [Double](repeating: 0, count: outputs)
                db.withUnsafeMutableBufferPointer { sums in g.values.withUnsafeBufferPointer { gv in
                    for row in 0..<n { for j in 0..<outputs { sums[j] += Double(gv[row * outputs + j]) } }
                } }
                gradients.append(Tensor(shape: [outputs], values: db.map(Float.init)))
            }
            return gradients
        }
    }
}
