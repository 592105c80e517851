import Agent
import Experiments
import Imaging
import Randomness

extension Benchmarks {
    /// Issue 7 (pre-training, paper A.1): one contrastive pre-training step — U-Net 16/32/64/128 with the image and
    /// superpixel-edge channels, forward, Eqs. 8–10, backward and Adam — on a batch of four 256×256 synthetic circle
    /// images with about 300 RAW superpixels each (crops of the whole image).
    static let pretrainStep = Benchmark(
        name: "pretrain-step",
        summary: "contrastive pre-training step, U-Net 16/32/64/128, 4 synthetic 256x256 images; no inputs"
    ) { _ in
        let recipe = try SuperpixelRecipe(sigma: 1, h: 0.009, minimumSize: 50)
        let images = try (0..<4).map { index in
            var generator = SplitMix64(seed: 42, stream: UInt64(index))
            let sample = try SyntheticCircles().generate(size: 256, using: &generator)
            return try PretrainingImage(image: sample.image, superpixels: try recipe.superpixels(of: sample.image))
        }
        var configuration = ContrastivePretraining.Configuration()
        configuration.cropSize = 256
        let trainer = try ContrastivePretraining(configuration: configuration, images: images, seed: 1)
        let box = ResultBox<Float>()
        return PreparedBenchmark(run: { box.value = try trainer.step().loss }, details: {
            ["batch": "4x2x256x256", "feature_maps": "16/32/64/128", "embedding_width": 16, "loss": box.value ?? 0]
        })
    }
}
