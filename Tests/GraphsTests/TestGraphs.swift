import Graphs
import Randomness

/// Seeded random graphs for property tests: `nodeCount` nodes, each pair joined with probability `density`,
/// costs uniform in [-1, 1] shifted by `bias`.
func randomProblem(nodeCount: Int, density: Double, bias: Double = 0, seed: UInt64) throws -> Multicut {
    var generator = SplitMix64(seed: seed)
    var edges: [Edge] = []
    var costs: [Double] = []
    for u in 0..<nodeCount {
        for v in (u + 1)..<max(u + 1, nodeCount) where Double.random(in: 0..<1, using: &generator) < density {
            edges.append(Edge(u, v))
            costs.append((Double.random(in: -1...1, using: &generator) + bias) * 100)
        }
    }
    return try Multicut(graph: Graph(nodeCount: nodeCount, edges: edges), costs: costs.map { ($0).rounded() / 100 })
}

/// A 4-connected grid graph, node = row * cols + col.
func gridGraph(rows: Int, cols: Int) throws -> Graph {
    var edges: [Edge] = []
    for r in 0..<rows {
        for c in 0..<cols {
            let n = r * cols + c
            if c + 1 < cols { edges.append(Edge(n, n + 1)) }
            if r + 1 < rows { edges.append(Edge(n, n + cols)) }
        }
    }
    return try Graph(nodeCount: rows * cols, edges: edges.sorted())
}

/// Components of the edges `keep` accepts, computed independently of `Graph.connectedComponents` (union-find).
func componentsByUnionFind(_ graph: Graph, keep: (Int) -> Bool) -> [Int] {
    var parent = Array(0..<graph.nodeCount)
    func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x { x = parent[x] }
        return x
    }
    for (e, edge) in graph.edges.enumerated() where keep(e) {
        let (a, b) = (find(edge.u), find(edge.v))
        if a != b { parent[max(a, b)] = min(a, b) }
    }
    return (0..<graph.nodeCount).map(find)
}
