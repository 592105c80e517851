/// Row gathering and scattering: the message-passing primitives of the graph networks (paper Eqs. 1 and 3).
/// A "row" is everything after the first axis.
extension Tensor {
    /// `y[k] = x[index[k]]`; repeated indices accumulate gradient.
    public func gatherRows(_ index: [Int]) -> Tensor {
        precondition(rank >= 1, "gatherRows needs at least one axis")
        let rows = shape[0], width = count / Swift.max(rows, 1)
        for i in index { precondition(i >= 0 && i < rows, "row index \(i) out of range 0..<\(rows)") }
        let output = makeValues(index.count * width) { out in
            values.withUnsafeBufferPointer { x in
                for (k, i) in index.enumerated() where width > 0 {
                    (out.baseAddress! + k * width).update(from: x.baseAddress! + i * width, count: width)
                }
            }
        }
        let inputShape = shape
        return Tensor.result(shape: [index.count] + shape.dropFirst(), values: output, inputs: [self]) { g in
            [g.scatterAddRows(index, rowCount: inputShape[0])]
        }
    }

    /// `y[i] = Σ_{k : index[k] = i} x[k]` with `rowCount` output rows.
    public func scatterAddRows(_ index: [Int], rowCount: Int) -> Tensor {
        precondition(rank >= 1 && shape[0] == index.count, "scatter of \(shape[0]) rows with \(index.count) indices")
        let width = count / Swift.max(shape[0], 1)
        for i in index { precondition(i >= 0 && i < rowCount, "row index \(i) out of range 0..<\(rowCount)") }
        var output = [Float](repeating: 0, count: rowCount * width)
        output.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { x in
                for (k, i) in index.enumerated() { for j in 0..<width { out[i * width + j] += x[k * width + j] } }
            }
        }
        return Tensor.result(shape: [rowCount] + shape.dropFirst(), values: output, inputs: [self]) { g in
            [g.gatherRows(index)]
        }
    }

    /// `y[i]` = the mean of the rows `x[k]` with `index[k] = i`; rows that receive nothing are 0.
    public func scatterMeanRows(_ index: [Int], rowCount: Int) -> Tensor {
        var counts = [Float](repeating: 0, count: rowCount)
        for i in index where i >= 0 && i < rowCount { counts[i] += 1 }
        let inverse = Tensor(shape: [rowCount] + [Int](repeating: 1, count: Swift.max(rank - 1, 0)),
                             values: counts.map { 1 / Swift.max($0, 1) })
        return scatterAddRows(index, rowCount: rowCount) * inverse
    }
}
