import Randomness

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
    /// The adjacency as interleaved 32-bit (neighbour, edge) pairs: one cache line serves several entries.
    private let entries: [AdjacencyEntry]
    private let offsets: [Int32]

    private struct AdjacencyEntry: Sendable {
        let node: Int32
        let edge: Int32
    }

    public init(graph: Graph) {
        self.graph = graph
        component = graph.connectedComponents()
        var counts = [Int](repeating: 0, count: (component.max() ?? -1) + 1)
        for edge in graph.edges { counts[component[edge.u]] += 1 }
        componentEdgeCounts = counts
        offsets = graph.adjacencyOffsets.map { Int32($0) }
        entries = zip(graph.adjacentNodes, graph.adjacentEdges).map { AdjacencyEntry(node: Int32($0), edge: Int32($1)) }
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
        // Uncovered edges of large-enough components, with positions for O(1) removal (32-bit: less memory traffic).
        var uncovered: [Int32] = []
        var position = [Int32](repeating: -1, count: edges.count)
        for (e, edge) in edges.enumerated() where componentEdgeCounts[component[edge.u]] >= size {
            position[e] = Int32(uncovered.count)
            uncovered.append(Int32(e))
        }
        let skipped = componentEdgeCounts.count { $0 > 0 && $0 < size }

        var output: [Int] = []
        output.reserveCapacity(edges.count * 2)
        var edgeStamp = [Int32](repeating: 0, count: edges.count)     // == subgraph number: edge used in this subgraph
        var nodeStamp = [Int32](repeating: 0, count: graph.nodeCount) // == subgraph number: node drawn
        var closing: [Int32] = []  // edges between drawn nodes, possibly used meanwhile
        var growing: [Int32] = []  // adjacency entries from a drawn node to a then-undrawn one
        var subgraph: Int32 = 0
        // Unchecked access in the hot loop; every index below comes from the validated graph.
        offsets.withUnsafeBufferPointer { offsets in
        entries.withUnsafeBufferPointer { entries in
        edgeStamp.withUnsafeMutableBufferPointer { edgeStamp in
        nodeStamp.withUnsafeMutableBufferPointer { nodeStamp in
        position.withUnsafeMutableBufferPointer { position in
        while !uncovered.isEmpty {
            subgraph += 1
            closing.removeAll(keepingCapacity: true)
            growing.removeAll(keepingCapacity: true)
            var closingHead = 0, growingHead = 0, count = 0
            var pending = Int(uncovered[Int.random(in: 0..<uncovered.count, using: &generator)])
            var newNodes = (edges[pending].u, edges[pending].v)
            while true {
                // Take edge `pending`: mark it, cover it, then draw its new endpoint(s) (-1: none).
                edgeStamp[pending] = subgraph
                output.append(pending)
                count += 1
                let p = Int(position[pending])
                if p >= 0 {
                    let last = uncovered.removeLast()
                    if Int(last) != pending {
                        uncovered[p] = last
                        position[Int(last)] = Int32(p)
                    }
                    position[pending] = -1
                }
                for side in 0..<2 {
                    let node = side == 0 ? newNodes.0 : newNodes.1
                    guard node >= 0, nodeStamp[node] != subgraph else { continue }
                    nodeStamp[node] = subgraph
                    for index in Int(offsets[node])..<Int(offsets[node + 1]) where edgeStamp[Int(entries[index].edge)] != subgraph {
                        if nodeStamp[Int(entries[index].node)] == subgraph {
                            closing.append(entries[index].edge)
                        } else {
                            growing.append(Int32(index))
                        }
                    }
                }
                if count == size { break }
                // Next: an edge closing a cycle among drawn nodes if any, else the oldest edge to a new node.
                var next = -1
                newNodes = (-1, -1)
                while next < 0, closingHead < closing.count {
                    if edgeStamp[Int(closing[closingHead])] != subgraph { next = Int(closing[closingHead]) }
                    closingHead += 1
                }
                while next < 0, growingHead < growing.count {
                    let entry = entries[Int(growing[growingHead])]
                    if edgeStamp[Int(entry.edge)] != subgraph {
                        next = Int(entry.edge)
                        newNodes.0 = Int(entry.node) // already drawn meanwhile if it closes a cycle; skipped above
                    }
                    growingHead += 1
                }
                // The seed's component has at least `size` edges and growth reaches all of them, so `next` exists.
                guard next >= 0 else { break }
                pending = next
            }
        }
        }}}}}
        return Subgraphs(size: size, edgeIDs: output, skippedComponents: skipped)
    }
}
