import Randomness
import Tensors
import Testing

/// Fused ops against the compositions they replace: the same values and the same gradients, on small inputs and on
/// inputs large enough for the parallel paths (rows or column blocks split between workers).
@Suite struct FusedOperationTests {
    /// Output and input gradients of `function` for the loss `Σ f(inputs) · w` with fixed random weights `w`.
    static func evaluate(_ inputs: [Tensor], _ function: ([Tensor]) -> Tensor) -> (output: [Float], gradients: [[Float]]) {
        let parameters = inputs.map { Parameter($0) }
        let output = function(parameters.map(\.tensor))
        var generator = SeededGenerator(seed: 11)
        (output * Tensor.uniform(output.shape, low: -1, high: 1, using: &generator)).sum().backward()
        return (output.values, parameters.map { $0.gradient?.values ?? [] })
    }

    /// The largest difference between two value lists of one length, scaled by `1 + |reference|`.
    static func worstDifference(_ values: [Float], _ reference: [Float]) -> Float {
        precondition(values.count == reference.count, "\(values.count) values against \(reference.count)")
        return zip(values, reference).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? 0
    }

    static func expectSame(_ inputs: [Tensor], tolerance: Float = 1e-6, sourceLocation: SourceLocation = #_sourceLocation,
                           fused: ([Tensor]) -> Tensor, composed: ([Tensor]) -> Tensor) {
        let (fusedOutput, fusedGradients) = evaluate(inputs, fused)
        let (output, gradients) = evaluate(inputs, composed)
        #expect(worstDifference(fusedOutput, output) <= tolerance, "output", sourceLocation: sourceLocation)
        for (i, (fusedGradient, gradient)) in zip(fusedGradients, gradients).enumerated() {
            #expect(!gradient.isEmpty && worstDifference(fusedGradient, gradient) <= tolerance, "gradient of input \(i)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [[4, 6], [2, 3, 5], [300, 256]])
    func layerNormLeakyReluIsTheComposition(shape: [Int]) {
        var generator = SeededGenerator(seed: 5)
        let width = shape[shape.count - 1]
        // A large common offset per row checks that the fused op centres as accurately as `standardized`.
        let x = Tensor.normal(shape, mean: 3, std: 2, using: &generator)
        let gamma = Tensor.normal([width], mean: 1, std: 0.5, using: &generator)
        let beta = Tensor.normal([width], std: 0.5, using: &generator)
        Self.expectSame([x, gamma, beta], fused: { Tensor.layerNormLeakyRelu($0[0], weight: $0[1], bias: $0[2], slope: 0.1) },
                        composed: { Tensor.layerNorm($0[0], weight: $0[1], bias: $0[2]).leakyRelu(slope: 0.1) })
        Self.expectSame([x], fused: { Tensor.layerNormLeakyRelu($0[0], weight: nil, bias: nil, slope: 0.01) },
                        composed: { Tensor.layerNorm($0[0], weight: nil, bias: nil).leakyRelu(slope: 0.01) })
        Self.expectSame([x, beta], fused: { Tensor.layerNormLeakyRelu($0[0], weight: nil, bias: $0[1], slope: 0.2) },
                        composed: { Tensor.layerNorm($0[0], weight: nil, bias: $0[1]).leakyRelu(slope: 0.2) })
    }

    @Test func layerNormLeakyReluPassesNoGradientToConstants() {
        let x = Parameter(Tensor(shape: [2, 3], values: [1, 2, 4, -1, 0, 3]))
        let gamma = Tensor(shape: [3], values: [1, 2, 3]), beta = Parameter(Tensor(shape: [3], values: [0, 0.5, -0.5]))
        Tensor.layerNormLeakyRelu(x.tensor, weight: gamma, bias: beta.tensor, slope: 0.01).sum().backward()
        #expect(x.gradient?.shape == [2, 3] && beta.gradient?.shape == [3])
        #expect(!Tensor.layerNormLeakyRelu(gamma.reshaped([1, 3]), weight: nil, bias: nil, slope: 0.01).isRecorded)
    }

    @Test(arguments: [(7, 3), (3000, 256)])
    func sumOfGatheredRowsIsTheSumOfGathers(messages: Int, width: Int) {
        var generator = SeededGenerator(seed: 9)
        let nodes = 40, edges = messages / 2 + 1
        let a = Tensor.normal([nodes, width], using: &generator), b = Tensor.normal([nodes, width], using: &generator)
        let e = Tensor.normal([edges, width], using: &generator)
        let targets = (0..<messages).map { _ in generator.nextInt(in: 0...(nodes - 1)) }
        let sources = (0..<messages).map { _ in generator.nextInt(in: 0...(nodes - 1)) }
        let edgeOfMessage = (0..<messages).map { $0 % edges }
        Self.expectSame([a, b, e], tolerance: 0, fused: {
            Tensor.sumOfGatheredRows([($0[0], targets), ($0[1], sources), ($0[2], edgeOfMessage)])
        }, composed: { $0[0].gatherRows(targets) + $0[1].gatherRows(sources) + $0[2].gatherRows(edgeOfMessage) })
    }

    @Test func sumOfGatheredRowsSendsNoGradientToConstants() {
        // A frozen network's node projections are constants: only the recorded terms get (the right) gradients.
        var generator = SeededGenerator(seed: 10)
        let a = Tensor.normal([6, 4], using: &generator), constant = Tensor.normal([6, 4], using: &generator)
        let e = Tensor.normal([3, 4], using: &generator)
        let (targets, sources, edges) = ([1, 5, 5, 0, 2, 3], [0, 0, 4, 4, 1, 5], [0, 1, 2, 0, 1, 2])
        let (pa, pe) = (Parameter(a), Parameter(e))
        let weights = Tensor.uniform([6, 4], low: -1, high: 1, using: &generator)
        (Tensor.sumOfGatheredRows([(pa.tensor, targets), (constant, sources), (pe.tensor, edges)]) * weights).sum().backward()
        #expect(pa.gradient?.values == (weights.scatterAddRows(targets, rowCount: 6)).values)
        #expect(pe.gradient?.values == (weights.scatterAddRows(edges, rowCount: 3)).values)
        #expect(!Tensor.sumOfGatheredRows([(constant, sources)]).isRecorded)
    }

    @Test(arguments: [(7, 3), (3000, 256), (5000, 16)])
    func scattersMatchAPlainLoop(messages: Int, width: Int) {
        var generator = SeededGenerator(seed: 13)
        let nodes = 50
        let x = Tensor.normal([messages, width], using: &generator)
        let index = (0..<messages).map { _ in generator.nextInt(in: 0...(nodes - 2)) } // the last node receives nothing
        var sums = [Float](repeating: 0, count: nodes * width), counts = [Float](repeating: 0, count: nodes)
        for (k, i) in index.enumerated() {
            counts[i] += 1
            for j in 0..<width { sums[i * width + j] += x.values[k * width + j] }
        }
        #expect(x.scatterAddRows(index, rowCount: nodes).values == sums)
        let means = sums.indices.map { sums[$0] * (1 / max(counts[$0 / width], 1)) }
        #expect(x.scatterMeanRows(index, rowCount: nodes).values == means)
        #expect(x.scatterMeanRows(index, rowCount: nodes).values.suffix(width).allSatisfy { $0 == 0 })
    }
}
