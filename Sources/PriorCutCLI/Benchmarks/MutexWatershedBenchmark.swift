import Imaging

extension Benchmark {
    /// Mutex watershed with the default offsets on the Sobel magnitude of the σ 1 smoothed image, scaled to [0, 1]
    /// (the preprocessing is untimed).
    static let mutexWatershed = Benchmark(
        name: "mutex-watershed", summary: "mutex watershed of the scaled Sobel gradient of --image") { options in
        let image = try benchmarkImage(options, for: "mutex-watershed")
        let gradient = SobelFilter.magnitude(try GaussianFilter.smooth(image, sigma: 1))
        let top = gradient.values.max() ?? 0
        let boundary = gradient.map { top > 0 ? $0 / top : 0 }
        let method = try MutexWatershed()
        var clusters = 0
        return PreparedBenchmark(run: { clusters = Int((try method.segment(boundary)).values.max() ?? 0) + 1 },
                                 details: { ["rows": image.rows, "cols": image.cols, "clusters": clusters,
                                             "offsets": method.attractive.count + method.repulsive.count] })
    }
}
