import ArgumentParser
import Graphs

extension Benchmark {
    /// `priorcut bench subgraphs --graph FILE --sizes 6,12,32,128`: dense subgraphs of every size, seed 0.
    static let subgraphs = Benchmark(
        name: "subgraphs",
        summary: "dense subgraph sampler (paper Alg. 1) on a graph JSON (--graph, --sizes 6,12,32,128)"
    ) { options in
        let path = try options.required(options.graph, "--graph FILE", for: "subgraphs")
        let text = options.sizes ?? "6,12,32,128"
        let sizes = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.count == text.split(separator: ",").count else {
            throw ValidationError("--sizes must be comma-separated integers, got '\(text)'")
        }
        let graph = try MulticutFile.read(path).graph
        let sampler = DenseSubgraphSampler(graph: graph)
        _ = try sampler.sample(sizes: sizes, seed: 0) // validates the sizes before timing
        let box = ResultBox<[Subgraphs]>()
        return PreparedBenchmark(run: { box.value = try sampler.sample(sizes: sizes, seed: 0) }, details: {
            ["sizes": sizes, "subgraphs": box.value?.map(\.count) ?? [],
             "nodes": graph.nodeCount, "edges": graph.edgeCount]
        })
    }
}
