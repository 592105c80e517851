import Imaging

extension Benchmark {
    /// Sobel magnitude, as `skimage.filters.sobel(img)`.
    static let sobel = Benchmark(name: "sobel", summary: "Sobel edge magnitude of --image") { options in
        let image = try benchmarkImage(options, for: "sobel")
        return PreparedBenchmark(run: { _ = SobelFilter.magnitude(image) },
                                 details: { ["rows": image.rows, "cols": image.cols] })
    }
}
