/// One recorded operation of the autodiff graph.
///
/// A node knows the nodes of its inputs and a closure that turns the gradient of its output into the gradients of
/// its inputs (one per input, `nil` where an input needs none). Leaf nodes stand for a `Parameter`, into which the
/// gradient is accumulated. Nodes are classes because identity matters: a tensor used twice is one node with two
/// consumers, and its gradient is the sum of both contributions.
final class GraphNode {
    let inputs: [GraphNode?]
    let backward: ((Tensor) -> [Tensor?])?
    let parameter: Parameter?

    init(inputs: [GraphNode?], backward: @escaping (Tensor) -> [Tensor?]) {
        self.inputs = inputs
        self.backward = backward
        self.parameter = nil
    }

    init(leaf parameter: Parameter) {
        self.inputs = []
        self.backward = nil
        self.parameter = parameter
    }
}

/// Whether operations are recorded for differentiation in the current task.
///
/// Recording is on by default. `withoutGradients` switches it off for a scope (inference, target networks, Adam
/// updates). The switch is a task-local value, not global state, so concurrent tasks never see each other's mode.
public enum GradientRecording {
    @TaskLocal public static var isEnabled = true
}

/// Runs `body` without recording any operation: results are constants and cost no graph memory.
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientRecording.$isEnabled.withValue(false, operation: body)
}

extension Tensor {
    /// The result of an operation: recorded with `backward` when recording is on and some input is recorded,
    /// a constant otherwise. `backward` receives the output's gradient and returns one gradient per input, each
    /// with that input's shape (or `nil` when that input is not recorded).
    static func result(shape: [Int], values: [Float], inputs: [Tensor],
                       backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        guard inputs.contains(where: { $0.node != nil }), GradientRecording.isEnabled else {
            return Tensor(shape: shape, values: values, node: nil)
        }
        return Tensor(shape: shape, values: values, node: GraphNode(inputs: inputs.map(\.node), backward: backward))
    }

    /// Back-propagates from this scalar: accumulates d(self)/dθ into `gradient` of every `Parameter` θ it was
    /// computed from. The graph is walked once in reverse topological order; intermediate gradients are freed as
    /// soon as they have been passed on.
    public func backward() {
        precondition(count == 1, "backward() needs a scalar; this tensor has shape \(shape) (use backward(gradient:))")
        backward(gradient: Tensor(repeating: 1, shape: shape))
    }

    /// Back-propagates a given output gradient (same shape as this tensor).
    public func backward(gradient: Tensor) {
        precondition(gradient.shape == shape, "gradient shape \(gradient.shape) differs from tensor shape \(shape)")
        guard let root = node else { return }
        withoutGradients {
            var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): gradient.detached]
            for node in GraphNode.reverseTopologicalOrder(from: root) {
                guard let outputGradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                if let parameter = node.parameter {
                    parameter.accumulateGradient(outputGradient)
                    continue
                }
                guard let backward = node.backward else { continue }
                let inputGradients = backward(outputGradient)
                for (input, inputGradient) in zip(node.inputs, inputGradients) {
                    guard let input, let inputGradient else { continue }
                    let key = ObjectIdentifier(input)
                    if let existing = pending[key] {
                        pending[key] = existing.adding(inputGradient)
                    } else {
                        pending[key] = inputGradient
                    }
                }
            }
        }
    }
}

extension GraphNode {
    /// Every node reachable from `root`, each after all nodes that consume it (iterative depth-first search, so
    /// deep graphs do not overflow the stack).
    static func reverseTopologicalOrder(from root: GraphNode) -> [GraphNode] {
        var visited = Set<ObjectIdentifier>()
        var postOrder: [GraphNode] = []
        var stack: [(GraphNode, Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while let (node, next) = stack.last {
            if next < node.inputs.count {
                stack[stack.count - 1].1 = next + 1
                if let input = node.inputs[next], visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                postOrder.append(node)
                stack.removeLast()
            }
        }
        return postOrder.reversed()
    }
}
