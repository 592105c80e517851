import Randomness

/// Kernighan–Lin refinement for multicut (Keuper et al. 2015; the algorithm of nifty/elf `multicut_kernighan_lin`).
///
/// Outer iterations visit every pair of adjacent clusters (A, B) of which one changed in the previous iteration and
/// improve the pair: vertices move greedily one at a time, best gain first, between A and B; the best prefix of the
/// move sequence is kept, unless joining A and B gains more. Then every changed cluster tries splits: moves into a
/// new, empty cluster. After each iteration clusters are re-formed as connected components; the loop ends when an
/// iteration gains nothing, the cut did not change, or after 100 iterations.
///
/// Same moves as nifty, different bookkeeping, which is what makes a huge cluster cheap (nifty spends ~12 s on the
/// 18,600-node background of `graph20k`):
/// - the next move comes from a max-heap of gains with lazy invalidation, O(log n) instead of a scan of the whole
///   border per move (nifty's move loop is quadratic in the border size);
/// - gains are computed lazily, for the vertices a move sequence actually reaches, instead of for every vertex of
///   both clusters at the start of every pair (nifty touches all 18,600 background vertices for each of the
///   hundreds of pairs the background is part of);
/// - the join gain comes from scanning the smaller cluster of the pair.
struct KernighanLin {
    static let epsilon = 1e-6
    static let maximumOuterIterations = 100
    /// A move sequence ends after this many consecutive moves without a new best prefix (Fiduccia–Mattheyses style).
    /// nifty runs every sequence until the border is empty, flooding the whole background cluster once per
    /// neighbouring cluster; on the shared large graphs limits from 10 to unlimited give identical energies.
    static let patience = 64

    private struct Gain: Comparable {
        let value: Double
        let vertex: Int32
        /// Max-heap order: larger gain first; ties go to the smaller vertex id (deterministic).
        static func < (a: Gain, b: Gain) -> Bool { a.value != b.value ? a.value < b.value : a.vertex > b.vertex }
    }

    private let graph: Graph
    private let costs: [Double]
    /// Current cluster of every vertex (an index into `clusters`).
    private var labels: [Int]
    private var clusters: [[Int]]
    // Scratch per vertex, valid in the pair improvement whose `epoch` they carry.
    private var difference: [Double]
    private var references: [Int]
    private var evaluatedEpoch: [Int]
    private var movedEpoch: [Int]
    private var epoch = 0
    private var heap = MaxHeap<Gain>()
    private var moves: [Int] = []

    /// Refines `labels` (any labelling; treated as its connected components) and returns the improved labels:
    /// Kernighan–Lin to a local optimum, then `perturbationRounds` rounds of iterated local search: join three random
    /// pairs of clusters of the best labelling that an attractive cut edge connects, run Kernighan–Lin on the clusters
    /// concerned, keep the result if its energy is lower. Kernighan–Lin's local optimum depends on the visiting order
    /// (nifty's differs from ours by ±0.03 % on the large graphs); the rounds escape such optima cheaply and never
    /// make the result worse. Deterministic: the draws come from a fixed-seed `SplitMix64`.
    static func refine(graph: Graph, costs: [Double], labels: [Int]) -> [Int] {
        var solver = KernighanLin(graph: graph, costs: costs)
        var best = solver.localSearch(from: labels, focus: nil)
        var bestEnergy = solver.energy(best)
        var generator = SplitMix64(seed: perturbationSeed)
        var cut = graph.edges.indices.filter { costs[$0] > 0 && best[graph.edges[$0].u] != best[graph.edges[$0].v] }
        var parent = [Int](repeating: 0, count: graph.nodeCount)
        for _ in 0..<perturbationRounds(nodeCount: graph.nodeCount) where !cut.isEmpty {
            // Join random clusters of the best labelling that an attractive cut edge joins (union-find over cluster ids).
            for c in 0..<graph.nodeCount { parent[c] = c }
            func root(_ c: Int) -> Int {
                var c = c
                while parent[c] != c { c = parent[c] }
                return c
            }
            var focus: [Int] = []
            for _ in 0..<joinsPerPerturbation {
                let edge = graph.edges[cut[Int.random(in: 0..<cut.count, using: &generator)]]
                let (a, b) = (root(best[edge.u]), root(best[edge.v]))
                if a != b { parent[b] = a }
                focus.append(edge.u)
            }
            let candidate = solver.localSearch(from: best.map(root), focus: focus)
            let energy = solver.energy(candidate)
            if energy < bestEnergy - epsilon {
                best = candidate
                bestEnergy = energy
                cut = graph.edges.indices.filter { costs[$0] > 0 && best[graph.edges[$0].u] != best[graph.edges[$0].v] }
            }
        }
        return best
    }

    /// One perturbation round per 500 nodes beyond the first 1,000: total work stays linear in the graph, and a
    /// training image's graph (~2k nodes, solved once per training step) pays only ~1 ms for its two rounds.
    static func perturbationRounds(nodeCount: Int) -> Int { max(0, nodeCount - 1000) / 500 }
    static let joinsPerPerturbation = 3
    static let perturbationSeed: UInt64 = 0x4B4C

    private init(graph: Graph, costs: [Double]) {
        self.graph = graph
        self.costs = costs
        let n = graph.nodeCount
        labels = []
        clusters = []
        difference = [Double](repeating: 0, count: n)
        references = [Int](repeating: 0, count: n)
        evaluatedEpoch = [Int](repeating: 0, count: n)
        movedEpoch = [Int](repeating: 0, count: n)
    }

    private func energy(_ labels: [Int]) -> Double {
        var energy = 0.0
        for (e, edge) in graph.edges.enumerated() where labels[edge.u] != labels[edge.v] { energy += costs[e] }
        return energy
    }

    /// Kernighan–Lin from `start` to a local optimum. `focus`: if given, only the clusters containing these nodes
    /// count as changed in the first iteration.
    private mutating func localSearch(from start: [Int], focus: [Int]?) -> [Int] {
        labels = graph.connectedComponents(keeping: { start[graph.edges[$0].u] == start[graph.edges[$0].v] })
        rebuildClusters()
        var changed = [Bool](repeating: focus == nil, count: clusters.count)
        for node in focus ?? [] { changed[labels[node]] = true }
        run(changed: changed)
        return labels
    }

    /// `clusters[l]` = the vertices labelled `l`, reusing the arrays' storage from the previous call (thousands of
    /// small clusters on the rank graph would otherwise mean thousands of allocations per outer iteration).
    private mutating func rebuildClusters() {
        let count = (labels.max() ?? -1) + 1
        for i in clusters.indices { clusters[i].removeAll(keepingCapacity: true) }
        if clusters.count > count { clusters.removeLast(clusters.count - count) }
        while clusters.count < count { clusters.append([]) }
        for (node, label) in labels.enumerated() { clusters[label].append(node) }
    }

    private mutating func run(changed initiallyChanged: [Bool]) {
        var changed = initiallyChanged
        for _ in 0..<Self.maximumOuterIterations {
            var decrease = 0.0
            for (i, j) in adjacentClusterPairs(changed: changed) {
                guard !clusters[i].isEmpty, !clusters[j].isEmpty, changed[i] || changed[j] else { continue }
                let gain = improvePair(i, j)
                if gain > Self.epsilon {
                    changed[i] = true
                    changed[j] = true
                }
                decrease += gain
            }
            // Splits of the clusters that existed at the start of the iteration (new ones were just made by splits).
            for i in changed.indices where changed[i] && !clusters[i].isEmpty {
                while true {
                    let before = clusters.count
                    decrease += improvePair(i, nil)
                    if clusters.count == before { break }
                }
            }
            if decrease == 0 { break }

            let previous = labels
            labels = graph.connectedComponents(keeping: { labels[graph.edges[$0].u] == labels[graph.edges[$0].v] })
            rebuildClusters()
            let cutChanged = graph.edges.contains {
                (labels[$0.u] != labels[$0.v]) != (previous[$0.u] != previous[$0.v])
            }
            if !cutChanged { break }
            // A new cluster is unchanged iff it is exactly one previous cluster (previous clusters were components).
            var previousSize = [Int](repeating: 0, count: graph.nodeCount)
            for label in previous { previousSize[label] += 1 }
            changed = clusters.map { members in
                let old = previous[members[0]]
                return !(members.allSatisfy { previous[$0] == old } && previousSize[old] == members.count)
            }
        }
    }

    /// Pairs `(i, j)`, `i < j`, of clusters joined by at least one edge, one of them changed, in lexicographic order.
    private func adjacentClusterPairs(changed: [Bool]) -> [(Int, Int)] {
        var keys: [UInt64] = []
        for (a, members) in clusters.enumerated() where changed[a] {
            for v in members {
                for entry in graph.adjacency(of: v) {
                    let b = labels[graph.adjacentNodes[entry]]
                    if b != a { keys.append(UInt64(min(a, b)) << 32 | UInt64(max(a, b))) }
                }
            }
        }
        keys.sort()
        var pairs: [(Int, Int)] = []
        for (index, key) in keys.enumerated() where index == 0 || keys[index - 1] != key {
            pairs.append((Int(key >> 32), Int(key & 0xFFFF_FFFF)))
        }
        return pairs
    }

    /// Gain of moving `v` to the other cluster of the pair, and its number of neighbours there.
    private mutating func evaluate(_ v: Int, own: Int, other: Int) {
        var gain = 0.0, count = 0
        for entry in graph.adjacency(of: v) {
            let label = labels[graph.adjacentNodes[entry]]
            if label == own {
                gain -= costs[graph.adjacentEdges[entry]]
            } else if label == other {
                gain += costs[graph.adjacentEdges[entry]]
                count += 1
            }
        }
        difference[v] = gain
        references[v] = count
        evaluatedEpoch[v] = epoch
    }

    /// One two-cluster improvement of clusters `a` and `b` (`nil`: a new, empty cluster). Returns the energy decrease.
    private mutating func improvePair(_ a: Int, _ b: Int?) -> Double {
        epoch += 1
        let labelA = a, labelB = b ?? clusters.count
        moves.removeAll(keepingCapacity: true)
        heap.removeAll()
        var joinGain = 0.0

        if let b {
            // Border: the vertices of either cluster with a neighbour in the other; found from the smaller cluster.
            let (small, smallLabel, largeLabel) = clusters[a].count <= clusters[b].count
                ? (clusters[a], labelA, labelB) : (clusters[b], labelB, labelA)
            for v in small {
                for entry in graph.adjacency(of: v) where labels[graph.adjacentNodes[entry]] == largeLabel {
                    let w = graph.adjacentNodes[entry]
                    joinGain += costs[graph.adjacentEdges[entry]]
                    if evaluatedEpoch[v] != epoch {
                        evaluate(v, own: smallLabel, other: largeLabel)
                        heap.insert(Gain(value: difference[v], vertex: Int32(v)))
                    }
                    if evaluatedEpoch[w] != epoch {
                        evaluate(w, own: largeLabel, other: smallLabel)
                        heap.insert(Gain(value: difference[w], vertex: Int32(w)))
                    }
                }
            }
        } else {
            // Split: the first move may take any vertex of A; later moves follow the border of the new cluster.
            var best: Gain?
            for v in clusters[a] {
                evaluate(v, own: labelA, other: labelB)
                let candidate = Gain(value: difference[v], vertex: Int32(v))
                if best.map({ $0 < candidate }) ?? true { best = candidate }
            }
            if let best { heap.insert(best) }
        }

        var cumulative = 0.0, bestGain = -Double.infinity, bestCount = 0
        while let top = heap.popMax() {
            if moves.count - bestCount > Self.patience { break }
            let v = Int(top.vertex)
            guard movedEpoch[v] != epoch, difference[v] == top.value,
                  references[v] > 0 || (b == nil && moves.isEmpty) else { continue }
            let old = labels[v], new = old == labelA ? labelB : labelA
            labels[v] = new
            movedEpoch[v] = epoch
            moves.append(v)
            cumulative += top.value
            if cumulative > bestGain {
                bestGain = cumulative
                bestCount = moves.count
            }
            for entry in graph.adjacency(of: v) {
                let w = graph.adjacentNodes[entry]
                let label = labels[w]
                guard movedEpoch[w] != epoch, label == labelA || label == labelB else { continue }
                if evaluatedEpoch[w] != epoch {
                    evaluate(w, own: label, other: label == labelA ? labelB : labelA)
                } else {
                    let cost = costs[graph.adjacentEdges[entry]]
                    if label == new {
                        difference[w] -= 2 * cost
                        references[w] -= 1
                    } else {
                        difference[w] += 2 * cost
                        references[w] += 1
                    }
                }
                if references[w] > 0 { heap.insert(Gain(value: difference[w], vertex: Int32(w))) }
            }
        }

        if b != nil, joinGain > bestGain, joinGain > Self.epsilon, let b {
            for v in clusters[b] { labels[v] = labelA }
            for v in clusters[a] { labels[v] = labelA }
            clusters[a].append(contentsOf: clusters[b])
            clusters[b].removeAll()
            return joinGain
        }
        let keep = bestGain > Self.epsilon ? bestCount : 0
        for v in moves[keep...] { labels[v] = labels[v] == labelA ? labelB : labelA }
        guard keep > 0 else { return 0 }
        var members = clusters[a]
        if let b { members += clusters[b] }
        clusters[a] = members.filter { labels[$0] == labelA }
        let movedToB = members.filter { labels[$0] == labelB }
        if let b { clusters[b] = movedToB } else { clusters.append(movedToB) }
        return bestGain
    }
}
