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

    /// A neighbour cluster, the summed cost of all original edges between the two clusters, and `twin`: the index
    /// of the reverse entry in the neighbour's list, so either side is updated in O(1).
    private struct Neighbour {
        var node: Int32
        var twin: Int32
        var cost: Double
    }

    /// Returns a label per node (a surviving representative node; not canonical).
    ///
    /// Merged adjacency as unsorted lists with twin indices: contracting `drop` into `keep` (the cluster with more
    /// neighbours) touches only `drop`'s neighbours and their lists, never the whole list of a large cluster such as
    /// the background, and needs no hashing.
    static func solve(graph: Graph, costs: [Double]) -> [Int] {
        let n = graph.nodeCount
        var adjacency = (0..<n).map { node in
            graph.adjacency(of: node).map { entry in
                let neighbour = graph.adjacentNodes[entry]
                // Neighbour lists are sorted, so the reverse entry's index is found by binary search.
                var low = graph.adjacencyOffsets[neighbour], high = graph.adjacencyOffsets[neighbour + 1]
                while low < high {
                    let mid = (low + high) / 2
                    if graph.adjacentNodes[mid] < node { low = mid + 1 } else { high = mid }
                }
                return Neighbour(node: Int32(neighbour), twin: Int32(low - graph.adjacencyOffsets[neighbour]),
                                 cost: costs[graph.adjacentEdges[entry]])
            }
        }
        var candidates: [Candidate] = []
        for (e, edge) in graph.edges.enumerated() where costs[e] > 0 {
            candidates.append(Candidate(cost: costs[e], u: Int32(edge.u), v: Int32(edge.v)))
        }
        var heap = MaxHeap(candidates)
        var parent = Array(0..<n)
        var alive = [Bool](repeating: true, count: n)

        /// Index of `b` in `a`'s list, scanning the shorter of the two lists.
        func index(of b: Int, in a: Int) -> Int? {
            if adjacency[a].count <= adjacency[b].count {
                let b32 = Int32(b)
                return adjacency[a].firstIndex { $0.node == b32 }
            }
            let a32 = Int32(a)
            guard let reverse = adjacency[b].firstIndex(where: { $0.node == a32 }) else { return nil }
            return Int(adjacency[b][reverse].twin)
        }
        /// Swap-removes entry `i` of `x`'s list, keeping the twin of the moved entry right.
        func remove(_ i: Int, from x: Int) {
            let last = adjacency[x].count - 1
            if i != last {
                let moved = adjacency[x][last]
                adjacency[x][i] = moved
                adjacency[Int(moved.node)][Int(moved.twin)].twin = Int32(i)
            }
            adjacency[x].removeLast()
        }

        while let top = heap.popMax() {
            let a = Int(top.u), b = Int(top.v)
            // Stale entries: a cluster died, or the pair's summed cost changed since the entry was pushed.
            guard alive[a], alive[b], let ab = index(of: b, in: a), adjacency[a][ab].cost == top.cost else { continue }
            let (keep, drop) = adjacency[a].count >= adjacency[b].count ? (a, b) : (b, a)
            let keep32 = Int32(keep)
            alive[drop] = false
            parent[drop] = keep
            remove(keep == a ? ab : Int(adjacency[a][ab].twin), from: keep)
            let dropList = adjacency[drop]
            adjacency[drop] = []
            for entry in dropList where entry.node != keep32 {
                let w = Int(entry.node), toDrop = Int(entry.twin)
                let merged: Double
                if let toKeep = index(of: keep, in: w) {
                    // w neighbours both clusters: add the costs on both sides, delete w's entry for `drop`.
                    merged = adjacency[w][toKeep].cost + entry.cost
                    adjacency[w][toKeep].cost = merged
                    adjacency[keep][Int(adjacency[w][toKeep].twin)].cost = merged
                    remove(toDrop, from: w)
                } else {
                    // w neighboured only `drop`: its entry now points to `keep`.
                    merged = entry.cost
                    adjacency[w][toDrop] = Neighbour(node: keep32, twin: Int32(adjacency[keep].count), cost: merged)
                    adjacency[keep].append(Neighbour(node: Int32(w), twin: Int32(toDrop), cost: merged))
                }
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
