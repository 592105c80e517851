import Dispatch

/// A minimum-cost multicut problem: partition the nodes of `graph` so that the sum of the costs of the cut edges
/// (edges whose endpoints lie in different clusters) is minimal. Positive cost = attractive (prefers merging),
/// negative = repulsive. One cluster has energy 0; all singletons have energy `Σ costs`.
public struct Multicut: Sendable {
    public let graph: Graph
    /// One finite cost per edge, in the graph's edge order.
    public let costs: [Double]

    public init(graph: Graph, costs: [Double]) throws(GraphError) {
        guard costs.count == graph.edgeCount else {
            throw .countMismatch(what: "multicut costs", expected: graph.edgeCount, actual: costs.count)
        }
        if let index = costs.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(what: "cost of edge", index: index) }
        self.graph = graph
        self.costs = costs
    }

    /// The sum of the costs of the edges whose endpoints have different labels.
    public func energy(labels: [Int]) -> Double {
        var energy = 0.0
        for (e, edge) in graph.edges.enumerated() where labels[edge.u] != labels[edge.v] { energy += costs[e] }
        return energy
    }

    /// Solves with `solver`. With `decompose`, each connected component of the attractive-edge graph (edges with
    /// positive cost) is solved on its own — exact, because an optimal partition never needs to join two such
    /// components (every edge between them is repulsive or free) — in parallel when the graph is large.
    public func solve(_ solver: MulticutSolver = .gaecKernighanLin, decompose: Bool = false) -> MulticutLabelling {
        let labels = decompose ? solveDecomposed(solver) : Self.run(solver, graph: graph, costs: costs)
        return MulticutLabelling(validLabels: labels, of: self)
    }

    static func run(_ solver: MulticutSolver, graph: Graph, costs: [Double]) -> [Int] {
        let greedy = GreedyAdditiveEdgeContraction.solve(graph: graph, costs: costs)
        switch solver {
        case .gaec: return greedy
        case .gaecKernighanLin: return KernighanLin.refine(graph: graph, costs: costs, labels: greedy)
        }
    }

    private func solveDecomposed(_ solver: MulticutSolver) -> [Int] {
        let component = graph.connectedComponents(keeping: { costs[$0] > 0 })
        let componentCount = (component.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: componentCount)
        var localIndex = [Int](repeating: 0, count: graph.nodeCount)
        for node in 0..<graph.nodeCount {
            localIndex[node] = members[component[node]].count
            members[component[node]].append(node)
        }
        var localEdges = [[Edge]](repeating: [], count: componentCount)
        var localCosts = [[Double]](repeating: [], count: componentCount)
        // Local ids increase with global ids, so each component's edges stay in lexicographic order.
        for (e, edge) in graph.edges.enumerated() where component[edge.u] == component[edge.v] {
            localEdges[component[edge.u]].append(Edge(localIndex[edge.u], localIndex[edge.v]))
            localCosts[component[edge.u]].append(costs[e])
        }
        let nonTrivial = (0..<componentCount).filter { !localEdges[$0].isEmpty }
        var solutions = [[Int]](repeating: [], count: componentCount)
        let (sizes, edges, componentCosts) = (members.map(\.count), localEdges, localCosts)
        let solveOne = { @Sendable (c: Int) -> [Int] in
            let subgraph = Graph(validatedNodeCount: sizes[c], edges: edges[c])
            return Self.run(solver, graph: subgraph, costs: componentCosts[c])
        }
        if graph.nodeCount >= 4096, nonTrivial.count > 1 {
            solutions.withUnsafeMutableBufferPointer { buffer in
                let slots = ParallelSlots(buffer)
                DispatchQueue.concurrentPerform(iterations: nonTrivial.count) { i in
                    slots.write(solveOne(nonTrivial[i]), at: nonTrivial[i])
                }
            }
        } else {
            for c in nonTrivial { solutions[c] = solveOne(c) }
        }
        // Global label = first node of the component's cluster; canonicalised by the caller.
        var labels = [Int](repeating: 0, count: graph.nodeCount)
        for c in 0..<componentCount {
            for (local, node) in members[c].enumerated() {
                labels[node] = solutions[c].isEmpty ? members[c][0] : members[c][solutions[c][local]]
            }
        }
        return labels
    }
}

/// The multicut solvers.
public enum MulticutSolver: String, Sendable, CaseIterable {
    /// Greedy additive edge contraction (Keuper et al. 2015).
    case gaec
    /// GAEC followed by Kernighan–Lin refinement with joins and splits (Keuper et al. 2015).
    case gaecKernighanLin = "gaec-kl"
}

/// Lets parallel iterations write distinct slots of one buffer. `@unchecked Sendable` because the compiler cannot see
/// that every iteration writes a different index and that the buffer outlives the parallel loop.
private struct ParallelSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
    func write(_ value: Element, at index: Int) { buffer[index] = value }
}
