import NeuralNets
import Randomness
import Tensors

extension Benchmarks {
    /// Issue 5: an MLP 64→512→512→512→1 with ReLU on a batch of 2000, forward and backward of an MSE loss.
    static let mlpBackward = Benchmark(
        name: "mlp-backward",
        summary: "MLP 64->512->512->512->1 (ReLU) on 2000x64: forward + backward of MSE; no inputs"
    ) { _ in
        var generator = SeededGenerator(seed: 4)
        let mlp = MLP(inputs: 64, hidden: [512, 512, 512], outputs: 1, activation: .relu, using: &generator)
        let x = Tensor.normal([2000, 64], using: &generator)
        let target = Tensor.normal([2000, 1], using: &generator)
        return PreparedBenchmark(
            run: {
                mlp.zeroGradients()
                Tensor.meanSquaredError(mlp(x), target).backward()
            },
            details: { ["batch": 2000, "widths": "64-512-512-512-1", "parameters": mlp.parameterCount] }
        )
    }
}
