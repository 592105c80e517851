/// Subgraphs of one size: `count` subgraphs of exactly `size` edges each, stored flat.
public struct Subgraphs: Sendable, Equatable {
    public let size: Int
    /// `count × size` edge ids; subgraph `i` is `edgeIDs[i * size ..< (i + 1) * size]`, in insertion order (the order
    /// the critic head reads them in).
    public let edgeIDs: [Int]
    /// Connected components with fewer than `size` edges: their edges are in no subgraph of this size.
    public let skippedComponents: Int

    public var count: Int { size == 0 ? 0 : edgeIDs.count / size }

    public subscript(index: Int) -> ArraySlice<Int> { edgeIDs[index * size..<(index + 1) * size] }
}

/// The dense subgraph sampler of the paper (Alg. 1): covers a graph with connected subgraphs of exactly `k` edges that
/// are as dense as possible, the units the critic scores (paper §3.2).
///
/// Each subgraph starts from an edge chosen uniformly among those not yet covered (by the seeded generator), then
/// grows one edge at a time: while an unused edge joins two nodes already drawn, it takes that edge (closing a
/// cycle); only then does it draw a new node, across the oldest waiting edge from a drawn node (breadth first).
/// Subgraphs are produced until every edge is covered; they overlap, since only the seed must be new.
///
/// A connected component with fewer than `k` edges cannot hold a connected `k`-edge subgraph: it is skipped for that
/// size (counted in `Subgraphs.skippedComponents`) — the reference code loops forever or reads an empty queue there.
/// Unlike the reference, every edge of a subgraph, the last included, counts as covered.
public struct DenseSubgraphSampler: Sendable {
    public let graph: Graph
    private let component: [Int]
    private let componentEdgeCounts: [Int]

    public init(graph: Graph) {
        self.graph = graph
        component = graph.connectedComponents()
        var counts = [Int](repeating: 0, count: (component.max() ?? -1) + 1)
        for edge in graph.edges { counts[component[edge.u]] += 1 }
        componentEdgeCounts = counts
    }

    /// Subgraphs for every size, drawing from one `SplitMix64(seed:)`, sizes in the given order.
    public func sample(sizes: [Int], seed: UInt64) throws(GraphError) -> [Subgraphs] {
        var generator = SplitMix64(seed: seed)
        var result: [Subgraphs] = []
        for size in sizes { result.append(try sample(size: size, using: &generator)) }
        return result
    }

    /// Subgraphs of exactly `size` edges covering every edge of the components with at least `size` edges.
    public func sample(size: Int, using generator: inout some RandomNumberGenerator) throws(GraphError) -> Subgraphs {
        guard size >= 2 else { throw .invalidArgument("subgraph size must be at least 2, got \(size)") }
        let edges = graph.edges
        // Uncovered edges of large-enough components, with positions for O(1) removal.
        var uncovered: [Int] = []
        var position = [Int](repeating: -1, count: edges.count)
        for (e, edge) in edges.enumerated() where componentEdgeCounts[component[edge.u]] >= size {
            position[e] = uncovered.count
            uncovered.append(e)
        }
        let skipped = componentEdgeCounts.count { $0 > 0 && $0 < size }

        var output: [Int] = []
        var edgeStamp = [Int](repeating: 0, count: edges.count)   // == subgraph number: edge used in this subgraph
        var nodeStamp = [Int](repeating: 0, count: graph.nodeCount) // == subgraph number: node drawn
        var closing: [Int] = [], closingHead = 0                   // unused edges between drawn nodes
        var growing: [Int] = [], growingHead = 0                   // edges from a drawn node to a then-undrawn one
        var subgraph = 0

        func cover(_ e: Int) {
            let p = position[e]
            guard p >= 0 else { return }
            let last = uncovered.removeLast()
            if last != e {
                uncovered[p] = last
                position[last] = p
            }
            position[e] = -1
        }

        while !uncovered.isEmpty {
            subgraph += 1
            closing.removeAll(keepingCapacity: true)
            growing.removeAll(keepingCapacity: true)
            closingHead = 0
            growingHead = 0
            var count = 0

            func use(_ e: Int) {
                edgeStamp[e] = subgraph
                output.append(e)
                cover(e)
                count += 1
            }
            func draw(_ node: Int) {
                nodeStamp[node] = subgraph
                for entry in graph.adjacency(of: node) where edgeStamp[graph.adjacentEdges[entry]] != subgraph {
                    if nodeStamp[graph.adjacentNodes[entry]] == subgraph {
                        closing.append(graph.adjacentEdges[entry])
                    } else {
                        growing.append(graph.adjacentEdges[entry])
                    }
                }
            }

            let seed = uncovered[Int.random(in: 0..<uncovered.count, using: &generator)]
            use(seed)
            draw(edges[seed].u)
            draw(edges[seed].v)
            while count < size {
                if closingHead < closing.count {
                    let e = closing[closingHead]
                    closingHead += 1
                    if edgeStamp[e] != subgraph { use(e) }
                } else if growingHead < growing.count {
                    let e = growing[growingHead]
                    growingHead += 1
                    guard edgeStamp[e] != subgraph else { continue }
                    use(e)
                    let (u, v) = (edges[e].u, edges[e].v)
                    if nodeStamp[u] != subgraph { draw(u) } else if nodeStamp[v] != subgraph { draw(v) }
                } else {
                    // Unreachable: the seed's component has at least `size` edges, all reachable by growth.
                    break
                }
            }
        }
        return Subgraphs(size: size, edgeIDs: output, skippedComponents: skipped)
    }
}
