import Foundation

/// A trainable tensor: a value that optimisers update in place and a gradient that `backward()` accumulates into.
///
/// A class because identity matters: a layer and its optimiser refer to the same parameter, and every use of it in
/// a forward pass must send its gradient to the same place. Inputs whose gradient you want (tests, saliency) are
/// wrapped in a `Parameter` too.
public final class Parameter {
    /// The current value (a constant tensor); change it with `assign(_:)` or `update(_:)`.
    public private(set) var value: Tensor
    /// The accumulated gradient since the last `zeroGradient()`, or `nil` if none arrived.
    public internal(set) var gradient: Tensor?

    public init(_ value: Tensor) {
        self.value = value.detached
    }

    public var shape: [Int] { value.shape }

    /// Replaces the value by one of the same shape.
    public func assign(_ newValue: Tensor) {
        precondition(newValue.shape == value.shape, "assigning shape \(newValue.shape) to a parameter of shape \(value.shape)")
        value = newValue.detached
    }

    /// Mutates the value in place (optimiser steps, target-network updates) without copying it.
    public func update<R>(_ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try value.withUnsafeMutableValues(body)
    }

    /// The value as a recorded leaf of the autodiff graph (a constant when recording is off).
    public var tensor: Tensor {
        GradientRecording.isEnabled ? Tensor(shape: value.shape, values: value.values, node: GraphNode(leaf: self)) : value
    }

    public func zeroGradient() { gradient = nil }

    /// Sets the gradient directly (e.g. to scale it); its shape must be the parameter's.
    public func setGradient(_ newGradient: Tensor?) {
        if let newGradient { precondition(newGradient.shape == shape, "gradient shape \(newGradient.shape) for parameter \(shape)") }
        gradient = newGradient?.detached
    }

    func accumulateGradient(_ contribution: Tensor) {
        precondition(contribution.shape == shape, "gradient of shape \(contribution.shape) for parameter \(shape)")
        gradient = gradient.map { $0.adding(contribution) } ?? contribution.detached
    }
}

/// Scales the gradients of `parameters` so that their joint L2 norm is at most `maxNorm` (as PyTorch's
/// `clip_grad_norm_`: factor `maxNorm / (norm + 1e-6)` when below 1). Returns the norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var sumOfSquares = 0.0
    for parameter in parameters {
        guard let gradient = parameter.gradient else { continue }
        sumOfSquares += gradient.values.withUnsafeBufferPointer { g in g.baseAddress.map { moments($0, g.count).1 } ?? 0 }
    }
    let norm = Float(sumOfSquares.squareRoot())
    let factor = maxNorm / (norm + 1e-6)
    if factor < 1 {
        for parameter in parameters {
            guard var gradient = parameter.gradient else { continue }
            gradient.withUnsafeMutableValues { buffer in for i in buffer.indices { buffer[i] *= factor } }
            parameter.gradient = gradient
        }
    }
    return norm
}
