import Randomness

/// A dense, row-major `Float` tensor of any rank.
///
/// `Tensor` is a value: its elements live in a copy-on-write `[Float]`, so copies are cheap and a mutation never
/// shows through another copy. Reshaping shares the storage. A tensor produced by an operation on tensors that take
/// part in differentiation carries a `GraphNode`, through which `backward()` sends gradients back to the
/// `Parameter`s it was computed from (see `Documentation/TensorEngine.md`).
public struct Tensor {
    /// The size of every axis, outermost first. A scalar has shape `[]`.
    public let shape: [Int]
    /// The elements in row-major order; `values.count == shape.reduce(1, *)`.
    public private(set) var values: [Float]
    /// The operation that produced this tensor, when it is being recorded for differentiation.
    let node: GraphNode?

    init(shape: [Int], values: [Float], node: GraphNode?) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative size in shape \(shape)")
        precondition(values.count == Tensor.elementCount(shape),
                     "\(values.count) values do not fill shape \(shape)")
        self.shape = shape
        self.values = values
        self.node = node
    }

    /// A constant tensor (not part of any recorded graph) holding `values` in row-major order.
    public init(shape: [Int], values: [Float]) {
        self.init(shape: shape, values: values, node: nil)
    }

    /// A scalar constant.
    public init(_ scalar: Float) {
        self.init(shape: [], values: [scalar], node: nil)
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, values: [Float](repeating: value, count: Tensor.elementCount(shape)), node: nil)
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Elements drawn independently from U(low, high).
    public static func uniform<G: RandomNumberGenerator>(_ shape: [Int], low: Float = 0, high: Float = 1,
                                                          using generator: inout G) -> Tensor {
        let count = elementCount(shape)
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count { values[i] = low + (high - low) * generator.nextUnitFloat() }
        return Tensor(shape: shape, values: values)
    }

    /// Elements drawn independently from N(mean, std²).
    public static func normal<G: RandomNumberGenerator>(_ shape: [Int], mean: Float = 0, std: Float = 1,
                                                         using generator: inout G) -> Tensor {
        let count = elementCount(shape)
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count { values[i] = mean + std * Float(generator.nextStandardNormal()) }
        return Tensor(shape: shape, values: values)
    }

    public var rank: Int { shape.count }
    public var count: Int { values.count }

    /// The only element of a one-element tensor (a scalar loss, for instance).
    public var scalar: Float {
        precondition(values.count == 1, "scalar of a tensor of shape \(shape)")
        return values[0]
    }

    /// The element at a full multi-index.
    public subscript(indices: Int...) -> Float {
        values[flatIndex(indices)]
    }

    /// The row-major position of a multi-index.
    public func flatIndex(_ indices: [Int]) -> Int {
        precondition(indices.count == shape.count, "\(indices.count) indices for shape \(shape)")
        var flat = 0
        for (axis, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[axis], "index \(index) out of range for axis \(axis) of \(shape)")
            flat = flat * shape[axis] + index
        }
        return flat
    }

    /// Whether this tensor is part of a recorded graph (its gradient can be computed by `backward()`).
    public var isRecorded: Bool { node != nil }

    /// The same values, cut loose from any recorded graph.
    public var detached: Tensor { Tensor(shape: shape, values: values, node: nil) }

    /// Mutates the elements in place (copying the storage first if it is shared). The result is a constant.
    public mutating func withUnsafeMutableValues<R>(_ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        precondition(node == nil, "in-place mutation of a recorded tensor would corrupt its gradient")
        return try values.withUnsafeMutableBufferPointer(body)
    }

    static func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Normalises a possibly negative axis (−1 = last) and checks it.
    func axisIndex(_ axis: Int) -> Int {
        let resolved = axis < 0 ? axis + shape.count : axis
        precondition(resolved >= 0 && resolved < shape.count, "axis \(axis) out of range for shape \(shape)")
        return resolved
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = values.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), values: [\(preview)\(values.count > 8 ? ", …" : "")])"
    }
}

/// Allocates an array of `count` floats and lets `body` initialise every element.
@inline(__always)
func makeValues(_ count: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        body(buffer)
        initialized = count
    }
}
