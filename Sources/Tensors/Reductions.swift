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
