import Imaging

extension Benchmark {
    /// Gaussian σ 2 (mode nearest, truncate 4), as `skimage.filters.gaussian(img, 2, mode='nearest')`.
    static let gaussian = Benchmark(name: "gaussian", summary: "Gaussian filter σ 2 of --image") { options in
        let image = try benchmarkImage(options, for: "gaussian")
        return PreparedBenchmark(run: { _ = try GaussianFilter.smooth(image, sigma: 2) },
                                 details: { ["rows": image.rows, "cols": image.cols, "sigma": 2] })
    }
}
