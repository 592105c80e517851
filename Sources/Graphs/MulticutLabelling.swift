/// A multicut solution: node labels and their energy.
public struct MulticutLabelling: Sendable, Equatable {
    /// Canonical labels: the clusters are the connected components of the uncut edges, numbered 0, 1, … in order of
    /// their smallest node (so node 0 has label 0). Two labellings with the same cut are equal.
    public let nodeLabels: [Int]
    /// The sum of the costs of the cut edges.
    public let energy: Double
    public let clusterCount: Int

    /// Canonicalises any labelling of `problem`'s nodes. Nodes that share a label but are not joined by a path
    /// inside their cluster become separate clusters, which leaves the energy unchanged (no edge joins them).
    public init(labels: [Int], of problem: Multicut) throws(GraphError) {
        guard labels.count == problem.graph.nodeCount else {
            throw .countMismatch(what: "node labels", expected: problem.graph.nodeCount, actual: labels.count)
        }
        self.init(validLabels: labels, of: problem)
    }

    init(validLabels labels: [Int], of problem: Multicut) {
        let graph = problem.graph
        nodeLabels = graph.connectedComponents(keeping: { labels[graph.edges[$0].u] == labels[graph.edges[$0].v] })
        energy = problem.energy(labels: nodeLabels)
        clusterCount = (nodeLabels.max() ?? -1) + 1
    }

    /// Per edge: true where the edge is cut.
    public func cutEdges(of graph: Graph) -> [Bool] {
        graph.edges.map { nodeLabels[$0.u] != nodeLabels[$0.v] }
    }
}
