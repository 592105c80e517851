import Graphs
import Testing

@Suite struct GraphTests {
    @Test func adjacencyListsNeighboursInIncreasingOrderWithEdgeIDs() throws {
        let graph = try Graph(nodeCount: 4, edges: [Edge(0, 1), Edge(0, 3), Edge(1, 2), Edge(2, 3)])
        #expect(graph.adjacency(of: 0).map { graph.adjacentNodes[$0] } == [1, 3])
        #expect(graph.adjacency(of: 2).map { graph.adjacentNodes[$0] } == [1, 3])
        #expect(graph.adjacency(of: 3).map { graph.adjacentEdges[$0] } == [1, 3])
        #expect(graph.edgeID(3, 0) == 1)
        #expect(graph.edgeID(0, 2) == nil)
        #expect(graph.degree(of: 1) == 2)
    }

    @Test func rejectsEdgesOutsideTheProjectOrder() {
        #expect(throws: GraphError.edgesNotSorted(index: 1)) { try Graph(nodeCount: 3, edges: [Edge(1, 2), Edge(0, 1)]) }
        #expect(throws: GraphError.edgesNotSorted(index: 1)) { try Graph(nodeCount: 3, edges: [Edge(0, 1), Edge(0, 1)]) }
        #expect(throws: GraphError.edgeNotOrdered(index: 0, u: 2, v: 1)) { try Graph(nodeCount: 3, edges: [Edge(2, 1)]) }
        #expect(throws: GraphError.edgeNotOrdered(index: 0, u: 1, v: 1)) { try Graph(nodeCount: 3, edges: [Edge(1, 1)]) }
        #expect(throws: GraphError.edgeOutOfRange(index: 0, u: 0, v: 3, nodeCount: 3)) {
            try Graph(nodeCount: 3, edges: [Edge(0, 3)])
        }
        #expect(throws: GraphError.invalidNodeCount(-1)) { try Graph(nodeCount: -1, edges: []) }
        #expect(throws: GraphError.invalidNodeCount(1 << 40)) { try Graph(nodeCount: 1 << 40, edges: []) }
    }

    @Test func connectedComponentsAreNumberedBySmallestNode() throws {
        let graph = try Graph(nodeCount: 6, edges: [Edge(0, 4), Edge(1, 2), Edge(3, 5)])
        #expect(graph.connectedComponents() == [0, 1, 1, 2, 0, 2])
        #expect(graph.connectedComponents(keeping: { $0 != 0 }) == [0, 1, 1, 2, 3, 2])
    }

    @Test func batchOffsetsNodesAndEdgesAndKeepsTheOrder() throws {
        let a = try Graph(nodeCount: 3, edges: [Edge(0, 1), Edge(1, 2)])
        let b = try Graph(nodeCount: 2, edges: [Edge(0, 1)])
        let batch = GraphBatch([a, try Graph(nodeCount: 0, edges: []), b])
        #expect(batch.graph.edges == [Edge(0, 1), Edge(1, 2), Edge(3, 4)])
        #expect(batch.nodeOffsets == [0, 3, 3, 5])
        #expect(batch.edgeOffsets == [0, 2, 2, 3])
        #expect(batch.nodes(of: 2) == 3..<5)
        #expect(batch.edges(of: 2) == 2..<3)
        // Re-validating the union's edges proves the order is the project's.
        #expect(try Graph(nodeCount: 5, edges: batch.graph.edges) == batch.graph)
    }
}
