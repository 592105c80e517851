/// Depth and widths of a graph network (actor or critic). The paper's networks (depth 2, hidden width 2028) are
/// `NetworkShape(depth: 2, width: 2028, hiddenLayers: 1)`; the CPU defaults are far smaller.
public struct NetworkShape: Sendable, Equatable, Codable {
    /// Node message-passing layers (Eq. 1 / Eq. 3), at least 1.
    public var depth: Int
    /// Width of every hidden layer and of the node embeddings.
    public var width: Int
    /// Hidden layers inside every MLP (φ, γ, ψ and the Q heads), at least 1.
    public var hiddenLayers: Int

    public init(depth: Int = 2, width: Int = 64, hiddenLayers: Int = 1) {
        self.depth = depth
        self.width = width
        self.hiddenLayers = hiddenLayers
    }

    public func validate(_ what: String) throws(AgentError) {
        guard depth >= 1, width >= 1, hiddenLayers >= 1 else {
            throw .invalidConfiguration("\(what) needs depth, width and hidden layers ≥ 1, got \(self)")
        }
    }

    var hidden: [Int] { [Int](repeating: width, count: hiddenLayers) }
}
