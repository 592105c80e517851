import Experiments
import Randomness
import Tensors

extension Benchmarks {
    /// The report's Fig. 5 panel: 16-channel pixel features of a 256×256 image → covariance → LAPACKE dsyevd →
    /// first 3 components → percentile-stretched RGB (numpy anchor: scripts/fixtures/pca_reference.py's method).
    static let pcaImage = Benchmark(
        name: "pca-image",
        summary: "PCA of 16x256x256 pixel features to an RGB image (report panel); no inputs"
    ) { _ in
        var generator = SeededGenerator(seed: 1)
        let features = Tensor.normal([16, 256, 256], using: &generator)
        return PreparedBenchmark(
            run: { _ = try PrincipalComponentImage.colours(of: features) },
            details: { ["shape": "16x256x256"] }
        )
    }
}
