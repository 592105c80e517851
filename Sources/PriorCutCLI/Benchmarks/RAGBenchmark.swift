import Graphs
import Imaging

extension Benchmark {
    /// `priorcut bench rag --labels FILE [--image FILE]`: region adjacency graph with node intensity statistics and
    /// the image as boundary map.
    static let rag = Benchmark(
        name: "rag",
        summary: "region adjacency graph of a superpixel label image (--labels, optional --image for node/edge stats)"
    ) { options in
        let labels = try ImageFile.readLabels(try options.required(options.labels, "--labels FILE", for: "rag"))
        let image = try options.image.map { path throws(ImagingError) in try ImageFile.readImage(path) }
        let box = ResultBox<RegionAdjacencyGraph>()
        return PreparedBenchmark(run: {
            box.value = try RegionAdjacencyGraph(labels: labels, intensities: image, boundaries: image)
        }, details: {
            ["nodes": box.value?.nodeCount ?? 0, "edges": box.value?.graph.edgeCount ?? 0,
             "rows": labels.rows, "cols": labels.cols]
        })
    }
}
