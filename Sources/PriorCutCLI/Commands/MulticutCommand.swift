import ArgumentParser
import Foundation
import Graphs

struct MulticutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multicut",
        abstract: "Partition a graph by minimum-cost multicut; print the energy and the node labels.",
        discussion: """
            The graph file is JSON {"num_nodes": n, "edges": [[u, v], …], "costs": [c, …]} with edges u < v sorted
            lexicographically; positive cost = attractive. Energy = sum of the costs of the cut edges (minimised).
            Labels are canonical: clusters numbered 0, 1, … in order of their smallest node.
            """)

    @Option(help: "Graph JSON file ({num_nodes, edges, costs}).")
    var graph: String

    @Option(help: "Solver: gaec (greedy additive edge contraction) or gaec-kl (GAEC + Kernighan–Lin).")
    var solver: String = MulticutSolver.gaecKernighanLin.rawValue

    @Flag(help: "Solve each component of the attractive-edge graph separately (in parallel on large graphs).")
    var decompose = false

    @Flag(help: "Print JSON {\"energy\", \"labels\"} instead of text.")
    var json = false

    func validate() throws {
        guard MulticutSolver(rawValue: solver) != nil else {
            throw ValidationError("unknown solver '\(solver)'; use one of \(MulticutSolver.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let solver = MulticutSolver(rawValue: solver) ?? .gaecKernighanLin // checked in validate()
        let problem = try MulticutFile.read(graph)
        let start = DispatchTime.now().uptimeNanoseconds
        let labelling = problem.solve(solver, decompose: decompose)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if json {
            let object: [String: Any] = ["energy": labelling.energy, "labels": labelling.nodeLabels]
            try printJSON(object)
        } else {
            print("\(graph): \(problem.graph.nodeCount) nodes, \(problem.graph.edgeCount) edges")
            print(String(format: "%@: energy %.6f, %d clusters, %.2f ms", solver.rawValue, labelling.energy,
                         labelling.clusterCount, milliseconds))
        }
    }
}
