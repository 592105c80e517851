import Graphs
import Randomness
import TestSupport
import Testing

@Suite struct DenseSubgraphSamplerTests {
    /// Checks every promised property of `subgraphs` on `graph`.
    func verify(_ subgraphs: Subgraphs, on graph: Graph) {
        let k = subgraphs.size
        var covered = [Bool](repeating: false, count: graph.edgeCount)
        for i in 0..<subgraphs.count {
            let ids = Array(subgraphs[i])
            #expect(Set(ids).count == k, "subgraph \(i) has repeated edges")
            // Connected, and dense: every edge that brings a new node comes when no unused edge joins drawn nodes.
            var drawn: Set<Int> = [graph.edges[ids[0]].u, graph.edges[ids[0]].v]
            var used: Set<Int> = [ids[0]]
            for id in ids.dropFirst() {
                let edge = graph.edges[id]
                let newNode = !drawn.contains(edge.u) || !drawn.contains(edge.v)
                #expect(drawn.contains(edge.u) || drawn.contains(edge.v), "subgraph \(i) is not connected")
                if newNode {
                    let closable = graph.edges.indices.contains {
                        !used.contains($0) && drawn.contains(graph.edges[$0].u) && drawn.contains(graph.edges[$0].v)
                    }
                    #expect(!closable, "subgraph \(i) drew a new node while a cycle could be closed")
                }
                drawn.insert(edge.u)
                drawn.insert(edge.v)
                used.insert(id)
            }
            for id in ids { covered[id] = true }
        }
        let component = graph.connectedComponents()
        var componentEdges = [Int](repeating: 0, count: graph.nodeCount)
        for edge in graph.edges { componentEdges[component[edge.u]] += 1 }
        for (e, edge) in graph.edges.enumerated() {
            #expect(covered[e] == (componentEdges[component[edge.u]] >= k), "edge \(e) coverage")
        }
    }

    @Test(arguments: [2, 3, 6, 12, 32])
    func gridSubgraphsHaveExactSizeAreConnectedDenseAndCoverEverything(size: Int) throws {
        let graph = try gridGraph(rows: 9, cols: 11)
        var generator = SplitMix64(seed: UInt64(size))
        let subgraphs = try DenseSubgraphSampler(graph: graph).sample(size: size, using: &generator)
        #expect(subgraphs.edgeIDs.count == subgraphs.count * size)
        verify(subgraphs, on: graph)
    }

    @Test func randomGraphsWithSmallComponentsSkipThemForLargeSizes() throws {
        for seed in 0..<6 as Range<UInt64> {
            let graph = try randomProblem(nodeCount: 60, density: 0.04, seed: seed).graph
            for size in [2, 5, 9] {
                var generator = SplitMix64(seed: seed)
                let subgraphs = try DenseSubgraphSampler(graph: graph).sample(size: size, using: &generator)
                verify(subgraphs, on: graph)
            }
        }
    }

    @Test func componentTooSmallIsSkippedNotLooped() throws {
        // A triangle (3 edges) and a path of 5 edges.
        let graph = try Graph(nodeCount: 9, edges: [Edge(0, 1), Edge(0, 2), Edge(1, 2),
                                                    Edge(3, 4), Edge(4, 5), Edge(5, 6), Edge(6, 7), Edge(7, 8)])
        let result = try DenseSubgraphSampler(graph: graph).sample(sizes: [4, 6], seed: 1)
        #expect(result[0].skippedComponents == 1)
        #expect(result[0].count >= 2)
        #expect(result[0].edgeIDs.allSatisfy { $0 >= 3 })
        #expect(result[1].count == 0 && result[1].skippedComponents == 2)
    }

    @Test func sameSeedSameSubgraphsOtherSeedOther() throws {
        let graph = try gridGraph(rows: 12, cols: 12)
        let sampler = DenseSubgraphSampler(graph: graph)
        let a = try sampler.sample(sizes: [6, 12, 32], seed: 42)
        #expect(try sampler.sample(sizes: [6, 12, 32], seed: 42) == a)
        #expect(try sampler.sample(sizes: [6, 12, 32], seed: 43) != a)
    }

    @Test func rejectsSizesBelowTwo() throws {
        let sampler = DenseSubgraphSampler(graph: try gridGraph(rows: 2, cols: 2))
        #expect(throws: GraphError.invalidArgument("subgraph size must be at least 2, got 1")) {
            try sampler.sample(sizes: [1], seed: 0)
        }
    }

    @Test func coversTheLargeFixtureGraph() throws {
        let graph = try MulticutFile.read(Fixtures.fixture("multicut-large/graph2k.json")).graph
        for subgraphs in try DenseSubgraphSampler(graph: graph).sample(sizes: [6, 128], seed: 5) {
            var covered = [Bool](repeating: false, count: graph.edgeCount)
            for id in subgraphs.edgeIDs { covered[id] = true }
            #expect(covered.allSatisfy { $0 })
            #expect(subgraphs.edgeIDs.count == subgraphs.count * subgraphs.size)
        }
    }
}
