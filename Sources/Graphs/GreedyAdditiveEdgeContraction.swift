import HeapModule

/// Greedy additive edge contraction (GAEC, Keuper et al. 2015): repeatedly contract the most attractive edge of the
/// current cluster graph, summing the costs of parallel edges, until no edge has a positive cost.
enum GreedyAdditiveEdgeContraction {
    /// A contraction candidate. The max-heap pops the highest cost; ties go to the smaller `(u, v)` so that the
    /// result does not depend on heap internals.
    private struct Candidate: Comparable {
        let cost: Double
        let u: Int32
        let v: Int32
        static func < (a: Candidate, b: Candidate) -> Bool {
            a.cost != b.cost ? a.cost < b.cost : (a.u != b.u ? a.u > b.u : a.v > b.v)
        }
    }

    /// Returns a label per node (a surviving representative node; not canonical).
    static func solve(graph: Graph, costs: [Double]) -> [Int] {
        let n = graph.nodeCount
        // Merged adjacency: cluster → (neighbour cluster → summed cost).
        var adjacency = [[Int32: Double]](repeating: [:], count: n)
        var candidates: [Candidate] = []
        for node in 0..<n {
            adjacency[node].reserveCapacity(graph.degree(of: node))
            for entry in graph.adjacency(of: node) {
                adjacency[node][Int32(graph.adjacentNodes[entry])] = costs[graph.adjacentEdges[entry]]
            }
        }
        for (e, edge) in graph.edges.enumerated() where costs[e] > 0 {
            candidates.append(Candidate(cost: costs[e], u: Int32(edge.u), v: Int32(edge.v)))
        }
        var heap = Heap(candidates)
        var parent = Array(0..<n)
        var alive = [Bool](repeating: true, count: n)

        while let top = heap.popMax() {
            let a = Int(top.u), b = Int(top.v)
            // Stale entries: a cluster died, or the pair's summed cost changed since the entry was pushed.
            guard alive[a], alive[b], adjacency[a][top.v] == top.cost else { continue }
            // Keep the cluster with more neighbours; move the other's adjacency into it.
            let (keep, drop) = adjacency[a].count >= adjacency[b].count ? (a, b) : (b, a)
            let keep32 = Int32(keep), drop32 = Int32(drop)
            alive[drop] = false
            parent[drop] = keep
            adjacency[keep][drop32] = nil
            let moved = adjacency[drop]
            adjacency[drop] = [:]
            for (neighbour, cost) in moved where neighbour != keep32 {
                let w = Int(neighbour)
                adjacency[w][drop32] = nil
                let merged = (adjacency[keep][neighbour] ?? 0) + cost
                adjacency[keep][neighbour] = merged
                adjacency[w][keep32] = merged
                if merged > 0 {
                    heap.insert(Candidate(cost: merged, u: Int32(min(keep, w)), v: Int32(max(keep, w))))
                }
            }
        }
        // Resolve representatives (path halving).
        for node in 0..<n {
            var root = node
            while parent[root] != root {
                parent[root] = parent[parent[root]]
                root = parent[root]
            }
            parent[node] = root
        }
        return parent
    }
}
