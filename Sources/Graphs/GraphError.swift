/// What was wrong with a graph, its costs, a label image or a sampler request, and where.
public enum GraphError: Error, CustomStringConvertible, Equatable {
    /// The node count is negative or does not fit in 32 bits.
    case invalidNodeCount(Int)
    /// Edge `index` names a node outside `0..<nodeCount`.
    case edgeOutOfRange(index: Int, u: Int, v: Int, nodeCount: Int)
    /// Edge `index` is not stored as `(u, v)` with `u < v` (self-loops included).
    case edgeNotOrdered(index: Int, u: Int, v: Int)
    /// Edge `index` does not come strictly after edge `index − 1` in lexicographic order (unsorted or duplicate).
    case edgesNotSorted(index: Int)
    /// A per-edge (or per-node) array has the wrong length.
    case countMismatch(what: String, expected: Int, actual: Int)
    /// A value that must be finite (a cost, a probability, an edge size) is NaN or infinite.
    case nonFiniteValue(what: String, index: Int)
    /// A parameter is outside its valid range.
    case invalidArgument(String)
    /// Superpixel ids must be exactly `0..<n` with every id present; `missing` is the smallest absent id.
    case nonConsecutiveLabels(maximum: UInt32, missing: UInt32)
    /// An image that must match the label image in shape does not.
    case shapeMismatch(what: String, expected: String, actual: String)
    /// A graph file could not be read or parsed.
    case unreadableFile(path: String, reason: String)
    /// A graph file parsed, but its content is not a valid graph.
    case invalidFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidNodeCount(n): "invalid node count \(n) (must be in 0...\(Int32.max))"
        case let .edgeOutOfRange(i, u, v, n): "edge \(i) = (\(u), \(v)) names a node outside 0..<\(n)"
        case let .edgeNotOrdered(i, u, v): "edge \(i) = (\(u), \(v)) must satisfy u < v"
        case let .edgesNotSorted(i): "edge \(i) is not strictly after edge \(i - 1) in lexicographic order (unsorted or duplicate)"
        case let .countMismatch(what, expected, actual): "\(what): expected \(expected) values, got \(actual)"
        case let .nonFiniteValue(what, index): "\(what) \(index) is NaN or infinite"
        case let .invalidArgument(text): "invalid argument: \(text)"
        case let .nonConsecutiveLabels(maximum, missing):
            "superpixel ids must be consecutive from 0: the largest is \(maximum) but \(missing) is absent (relabel sequentially first)"
        case let .shapeMismatch(what, expected, actual): "\(what): expected shape \(expected), got \(actual)"
        case let .unreadableFile(path, reason): "cannot read graph file '\(path)': \(reason)"
        case let .invalidFile(path, reason): "invalid graph file '\(path)': \(reason)"
        }
    }
}
