/// Matrix products through BLAS `sgemm`.
extension Tensor {
    /// The matrix product of `[m, k]` and `[k, n]`.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                     "matmul of shapes \(shape) and \(other.shape)")
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        let a = values, b = other.values
        var output = [Float](repeating: 0, count: m * n)
        a.withPointer { pa in b.withPointer { pb in output.withMutablePointer { pc in
            sgemm(m: m, n: n, k: k, a: pa, lda: k, b: pb, ldb: n, c: pc, ldc: n)
        } } }
        let left = self, right = other
        return Tensor.result(shape: [m, n], values: output, inputs: [self, other]) { g in
            var gradA: Tensor?, gradB: Tensor?
            if left.isRecorded { // dA = g · Bᵀ
                var da = [Float](repeating: 0, count: m * k)
                g.values.withPointer { pg in b.withPointer { pb in da.withMutablePointer { pd in
                    sgemm(transposeB: true, m: m, n: k, k: n, a: pg, lda: n, b: pb, ldb: n, c: pd, ldc: k)
                } } }
                gradA = Tensor(shape: [m, k], values: da)
            }
            if right.isRecorded { // dB = Aᵀ · g
                var db = [Float](repeating: 0, count: k * n)
                a.withPointer { pa in g.values.withPointer { pg in db.withMutablePointer { pd in
                    sgemm(transposeA: true, m: k, n: n, k: m, a: pa, lda: k, b: pg, ldb: n, c: pd, ldc: n)
                } } }
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
        var output = [Float](repeating: 0, count: n * outputs)
        if let bias, outputs > 0 {
            output.withUnsafeMutableBufferPointer { out in bias.values.withUnsafeBufferPointer { b in
                for row in 0..<n { (out.baseAddress! + row * outputs).update(from: b.baseAddress!, count: outputs) }
            } }
        }
        let xv = x.values, wv = weight.values
        xv.withPointer { px in wv.withPointer { pw in output.withMutablePointer { py in
            sgemm(transposeB: true, m: n, n: outputs, k: inputs, a: px, lda: inputs, b: pw, ldb: inputs,
                  beta: bias == nil ? 0 : 1, c: py, ldc: outputs)
        } } }
        let input = x, weights = weight
        return result(shape: [n, outputs], values: output, inputs: [x, weight] + (bias.map { [$0] } ?? [])) { g in
            var gradients: [Tensor?] = [nil, nil]
            if input.isRecorded { // dX = g · W
                var dx = [Float](repeating: 0, count: n * inputs)
                g.values.withPointer { pg in wv.withPointer { pw in dx.withMutablePointer { pd in
                    sgemm(m: n, n: inputs, k: outputs, a: pg, lda: outputs, b: pw, ldb: inputs, c: pd, ldc: inputs)
                } } }
                gradients[0] = Tensor(shape: [n, inputs], values: dx)
            }
            if weights.isRecorded { // dW = gᵀ · X
                var dw = [Float](repeating: 0, count: outputs * inputs)
                g.values.withPointer { pg in xv.withPointer { px in dw.withMutablePointer { pd in
                    sgemm(transposeA: true, m: outputs, n: inputs, k: n, a: pg, lda: outputs, b: px, ldb: inputs, c: pd, ldc: inputs)
                } } }
                gradients[1] = Tensor(shape: [outputs, inputs], values: dw)
            }
            if bias != nil {
                var db = [Double](repeating: 0, count: outputs)
                g.values.withUnsafeBufferPointer { gv in
                    for row in 0..<n { for j in 0..<outputs { db[j] += Double(gv[row * outputs + j]) } }
                }
                gradients.append(Tensor(shape: [outputs], values: db.map(Float.init)))
            }
            return gradients
        }
    }
}
