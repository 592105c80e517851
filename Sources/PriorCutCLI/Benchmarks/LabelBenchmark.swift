import Imaging

extension Benchmark {
    /// 4-connected components of the image's Otsu mask (the mask is computed untimed), as
    /// `skimage.measure.label(mask, connectivity=1)`.
    static let label = Benchmark(name: "label", summary: "4-connected components of the Otsu mask of --image") { options in
        let image = try benchmarkImage(options, for: "label")
        let mask = try OtsuThreshold.foreground(image)
        var components = 0
        return PreparedBenchmark(run: { components = ConnectedComponents.count(ConnectedComponents.label(mask, connectivity: .four)) },
                                 details: { ["rows": image.rows, "cols": image.cols, "components": components] })
    }
}
