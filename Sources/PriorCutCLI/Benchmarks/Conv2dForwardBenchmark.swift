import NeuralNets
import Randomness
import Tensors

extension Benchmarks {
    /// Issue 5: a 3×3, 32→32 convolution with padding 1 and bias on one 32×256×256 image, inference only.
    static let conv2dForward = Benchmark(
        name: "conv2d-forward",
        summary: "conv2d 3x3 32->32, pad 1, bias, on 1x32x256x256 (no gradient); no inputs"
    ) { _ in
        var generator = SeededGenerator(seed: 1)
        let conv = Conv2d(inputs: 32, outputs: 32, kernelSize: 3, using: &generator)
        let x = Tensor.normal([1, 32, 256, 256], using: &generator)
        return PreparedBenchmark(
            run: { withoutGradients { _ = conv(x) } },
            details: { ["shape": "1x32x256x256", "gflop": conv2dGigaFlop(batch: 1, inputs: 32, outputs: 32, size: 256, backward: false)] }
        )
    }

    /// Multiply-adds ×2 of a 3×3 convolution (and ×3 with its weight and input gradients).
    static func conv2dGigaFlop(batch: Int, inputs: Int, outputs: Int, size: Int, backward: Bool) -> Double {
        2.0 * Double(batch * outputs * inputs * 9 * size * size) * (backward ? 3 : 1) / 1e9
    }
}
