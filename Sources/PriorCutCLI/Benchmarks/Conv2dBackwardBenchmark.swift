import NeuralNets
import Randomness
import Tensors

extension Benchmarks {
    /// Issue 5: forward and backward of the 3×3 32→32 convolution, with gradients for weight, bias and input.
    static let conv2dBackward = Benchmark(
        name: "conv2d-backward",
        summary: "conv2d 3x3 32->32 on 1x32x256x256: forward + backward (weight, bias, input); no inputs"
    ) { _ in
        var generator = SeededGenerator(seed: 2)
        let conv = Conv2d(inputs: 32, outputs: 32, kernelSize: 3, using: &generator)
        let input = Parameter(Tensor.normal([1, 32, 256, 256], using: &generator))
        let lossWeight = Tensor.normal([1, 32, 256, 256], using: &generator)
        return PreparedBenchmark(
            run: {
                conv.zeroGradients()
                input.zeroGradient()
                (conv(input.tensor) * lossWeight).sum().backward()
            },
            details: { ["shape": "1x32x256x256", "gflop": conv2dGigaFlop(batch: 1, inputs: 32, outputs: 32, size: 256, backward: true)] }
        )
    }
}
