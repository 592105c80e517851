import Foundation

/// Element-wise arithmetic with NumPy/PyTorch broadcasting, and the element-wise functions (activations, exp, log…).
extension Tensor {
    /// The shape two shapes broadcast to (aligned at the last axis; sizes equal or 1).
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = Swift.max(a.count, b.count)
        var shape = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            precondition(x == y || x == 1 || y == 1, "shapes \(a) and \(b) do not broadcast")
            shape[i] = x == 1 ? y : x
        }
        return shape
    }

    /// Element strides of `shape` seen inside the broadcast shape `target` (0 along broadcast axes).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for i in Swift.stride(from: shape.count - 1, through: 0, by: -1) {
            let axis = i + target.count - shape.count
            strides[axis] = shape[i] == 1 ? 0 : step
            step *= shape[i]
        }
        return strides
    }

    /// Applies `op` to the broadcast pairs of `a` and `b`.
    @inline(__always)
    static func broadcastBinary(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> (shape: [Int], values: [Float]) {
        if a.shape == b.shape {
            let values = makeValues(a.count) { out in
                a.values.withUnsafeBufferPointer { x in b.values.withUnsafeBufferPointer { y in
                    for i in 0..<out.count { out[i] = op(x[i], y[i]) }
                } }
            }
            return (a.shape, values)
        }
        let shape = broadcastShape(a.shape, b.shape)
        let count = elementCount(shape)
        if b.count == 1 {
            let s = b.values[0]
            return (shape, makeValues(count) { out in a.values.withUnsafeBufferPointer { x in for i in 0..<count { out[i] = op(x[i], s) } } })
        }
        if a.count == 1 {
            let s = a.values[0]
            return (shape, makeValues(count) { out in b.values.withUnsafeBufferPointer { y in for i in 0..<count { out[i] = op(s, y[i]) } } })
        }
        let stridesA = broadcastStrides(a.shape, to: shape)
        let stridesB = broadcastStrides(b.shape, to: shape)
        let values = makeValues(count) { out in
            a.values.withUnsafeBufferPointer { x in b.values.withUnsafeBufferPointer { y in
                forEachRow(shape) { outOffset, index in
                    var offsetA = 0, offsetB = 0
                    for axis in 0..<(shape.count - 1) { offsetA += index[axis] * stridesA[axis]; offsetB += index[axis] * stridesB[axis] }
                    let last = shape.count - 1
                    let sa = stridesA[last], sb = stridesB[last]
                    for j in 0..<shape[last] { out[outOffset + j] = op(x[offsetA + j * sa], y[offsetB + j * sb]) }
                }
            } }
        }
        return (shape, values)
    }

    /// Calls `body(offset, index)` for every row (all axes but the last) of a row-major `shape`.
    @inline(__always)
    static func forEachRow(_ shape: [Int], _ body: (Int, [Int]) -> Void) {
        guard let rowLength = shape.last, elementCount(shape) > 0 else { return }
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        let total = elementCount(shape)
        while offset < total {
            body(offset, index)
            offset += rowLength
            var axis = shape.count - 2
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
    }

    /// Sums down to `target`, a shape that broadcasts to this one (the adjoint of `broadcast(to:)`; gradients of
    /// broadcast inputs are computed with it).
    public func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(target.count <= shape.count, "cannot sum shape \(shape) to \(target)")
        let padded = [Int](repeating: 1, count: shape.count - target.count) + target
        let strides = Tensor.broadcastStrides(padded, to: shape)
        var result = [Float](repeating: 0, count: Tensor.elementCount(target))
        result.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { x in
                Tensor.forEachRow(shape) { offset, index in
                    var target = 0
                    for axis in 0..<(shape.count - 1) { target += index[axis] * strides[axis] }
                    let last = shape.count - 1
                    let s = strides[last]
                    if s == 0 {
                        var sum: Float = 0
                        for j in 0..<shape[last] { sum += x[offset + j] }
                        out[target] += sum
                    } else {
                        for j in 0..<shape[last] { out[target + j * s] += x[offset + j] }
                    }
                }
            }
        }
        let inputShape = shape
        return Tensor.result(shape: target, values: result, inputs: [self]) { g in [g.broadcast(to: inputShape)] }
    }

    /// This tensor repeated along broadcast axes to `target` (the adjoint of `summed(toShape:)`).
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(Tensor.broadcastShape(shape, target) == target, "cannot broadcast \(shape) to \(target)")
        let source = self.detached
        return Tensor.result(shape: target, values: Tensor.broadcastBinary(Tensor.zeros(target), source, { $1 }).values,
                             inputs: [self]) { g in [g.summed(toShape: source.shape)] }
    }

    /// Element-wise sum of two same-shaped constants (used for gradient accumulation; never recorded).
    func adding(_ other: Tensor) -> Tensor {
        precondition(shape == other.shape, "adding shapes \(shape) and \(other.shape)")
        return Tensor(shape: shape, values: Tensor.broadcastBinary(self, other, +).values)
    }

    // MARK: Binary arithmetic

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (shape, values) = broadcastBinary(a, b, +)
        let shapeA = a.shape, shapeB = b.shape
        return result(shape: shape, values: values, inputs: [a, b]) { g in
            [g.summed(toShape: shapeA), g.summed(toShape: shapeB)]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (shape, values) = broadcastBinary(a, b, -)
        let shapeA = a.shape, shapeB = b.shape
        return result(shape: shape, values: values, inputs: [a, b]) { g in
            [g.summed(toShape: shapeA), g.negatedConstant().summed(toShape: shapeB)]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (shape, values) = broadcastBinary(a, b, *)
        let x = a.detached, y = b.detached
        return result(shape: shape, values: values, inputs: [a, b]) { g in
            [a.isRecorded ? (g * y).summed(toShape: x.shape) : nil,
             b.isRecorded ? (g * x).summed(toShape: y.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (shape, values) = broadcastBinary(a, b, /)
        let x = a.detached, y = b.detached
        let quotient = Tensor(shape: shape, values: values)
        return result(shape: shape, values: values, inputs: [a, b]) { g in
            let gOverY = g / y
            return [a.isRecorded ? gOverY.summed(toShape: x.shape) : nil,
                    b.isRecorded ? (gOverY * quotient).negatedConstant().summed(toShape: y.shape) : nil]
        }
    }

    public static prefix func - (a: Tensor) -> Tensor { a.map({ -$0 }, derivative: { _, _ in -1 }) }

    public static func + (a: Tensor, b: Float) -> Tensor { a + Tensor(b) }
    public static func - (a: Tensor, b: Float) -> Tensor { a - Tensor(b) }
    public static func * (a: Tensor, b: Float) -> Tensor { a * Tensor(b) }
    public static func / (a: Tensor, b: Float) -> Tensor { a / Tensor(b) }
    public static func + (a: Float, b: Tensor) -> Tensor { Tensor(a) + b }
    public static func - (a: Float, b: Tensor) -> Tensor { Tensor(a) - b }
    public static func * (a: Float, b: Tensor) -> Tensor { Tensor(a) * b }
    public static func / (a: Float, b: Tensor) -> Tensor { Tensor(a) / b }

    func negatedConstant() -> Tensor {
        Tensor(shape: shape, values: makeValues(count) { out in values.withUnsafeBufferPointer { x in for i in 0..<x.count { out[i] = -x[i] } } })
    }

    // MARK: Element-wise functions

    /// Applies `f` element-wise; the gradient is `g · derivative(x, y)` with `y = f(x)`. The local derivatives are
    /// evaluated during the forward pass (only when recording), where `derivative` is inlined, so the backward
    /// pass is a plain product.
    @inline(__always)
    func map(_ f: (Float) -> Float, derivative: (Float, Float) -> Float) -> Tensor {
        let output = makeValues(count) { out in values.withUnsafeBufferPointer { x in for i in 0..<x.count { out[i] = f(x[i]) } } }
        guard node != nil, GradientRecording.isEnabled else { return Tensor(shape: shape, values: output) }
        let slopes = makeValues(count) { out in
            values.withUnsafeBufferPointer { x in output.withUnsafeBufferPointer { y in
                for i in 0..<x.count { out[i] = derivative(x[i], y[i]) }
            } }
        }
        return Tensor.result(shape: shape, values: output, inputs: [self]) { g in
            [Tensor(shape: g.shape, values: makeValues(g.count) { out in
                g.values.withUnsafeBufferPointer { gv in slopes.withUnsafeBufferPointer { d in
                    for i in 0..<gv.count { out[i] = gv[i] * d[i] }
                } }
            })]
        }
    }

    public func relu() -> Tensor { map({ Swift.max($0, 0) }, derivative: { x, _ in x > 0 ? 1 : 0 }) }

    /// `x` for positive `x`, `slope · x` otherwise (PyTorch default slope 0.01).
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        map({ $0 > 0 ? $0 : slope * $0 }, derivative: { x, _ in x > 0 ? 1 : slope })
    }

    /// `x` for positive `x`, `α(eˣ − 1)` otherwise.
    public func elu(alpha: Float = 1) -> Tensor {
        map({ $0 > 0 ? $0 : alpha * (expf($0) - 1) }, derivative: { x, y in x > 0 ? 1 : y + alpha })
    }

    public func sigmoid() -> Tensor { map(stableSigmoid, derivative: { _, y in y * (1 - y) }) }

    public func tanh() -> Tensor { map(tanhf, derivative: { _, y in 1 - y * y }) }

    /// `log(1 + eˣ)`, computed stably; returns `x` above `threshold` as PyTorch does (beta 1, threshold 20).
    public func softplus(threshold: Float = 20) -> Tensor {
        map({ $0 > threshold ? $0 : Swift.max($0, 0) + log1pf(expf(-Swift.abs($0))) },
            derivative: { x, _ in x > threshold ? 1 : stableSigmoid(x) })
    }

    public func exp() -> Tensor { map(expf, derivative: { _, y in y }) }
    public func log() -> Tensor { map(logf, derivative: { x, _ in 1 / x }) }
    public func sqrt() -> Tensor { map(sqrtf, derivative: { _, y in 0.5 / y }) }

    /// `xᵖ` for a constant exponent.
    public func pow(_ exponent: Float) -> Tensor {
        if exponent == 2 { return map({ $0 * $0 }, derivative: { x, _ in 2 * x }) }
        return map({ powf($0, exponent) }, derivative: { x, _ in exponent * powf(x, exponent - 1) })
    }

    /// Clamps into `[lower, upper]`; the gradient passes where `lower ≤ x ≤ upper` (as PyTorch).
    public func clamped(min lower: Float = -.infinity, max upper: Float = .infinity) -> Tensor {
        map({ Swift.min(Swift.max($0, lower), upper) }, derivative: { x, _ in x >= lower && x <= upper ? 1 : 0 })
    }

    public func abs() -> Tensor { map({ Swift.abs($0) }, derivative: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }) }
}

@inline(__always)
func stableSigmoid(_ x: Float) -> Float {
    x >= 0 ? 1 / (1 + expf(-x)) : { let e = expf(x); return e / (1 + e) }()
}
