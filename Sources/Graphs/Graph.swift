/// An undirected edge `(u, v)` with `u < v`.
public struct Edge: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let u: Int
    public let v: Int

    /// Stores the pair as given; `Graph` checks that `u < v`.
    public init(_ u: Int, _ v: Int) {
        self.u = u
        self.v = v
    }

    public static func < (a: Edge, b: Edge) -> Bool { a.u != b.u ? a.u < b.u : a.v < b.v }
    public var description: String { "(\(u), \(v))" }
}

/// An undirected simple graph whose edges `(u, v)`, `u < v`, are sorted lexicographically — the single edge order of
/// the project (features, actions, costs, rewards and subgraphs all index edges by it) — with CSR adjacency.
public struct Graph: Sendable, Equatable {
    public let nodeCount: Int
    public let edges: [Edge]
    /// Node `n`'s adjacency entries are `adjacencyOffsets[n]..<adjacencyOffsets[n + 1]`; `nodeCount + 1` values.
    public let adjacencyOffsets: [Int]
    /// For each adjacency entry: the node at the other end, in increasing order per node.
    public let adjacentNodes: [Int]
    /// For each adjacency entry: the id (index into `edges`) of the edge it crosses.
    public let adjacentEdges: [Int]

    /// Validates the edges (in range, `u < v`, strictly increasing lexicographically) and builds the adjacency.
    /// Node and edge counts must fit in 32 bits (the solvers store ids compactly).
    public init(nodeCount: Int, edges: [Edge]) throws(GraphError) {
        guard nodeCount >= 0, nodeCount <= Int(Int32.max) else { throw .invalidNodeCount(nodeCount) }
        guard edges.count <= Int(Int32.max) else {
            throw .invalidArgument("\(edges.count) edges; at most \(Int32.max) are supported")
        }
        for (index, edge) in edges.enumerated() {
            guard edge.u >= 0, edge.v >= 0, edge.u < nodeCount, edge.v < nodeCount else {
                throw .edgeOutOfRange(index: index, u: edge.u, v: edge.v, nodeCount: nodeCount)
            }
            guard edge.u < edge.v else { throw .edgeNotOrdered(index: index, u: edge.u, v: edge.v) }
            if index > 0, !(edges[index - 1] < edge) { throw .edgesNotSorted(index: index) }
        }
        self.init(validatedNodeCount: nodeCount, edges: edges)
    }

    /// Builds the CSR adjacency of edges already known to be valid and sorted.
    init(validatedNodeCount nodeCount: Int, edges: [Edge]) {
        var offsets = [Int](repeating: 0, count: nodeCount + 1)
        for edge in edges {
            offsets[edge.u + 1] += 1
            offsets[edge.v + 1] += 1
        }
        for n in 0..<nodeCount { offsets[n + 1] += offsets[n] }
        var cursor = offsets
        var nodes = [Int](repeating: 0, count: 2 * edges.count)
        var ids = [Int](repeating: 0, count: 2 * edges.count)
        // Edges in lexicographic order give every node its neighbours in increasing order: first the smaller
        // neighbours (edges (x, n), x < n, come earlier), then the larger ones.
        for (id, edge) in edges.enumerated() {
            nodes[cursor[edge.u]] = edge.v
            ids[cursor[edge.u]] = id
            cursor[edge.u] += 1
            nodes[cursor[edge.v]] = edge.u
            ids[cursor[edge.v]] = id
            cursor[edge.v] += 1
        }
        self.nodeCount = nodeCount
        self.edges = edges
        adjacencyOffsets = offsets
        adjacentNodes = nodes
        adjacentEdges = ids
    }

    public var edgeCount: Int { edges.count }

    /// The range of `node`'s entries in `adjacentNodes` / `adjacentEdges`.
    @inlinable public func adjacency(of node: Int) -> Range<Int> {
        adjacencyOffsets[node]..<adjacencyOffsets[node + 1]
    }

    public func degree(of node: Int) -> Int { adjacencyOffsets[node + 1] - adjacencyOffsets[node] }

    /// The id of edge `(a, b)` (either order), or nil if the nodes are not adjacent. Binary search, O(log degree).
    public func edgeID(_ a: Int, _ b: Int) -> Int? {
        guard a >= 0, b >= 0, a < nodeCount, b < nodeCount else { return nil }
        var low = adjacencyOffsets[a], high = adjacencyOffsets[a + 1]
        while low < high {
            let mid = (low + high) / 2
            if adjacentNodes[mid] < b { low = mid + 1 } else { high = mid }
        }
        return low < adjacencyOffsets[a + 1] && adjacentNodes[low] == b ? adjacentEdges[low] : nil
    }

    /// Connected components (over all edges, or over the edges `keep` accepts), numbered 0, 1, … in order of their
    /// smallest node.
    public func connectedComponents(keeping keep: (Int) -> Bool = { _ in true }) -> [Int] {
        var component = [Int](repeating: -1, count: nodeCount)
        var stack: [Int] = []
        var next = 0
        for start in 0..<nodeCount where component[start] < 0 {
            component[start] = next
            stack.append(start)
            while let node = stack.popLast() {
                for entry in adjacency(of: node) where component[adjacentNodes[entry]] < 0 && keep(adjacentEdges[entry]) {
                    component[adjacentNodes[entry]] = next
                    stack.append(adjacentNodes[entry])
                }
            }
            next += 1
        }
        return component
    }
}
