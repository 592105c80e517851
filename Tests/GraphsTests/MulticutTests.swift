import Foundation
import Graphs
import Randomness
import TestSupport
import Testing

@Suite struct MulticutTests {
    /// Two nodes share a label iff a path of uncut edges joins them, and the energy is the sum over cut edges.
    @Test(arguments: MulticutSolver.allCases)
    func labellingIsConsistentAndEnergyIsTheCutSum(solver: MulticutSolver) throws {
        for seed in 0..<20 as Range<UInt64> {
            let problem = try randomProblem(nodeCount: 30 + Int(seed), density: 0.15, bias: 0.2, seed: seed)
            for decompose in [false, true] {
                let result = problem.solve(solver, decompose: decompose)
                let labels = result.nodeLabels
                let uncutComponents = componentsByUnionFind(problem.graph) {
                    labels[problem.graph.edges[$0].u] == labels[problem.graph.edges[$0].v]
                }
                for a in 0..<problem.graph.nodeCount {
                    for b in (a + 1)..<problem.graph.nodeCount {
                        #expect((labels[a] == labels[b]) == (uncutComponents[a] == uncutComponents[b]))
                    }
                }
                var cutSum = 0.0
                for (e, edge) in problem.graph.edges.enumerated() where labels[edge.u] != labels[edge.v] {
                    cutSum += problem.costs[e]
                }
                #expect(abs(result.energy - cutSum) < 1e-9)
                #expect(labels.first == 0)
                #expect(result.clusterCount == Set(labels).count)
            }
        }
    }

    @Test func kernighanLinIsNeverWorseThanGAEC() throws {
        for seed in 100..<140 as Range<UInt64> {
            let problem = try randomProblem(nodeCount: 40, density: 0.2, bias: Double(seed % 3) * 0.2 - 0.2, seed: seed)
            #expect(problem.solve(.gaecKernighanLin).energy <= problem.solve(.gaec).energy + 1e-9)
        }
    }

    @Test func obviousInstances() throws {
        let graph = try Graph(nodeCount: 4, edges: [Edge(0, 1), Edge(1, 2), Edge(2, 3)])
        // Attractive, repulsive, attractive: cut the middle edge only.
        let problem = try Multicut(graph: graph, costs: [1, -2, 1])
        for solver in MulticutSolver.allCases {
            let result = problem.solve(solver)
            #expect(result.nodeLabels == [0, 0, 1, 1])
            #expect(result.energy == -2)
        }
        // All repulsive: singletons; all attractive: one cluster.
        #expect(try Multicut(graph: graph, costs: [-1, -1, -1]).solve().nodeLabels == [0, 1, 2, 3])
        #expect(try Multicut(graph: graph, costs: [1, 1, 1]).solve().energy == 0)
        // A triangle cannot cut only its repulsive edge; the attractive path 4 + 4 outweighs it, so all stay together.
        let triangle = try Graph(nodeCount: 3, edges: [Edge(0, 1), Edge(0, 2), Edge(1, 2)])
        #expect(try Multicut(graph: triangle, costs: [4, 4, -3]).solve().clusterCount == 1)
    }

    @Test func labellingFromArbitraryLabelsIsCanonical() throws {
        let graph = try Graph(nodeCount: 5, edges: [Edge(0, 1), Edge(1, 2), Edge(3, 4)])
        let problem = try Multicut(graph: graph, costs: [1, -1, 0.5])
        let labelling = try MulticutLabelling(labels: [7, 7, 3, 7, 7], of: problem)
        // Nodes 3 and 4 share label 7 with 0 and 1 but no path joins them: a separate cluster.
        #expect(labelling.nodeLabels == [0, 0, 1, 2, 2])
        #expect(labelling.energy == -1)
        #expect(throws: GraphError.countMismatch(what: "node labels", expected: 5, actual: 2)) {
            try MulticutLabelling(labels: [0, 1], of: problem)
        }
    }

    @Test func rejectsBadCosts() throws {
        let graph = try Graph(nodeCount: 2, edges: [Edge(0, 1)])
        #expect(throws: GraphError.countMismatch(what: "multicut costs", expected: 1, actual: 2)) {
            try Multicut(graph: graph, costs: [1, 2])
        }
        #expect(throws: GraphError.nonFiniteValue(what: "cost of edge", index: 0)) { try Multicut(graph: graph, costs: [.nan]) }
        #expect(throws: GraphError.nonFiniteValue(what: "cost of edge", index: 0)) {
            try Multicut(graph: graph, costs: [-.infinity])
        }
    }

    @Test func emptyAndEdgelessGraphs() throws {
        #expect(try Multicut(graph: Graph(nodeCount: 0, edges: []), costs: []).solve().nodeLabels == [])
        let isolated = try Multicut(graph: Graph(nodeCount: 3, edges: []), costs: []).solve(.gaecKernighanLin, decompose: true)
        #expect(isolated.nodeLabels == [0, 1, 2] && isolated.energy == 0)
    }

    @Test func decompositionInParallelOnALargeGridMatchesItsOwnCut() throws {
        // 80×80 grid, 6,400 nodes: above the parallel threshold. Costs from a seeded generator.
        let graph = try gridGraph(rows: 80, cols: 80)
        var generator = SplitMix64(seed: 3)
        let costs = (0..<graph.edgeCount).map { _ in Double.random(in: -1...1.5, using: &generator) }
        let problem = try Multicut(graph: graph, costs: costs)
        let whole = problem.solve(.gaecKernighanLin)
        let parts = problem.solve(.gaecKernighanLin, decompose: true)
        #expect(abs(parts.energy - problem.energy(labels: parts.nodeLabels)) < 1e-9)
        #expect(parts.energy <= problem.solve(.gaec).energy + 1e-9)
        // Both are local optima of the same search; they should agree to within a fraction of a percent.
        #expect(abs(parts.energy - whole.energy) <= 0.01 * abs(whole.energy))
        // The perturbation rounds (10 on 6,400 nodes) draw from a fixed seed: the same input gives the same result.
        #expect(problem.solve(.gaecKernighanLin) == whole)
        #expect(problem.solve(.gaecKernighanLin, decompose: true) == parts)
    }
}

@Suite struct MulticutCostsTests {
    @Test func finiteForExtremeAndEqualProbabilities() throws {
        for probabilities: [Float] in [[0, 1], [0.5, 0.5, 0.5], [1, 1, 1], [0, 0], [-3, 7], [.infinity, -.infinity]] {
            let costs = try MulticutCosts.fromProbabilities(probabilities)
            #expect(costs.allSatisfy { $0.isFinite })
        }
        let costs = try MulticutCosts.fromProbabilities([0, 1, 0.5])
        #expect(abs(costs[0] - log(0.999 / 0.001)) < 1e-12)
        #expect(abs(costs[1] + log(0.999 / 0.001)) < 1e-12)
        #expect(costs[2] == 0)
    }

    @Test func boundaryBiasAndEdgeSizeWeighting() throws {
        let biased = try MulticutCosts.fromProbabilities([0.5], boundaryBias: 0.25)
        #expect(abs(biased[0] - log(3)) < 1e-12)
        let weighted = try MulticutCosts.fromProbabilities([0.2, 0.2], edgeSizes: [2, 8])
        #expect(abs(weighted[0] - log(4) * 0.25) < 1e-6 && abs(weighted[1] - log(4)) < 1e-6)
        let allZero = try MulticutCosts.fromProbabilities([0.2], edgeSizes: [0])
        #expect(allZero[0].isFinite && abs(allZero[0] - log(4)) < 1e-6)
    }

    @Test func rejectsInvalidParameters() {
        #expect(throws: GraphError.nonFiniteValue(what: "probability", index: 1)) {
            try MulticutCosts.fromProbabilities([0.1, .nan])
        }
        #expect(throws: GraphError.self) { try MulticutCosts.fromProbabilities([0.1], boundaryBias: 1) }
        #expect(throws: GraphError.self) { try MulticutCosts.fromProbabilities([0.1], epsilon: 0) }
        #expect(throws: GraphError.self) { try MulticutCosts.fromProbabilities([0.1], edgeSizes: [1, 2]) }
        #expect(throws: GraphError.self) { try MulticutCosts.fromProbabilities([0.1], edgeSizes: [-1]) }
    }
}

@Suite struct MulticutFileTests {
    func write(_ text: String) throws -> String {
        let path = Fixtures.temporaryDirectory("graphs").appendingPathComponent("graph.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsTheFixtureFormat() throws {
        let problem = try MulticutFile.read(try write(#"{"num_nodes": 3, "edges": [[0, 1], [1, 2]], "costs": [0.5, -1], "x": 1}"#))
        #expect(problem.graph.edges == [Edge(0, 1), Edge(1, 2)])
        #expect(problem.costs == [0.5, -1])
    }

    @Test(arguments: [
        (#"{"edges": [], "costs": []}"#, "num_nodes"),
        (#"{"num_nodes": 2, "edges": [[0, 1.5]], "costs": [1]}"#, "edges[0] = [0.0, 1.5] is not a pair of integers"),
        (#"{"num_nodes": 2, "edges": [[0, true]], "costs": [1]}"#, "edges[0][1]"),
        (#"{"num_nodes": 2, "edges": [[0, 1, 2]], "costs": [1]}"#, "edges[0] is not a pair"),
        (#"{"num_nodes": 2, "edges": [[0, 1]], "costs": ["a"]}"#, "costs[0]"),
        (#"{"num_nodes": 2, "edges": [[0, 1]], "costs": [1, 2]}"#, "expected 1 values, got 2"),
        (#"{"num_nodes": 3, "edges": [[1, 2], [0, 1]], "costs": [1, 2]}"#, "lexicographic"),
        (#"{"num_nodes": 2, "edges": [[0, 5]], "costs": [1]}"#, "outside"),
        ("[1, 2", "not valid JSON"),
    ])
    func malformedFilesNameTheFileAndTheProblem(text: String, fragment: String) throws {
        let path = try write(text)
        let error = #expect(throws: GraphError.self) { try MulticutFile.read(path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains(fragment) == true, "\(error?.description ?? "")")
    }

    @Test func missingFile() {
        let error = #expect(throws: GraphError.self) { try MulticutFile.read("/nonexistent/graph.json") }
        #expect(error == .unreadableFile(path: "/nonexistent/graph.json", reason: "no such file"))
    }
}
