import Imaging

extension Benchmark {
    /// The whole pipeline timed for scikit-image: Gaussian σ 2 → Sobel → h-minima markers (h = 0.01, labelled with
    /// 4-connectivity) → seeded watershed.
    static let watershed = Benchmark(
        name: "watershed", summary: "Gaussian σ 2 → Sobel → h-minima (h 0.01) → seeded watershed of --image") { options in
        let image = try benchmarkImage(options, for: "watershed")
        var regions = 0
        return PreparedBenchmark(run: {
            let gradient = SobelFilter.magnitude(try GaussianFilter.smooth(image, sigma: 2))
            let markers = ConnectedComponents.label(try RegionalMinima.hMinima(gradient, h: 0.01), connectivity: .four)
            _ = try SeededWatershed.flood(gradient, markers: markers)
            regions = ConnectedComponents.count(markers)
        }, details: { ["rows": image.rows, "cols": image.cols, "regions": regions] })
    }
}
