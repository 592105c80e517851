import ArgumentParser
import Graphs

extension Benchmark {
    /// `priorcut bench multicut --graph FILE --solver gaec|gaec-kl`: one solve of the graph's multicut.
    static let multicut = Benchmark(
        name: "multicut",
        summary: "multicut of a graph JSON (--graph, --solver gaec|gaec-kl); reports the energy"
    ) { options in
        let path = try options.required(options.graph, "--graph FILE", for: "multicut")
        guard let solver = MulticutSolver(rawValue: options.solver) else {
            throw ValidationError("unknown solver '\(options.solver)'; use gaec or gaec-kl")
        }
        let problem = try MulticutFile.read(path)
        let box = ResultBox<MulticutLabelling>()
        return PreparedBenchmark(run: { box.value = problem.solve(solver) }, details: {
            ["energy": box.value?.energy ?? .nan, "clusters": box.value?.clusterCount ?? 0,
             "nodes": problem.graph.nodeCount, "edges": problem.graph.edgeCount, "solver": solver.rawValue]
        })
    }
}
