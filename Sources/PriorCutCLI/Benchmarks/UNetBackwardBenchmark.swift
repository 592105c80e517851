import NeuralNets
import Randomness
import Tensors

extension Benchmarks {
    /// Issue 5: the paper's nuclei U-Net (A.9, feature maps 16/32/64/128, GroupNorm) on one 256×256 image,
    /// forward and backward of an MSE loss.
    static let unetBackward = Benchmark(
        name: "unet-backward",
        summary: "UNet2D 16/32/64/128 (GroupNorm 8) on 1x1x256x256: forward + backward of MSE; no inputs"
    ) { _ in
        var generator = SeededGenerator(seed: 3)
        let unet = try UNet2D(inputChannels: 1, outputChannels: 16, featureMaps: [16, 32, 64, 128], groups: 8, using: &generator)
        let x = Tensor.normal([1, 1, 256, 256], using: &generator)
        let target = Tensor.normal([1, 16, 256, 256], using: &generator)
        return PreparedBenchmark(
            run: {
                unet.zeroGradients()
                Tensor.meanSquaredError(unet(x), target).backward()
            },
            details: { ["shape": "1x1x256x256", "feature_maps": "16/32/64/128", "parameters": unet.parameterCount] }
        )
    }
}
