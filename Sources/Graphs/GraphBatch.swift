/// The disjoint union of several graphs, for processing a batch of images as one graph (GNN batching).
/// Graph `i`'s node `n` becomes node `nodeOffsets[i] + n`, its edge `e` becomes edge `edgeOffsets[i] + e`; the union's
/// edges stay in the project's lexicographic order because the node offsets increase with `i`.
public struct GraphBatch: Sendable, Equatable {
    public let graph: Graph
    /// `graphCount + 1` values; graph `i`'s nodes are `nodeOffsets[i]..<nodeOffsets[i + 1]`.
    public let nodeOffsets: [Int]
    /// `graphCount + 1` values; graph `i`'s edges are `edgeOffsets[i]..<edgeOffsets[i + 1]`.
    public let edgeOffsets: [Int]

    public init(_ graphs: [Graph]) {
        var nodeOffsets = [0], edgeOffsets = [0]
        var edges: [Edge] = []
        edges.reserveCapacity(graphs.reduce(0) { $0 + $1.edgeCount })
        for graph in graphs {
            let offset = nodeOffsets.last ?? 0
            edges.append(contentsOf: graph.edges.lazy.map { Edge($0.u + offset, $0.v + offset) })
            nodeOffsets.append(offset + graph.nodeCount)
            edgeOffsets.append(edges.count)
        }
        self.graph = Graph(validatedNodeCount: nodeOffsets.last ?? 0, edges: edges)
        self.nodeOffsets = nodeOffsets
        self.edgeOffsets = edgeOffsets
    }

    public var graphCount: Int { nodeOffsets.count - 1 }

    /// The nodes of graph `index` in the union.
    public func nodes(of index: Int) -> Range<Int> { nodeOffsets[index]..<nodeOffsets[index + 1] }

    /// The edges of graph `index` in the union.
    public func edges(of index: Int) -> Range<Int> { edgeOffsets[index]..<edgeOffsets[index + 1] }
}
