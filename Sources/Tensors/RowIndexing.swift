/// Row gathering and scattering: the message-passing primitives of the graph networks (paper Eqs. 1 and 3).
/// A "row" is everything after the first axis. Large gathers run in parallel over output rows, large scatters over
/// column blocks (every sum keeps its order, so results do not depend on the number of workers).
extension Tensor {
    /// `y[k] = x[index[k]]`; repeated indices accumulate gradient.
    public func gatherRows(_ index: [Int]) -> Tensor {
        Tensor.sumOfGatheredRows([(self, index)])
    }

    /// `y[k] = Σ_p x_p[index_p[k]]` over terms `(x_p, index_p)` whose rows have one shape and whose indices have
    /// one count, summed in term order: `a.gatherRows(i) + b.gatherRows(j)` in one pass, without the gathered
    /// intermediates. A message's first layer is the sum of its target's, its source's and its edge's projections.
    public static func sumOfGatheredRows(_ terms: [(rows: Tensor, index: [Int])]) -> Tensor {
        precondition(!terms.isEmpty, "sumOfGatheredRows needs at least one term")
        let rowShape = Array(terms[0].rows.shape.dropFirst()), count = terms[0].index.count
        for (x, index) in terms {
            precondition(x.rank >= 1 && Array(x.shape.dropFirst()) == rowShape && index.count == count,
                         "cannot sum gathers of shapes \(terms.map(\.rows.shape)) with \(terms.map(\.index.count)) indices")
            for i in index { precondition(i >= 0 && i < x.shape[0], "row index \(i) out of range 0..<\(x.shape[0])") }
        }
        let width = elementCount(rowShape)
        let sources = terms.map(\.rows.values), indices = terms.map(\.index)
        let output = makeValues(count * width) { out in
            let y = SharedFloats(out)
            parallelChunks(count, minimumChunk: Swift.max(1, 32_768 / Swift.max(width, 1))) { range in
                // Tiles of rows small enough to stay in cache while every term is added to them.
                for tile in Swift.stride(from: range.lowerBound, to: range.upperBound, by: 64) {
                    let rows = tile..<Swift.min(tile + 64, range.upperBound)
                    for (p, source) in sources.enumerated() {
                        source.withUnsafeBufferPointer { x in
                            for k in rows where width > 0 { // disjoint output rows per worker
                                let target = y.base + k * width, row = x.baseAddress! + indices[p][k] * width
                                if p == 0 {
                                    target.update(from: row, count: width)
                                } else {
                                    for j in 0..<width { target[j] = target[j] + row[j] }
                                }
                            }
                        }
                    }
                }
            }
        }
        let rowCounts = terms.map { $0.rows.shape[0] }, recorded = terms.map(\.rows.isRecorded)
        return result(shape: [count] + rowShape, values: output, inputs: terms.map(\.rows)) { g in
            // One pass over the rows of g scatters them into the gradient of every recorded term.
            let active = indices.indices.filter { recorded[$0] }
            var gradients = g.values.scatteredRows(width: width, into: active.map { (indices[$0], rowCounts[$0], nil) })
                .makeIterator()
            return indices.indices.map { p in
                recorded[p] ? Tensor(shape: [rowCounts[p]] + rowShape, values: gradients.next() ?? []) : nil
            }
        }
    }

    /// `y[i] = Σ_{k : index[k] = i} x[k]` with `rowCount` output rows.
    public func scatterAddRows(_ index: [Int], rowCount: Int) -> Tensor {
        let output = scatteredRows(index, rowCount: rowCount, scale: nil)
        return Tensor.result(shape: [rowCount] + shape.dropFirst(), values: output, inputs: [self]) { g in
            [g.gatherRows(index)]
        }
    }

    /// `y[i]` = the mean of the rows `x[k]` with `index[k] = i` (their sum times `1/count`); rows that receive
    /// nothing are 0.
    public func scatterMeanRows(_ index: [Int], rowCount: Int) -> Tensor {
        var counts = [Float](repeating: 0, count: rowCount)
        for i in index where i >= 0 && i < rowCount { counts[i] += 1 }
        let inverse = counts.map { 1 / Swift.max($0, 1) }
        let output = scatteredRows(index, rowCount: rowCount, scale: inverse)
        let outputShape = [rowCount] + shape.dropFirst()
        return Tensor.result(shape: outputShape, values: output, inputs: [self]) { g in
            let width = g.count / Swift.max(rowCount, 1)
            let scaled = makeValues(g.count) { out in
                g.values.withUnsafeBufferPointer { gv in
                    for i in 0..<rowCount { for j in 0..<width { out[i * width + j] = gv[i * width + j] * inverse[i] } }
                }
            }
            return [Tensor(shape: outputShape, values: scaled).gatherRows(index)]
        }
    }

    /// The row sums of `scatterAddRows`, each output row then multiplied by `scale[i]` when given.
    private func scatteredRows(_ index: [Int], rowCount: Int, scale: [Float]?) -> [Float] {
        precondition(rank >= 1 && shape[0] == index.count, "scatter of \(shape[0]) rows with \(index.count) indices")
        for i in index { precondition(i >= 0 && i < rowCount, "row index \(i) out of range 0..<\(rowCount)") }
        return values.scatteredRows(width: count / Swift.max(shape[0], 1), into: [(index, rowCount, scale)])[0]
    }
}

extension [Float] {
    /// Row `k` (of `width` elements) of this matrix added into row `index[k]` of every target (of `rowCount` rows,
    /// zero to begin with), whose rows are then multiplied by `scale[i]` where given. One pass over the rows, in
    /// parallel over column blocks. Indices must be in range.
    fileprivate func scatteredRows(width: Int, into targets: [(index: [Int], rowCount: Int, scale: [Float]?)]) -> [[Float]] {
        var outputs = targets.map { [Float](repeating: 0, count: $0.rowCount * width) }
        let rows = targets.first?.index.count ?? 0
        guard width > 0, rows > 0 else { return outputs }
        // Where row k goes, as element offsets, target by target: [k · targets.count + t].
        var offsets = [Int](repeating: 0, count: rows * targets.count)
        for (t, target) in targets.enumerated() {
            for k in 0..<rows { offsets[k * targets.count + t] = target.index[k] * width }
        }
        withUnsafeBufferPointer { xv in offsets.withUnsafeBufferPointer { offsets in
            let x = SharedFloats(UnsafeMutableBufferPointer(mutating: xv))
            outputs.withMutablePointers { pointers in
                let y = pointers.map { SharedFloats($0).base }
                parallelColumnBlocks(width: width, rows: rows) { columns in
                    y.withUnsafeBufferPointer { y in
                        for k in 0..<rows { // disjoint columns per worker
                            let row = x.base + k * width
                            for t in 0..<y.count {
                                let output = y[t] + offsets[k * y.count + t]
                                for j in columns { output[j] = output[j] + row[j] }
                            }
                        }
                    }
                    for (t, target) in targets.enumerated() {
                        guard let scale = target.scale else { continue }
                        for i in 0..<target.rowCount {
                            let output = y[t] + i * width
                            for j in columns { output[j] = output[j] * scale[i] }
                        }
                    }
                }
            }
        } }
        return outputs
    }
}

extension [[Float]] {
    /// Calls `body` with the storage of every array at once (mutable, never copied).
    fileprivate mutating func withMutablePointers(_ body: ([UnsafeMutableBufferPointer<Float>]) -> Void) {
        func nest(_ i: Int, _ buffers: [UnsafeMutableBufferPointer<Float>]) {
            guard i < count else { return body(buffers) }
            var array = self[i]
            self[i] = [] // `array` is now the only reference to its storage, which therefore is not copied
            array.withUnsafeMutableBufferPointer { nest(i + 1, buffers + [$0]) }
            self[i] = array
        }
        nest(0, [])
    }
}
