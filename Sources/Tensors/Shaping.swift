/// Reshape, transpose, concatenation, splitting and slicing.
extension Tensor {
    /// The same elements under a new shape (no copy). One size may be −1 and is inferred.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            target[unknown] = count / known
        }
        precondition(Tensor.elementCount(target) == count, "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        let inputShape = shape
        return Tensor.result(shape: target, values: values, inputs: [self]) { g in
            [Tensor(shape: inputShape, values: g.values)]
        }
    }

    /// The axes reordered: axis `i` of the result is axis `permutation[i]` of this tensor (a copy).
    public func permuted(_ permutation: [Int]) -> Tensor {
        precondition(permutation.sorted() == Array(0..<rank), "\(permutation) is not a permutation of the axes of \(shape)")
        let outputShape = permutation.map { shape[$0] }
        var sourceStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { sourceStrides[axis] = sourceStrides[axis + 1] * shape[axis + 1] }
        let strides = permutation.map { sourceStrides[$0] }
        let output = makeValues(count) { out in
            values.withUnsafeBufferPointer { x in
                guard !outputShape.isEmpty else { if count == 1 { out[0] = x[0] }; return }
                Tensor.forEachRow(outputShape) { offset, index in
                    var source = 0
                    for axis in 0..<(outputShape.count - 1) { source += index[axis] * strides[axis] }
                    let s = strides[outputShape.count - 1]
                    for j in 0..<outputShape[outputShape.count - 1] { out[offset + j] = x[source + j * s] }
                }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return Tensor.result(shape: outputShape, values: output, inputs: [self]) { g in [g.permuted(inverse)] }
    }

    /// The transpose of a matrix.
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed() needs a matrix, got shape \(shape)")
        return permuted([1, 0])
    }

    /// Joins tensors along `axis`; all other sizes must agree.
    public static func concatenate(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concatenate needs at least one tensor")
        let first = tensors[0]
        let a = first.axisIndex(axis)
        for t in tensors {
            precondition(t.rank == first.rank && t.shape.enumerated().allSatisfy { $0.offset == a || $0.element == first.shape[$0.offset] },
                         "cannot concatenate shapes \(tensors.map(\.shape)) along axis \(axis)")
        }
        let outer = first.shape[..<a].reduce(1, *), inner = first.shape[(a + 1)...].reduce(1, *)
        let sizes = tensors.map { $0.shape[a] }
        var outputShape = first.shape
        outputShape[a] = sizes.reduce(0, +)
        let rowLength = outputShape[a] * inner
        let output = makeValues(Tensor.elementCount(outputShape)) { out in
            var start = 0
            for t in tensors {
                let block = t.shape[a] * inner
                t.values.withUnsafeBufferPointer { x in
                    for o in 0..<outer where block > 0 {
                        (out.baseAddress! + o * rowLength + start).update(from: x.baseAddress! + o * block, count: block)
                    }
                }
                start += block
            }
        }
        return result(shape: outputShape, values: output, inputs: tensors) { g in
            var offset = 0
            return sizes.map { size in
                defer { offset += size }
                return g.slice(axis: a, offset..<(offset + size))
            }
        }
    }

    /// Splits along `axis` into consecutive pieces of the given sizes (which must add up to the axis length).
    public func split(sizes: [Int], axis: Int) -> [Tensor] {
        let a = axisIndex(axis)
        precondition(sizes.reduce(0, +) == shape[a], "split sizes \(sizes) do not add up to \(shape[a]) (axis \(axis) of \(shape))")
        var offset = 0
        return sizes.map { size in
            defer { offset += size }
            return slice(axis: a, offset..<(offset + size))
        }
    }

    /// The elements whose index along `axis` lies in `range` (a copy).
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = axisIndex(axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[a], "slice \(range) out of bounds for axis \(axis) of \(shape)")
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        var outputShape = shape
        outputShape[a] = range.count
        let block = range.count * inner, rowLength = shape[a] * inner, start = range.lowerBound * inner
        let output = makeValues(outer * block) { out in
            values.withUnsafeBufferPointer { x in
                for o in 0..<outer where block > 0 {
                    (out.baseAddress! + o * block).update(from: x.baseAddress! + o * rowLength + start, count: block)
                }
            }
        }
        let inputShape = shape
        return Tensor.result(shape: outputShape, values: output, inputs: [self]) { g in
            var gradient = [Float](repeating: 0, count: Tensor.elementCount(inputShape))
            gradient.withUnsafeMutableBufferPointer { out in
                g.values.withUnsafeBufferPointer { gv in
                    for o in 0..<outer where block > 0 {
                        (out.baseAddress! + o * rowLength + start).update(from: gv.baseAddress! + o * block, count: block)
                    }
                }
            }
            return [Tensor(shape: inputShape, values: gradient)]
        }
    }
}
