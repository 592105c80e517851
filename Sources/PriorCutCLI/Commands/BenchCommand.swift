import ArgumentParser
import Dispatch
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time one primitive on your data; print the median and minimum over repeats.",
        discussion: """
            Benchmarks: \(Benchmarks.all.map(\.name).joined(separator: ", ")).
            Run `priorcut bench --list` for what each one times and which inputs it needs.
            Build in release (`swift build -c release`) before timing anything.
            """)

    @Argument(help: "The benchmark to run (see --list).")
    var name: String?

    @Flag(help: "List the benchmarks and exit.")
    var list = false

    @Option(help: "Input image (TIFF/PNG); float images should hold values in [0, 1].")
    var image: String?

    @Option(help: "Input label image (TIFF/PNG).")
    var labels: String?

    @Option(help: "Input graph JSON ({num_nodes, edges, costs}).")
    var graph: String?

    @Option(help: "Multicut solver for graph benchmarks: gaec or gaec-kl.")
    var solver: String = "gaec-kl"

    @Option(help: "Radius range for the Hough benchmark, e.g. 10:20.")
    var radii: String?

    @Option(help: "Rule manifest (YAML) for the reward benchmark.")
    var manifest: String?

    @Option(help: "Superpixel label image for the reward benchmark.")
    var superpixels: String?

    @Option(help: "Subgraph sizes, comma separated, e.g. 6,12,32,128.")
    var sizes: String?

    @Flag(help: "train-step: train the U-Net feature extractor jointly.")
    var jointFeatures = false

    @Option(help: "Timed repeats (after one warm-up run).")
    var `repeat`: Int = 10

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard list || name != nil else { throw ValidationError("name a benchmark, or pass --list") }
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1, got \(`repeat`)") }
    }

    func run() throws {
        if list {
            for benchmark in Benchmarks.all { print("\(benchmark.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(benchmark.summary)") }
            return
        }
        guard let name, let benchmark = Benchmarks.all.first(where: { $0.name == name }) else {
            throw ValidationError("unknown benchmark '\(name ?? "")'; known: \(Benchmarks.all.map(\.name).joined(separator: ", "))")
        }
        let options = BenchmarkOptions(image: image, labels: labels, graph: graph, solver: solver, radii: radii,
                                       sizes: sizes, manifest: manifest, superpixels: superpixels,
                                       jointFeatures: jointFeatures)
        let prepared = try benchmark.prepare(options)
        try prepared.run() // warm-up
        var times: [Double] = []
        for _ in 0..<`repeat` {
            let start = DispatchTime.now().uptimeNanoseconds
            try prepared.run()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let sorted = times.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        var result: [String: Any] = ["name": name, "median_ms": median, "min_ms": sorted[0], "repeats": `repeat`,
                                     // The OpenBLAS setting the times were measured with (BLASThreadTuning).
                                     "openblas_thread_timeout": ProcessInfo.processInfo.environment[BLASThreadTuning.variable] ?? NSNull()]
        for (key, value) in prepared.details() { result[key] = value }
        if json {
            try printJSON(result)
        } else {
            print(String(format: "%@: median %.3f ms, min %.3f ms over %d repeats", name, median, sorted[0], `repeat`))
            for (key, value) in prepared.details().sorted(by: { $0.key < $1.key }) { print("  \(key): \(value)") }
        }
    }
}

/// The inputs a benchmark may read; each benchmark says which it needs.
struct BenchmarkOptions {
    var image: String?
    var labels: String?
    var graph: String?
    var solver: String
    var radii: String?
    var sizes: String?
    var manifest: String?
    var superpixels: String?
    var jointFeatures: Bool

    /// The value of a required option, or a usage error naming it.
    func required(_ value: String?, _ flag: String, for name: String) throws -> String {
        guard let value else { throw ValidationError("benchmark '\(name)' needs \(flag)") }
        return value
    }
}

/// A named timing: `prepare` loads inputs once (untimed) and returns the body to time.
struct Benchmark: Sendable {
    let name: String
    let summary: String
    let prepare: @Sendable (BenchmarkOptions) throws -> PreparedBenchmark
}

struct PreparedBenchmark {
    /// The timed work.
    let run: () throws -> Void
    /// Extra fields for the JSON output (sizes, energies, …), read after the timed runs.
    var details: () -> [String: Any] = { [:] }
}
