import Randomness
import Tensors
import Testing

/// A finite-difference check of every differentiable op (central differences of a randomly weighted sum, in
/// Double; inputs kept away from kinks by more than the step).
@Suite struct GradientCheckTests {
    /// Uniform values in [low, high) whose magnitude is at least `margin` (away from 0, where relu-like ops kink).
    static func input(_ shape: [Int], seed: UInt64, low: Float = -2, high: Float = 2, margin: Float = 0.05) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        var t = Tensor.uniform(shape, low: low, high: high, using: &generator)
        t.withUnsafeMutableValues { v in for i in v.indices where abs(v[i]) < margin { v[i] = v[i] < 0 ? -margin : margin } }
        return t
    }

    /// Distinct values spaced 0.1 apart in random order (no near-ties, for max and max-pooling).
    static func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let count = shape.reduce(1, *)
        let values = (0..<count).map { Float($0) * 0.1 - Float(count) * 0.05 }.shuffled(using: &generator)
        return Tensor(shape: shape, values: values)
    }

    static func expectPasses(_ inputs: [Tensor], tolerance: Float = 2e-3, sourceLocation: SourceLocation = #_sourceLocation,
                             _ function: ([Tensor]) -> Tensor) {
        let report = GradientCheck.check(inputs, function)
        #expect(report.worstError <= tolerance, "\(report)", sourceLocation: sourceLocation)
    }

    @Test func broadcastingArithmetic() {
        let a = Self.input([3, 4], seed: 1), b = Self.input([4], seed: 2), c = Self.input([3, 1], seed: 3, low: 1, high: 2)
        Self.expectPasses([a, b]) { $0[0] + $0[1] }
        Self.expectPasses([a, b]) { $0[0] - $0[1] }
        Self.expectPasses([a, c]) { $0[0] * $0[1] }
        Self.expectPasses([a, c]) { $0[0] / $0[1] }
        Self.expectPasses([b, a]) { 2 * $0[0] - $0[1] / 3 + 1 }
        Self.expectPasses([a]) { -$0[0] }
        Self.expectPasses([Self.input([2, 1, 3], seed: 4), Self.input([4, 1], seed: 5)]) { $0[0] * $0[1] }
    }

    @Test func activations() {
        let x = Self.input([3, 5], seed: 6)
        Self.expectPasses([x]) { $0[0].relu() }
        Self.expectPasses([x]) { $0[0].leakyRelu(slope: 0.1) }
        Self.expectPasses([x]) { $0[0].elu() }
        Self.expectPasses([x]) { $0[0].sigmoid() }
        Self.expectPasses([x]) { $0[0].tanh() }
        Self.expectPasses([x * 10]) { $0[0].softplus() }
        Self.expectPasses([x]) { $0[0].exp() }
        Self.expectPasses([x.abs() + 0.5]) { $0[0].log() }
        Self.expectPasses([x.abs() + 0.5]) { $0[0].sqrt() }
        Self.expectPasses([x.abs() + 0.5]) { $0[0].pow(1.7) }
        Self.expectPasses([x]) { $0[0].pow(2) }
        Self.expectPasses([x]) { $0[0].clamped(min: -1, max: 1) }
        Self.expectPasses([x]) { $0[0].abs() }
    }

    @Test func reductions() {
        let x = Self.input([2, 3, 4], seed: 7)
        Self.expectPasses([x]) { $0[0].sum() }
        Self.expectPasses([x]) { $0[0].mean() }
        Self.expectPasses([x]) { $0[0].sum(axes: [1]) }
        Self.expectPasses([x]) { $0[0].sum(axes: [0, 2], keepingAxes: true) }
        Self.expectPasses([x]) { $0[0].mean(axes: [-1]) }
        Self.expectPasses([Self.distinct([2, 3, 4], seed: 8)]) { $0[0].max(axis: 1) }
        Self.expectPasses([Self.distinct([2, 3, 4], seed: 9)]) { $0[0].max(axis: -1, keepingAxis: true) }
        let a = Self.input([5, 3], seed: 10), b = Self.input([5, 3], seed: 11)
        Self.expectPasses([a, b]) { Tensor.rowDot($0[0], $0[1]) }
        Self.expectPasses([a, b]) { Tensor.rowDot($0[0] - $0[1], $0[0] - $0[1]) } // one input on both sides
    }

    @Test func rowNormalisation() {
        let x = Self.input([6, 3], seed: 12)
        Self.expectPasses([x]) { $0[0].l2NormalizedRows() }
        let reference = x.l2Normalized(axis: 1).values, fused = x.l2NormalizedRows().values
        #expect(zip(reference, fused).allSatisfy { abs($0 - $1) < 1e-6 })
        // A row shorter than ε is divided by ε (its clamped norm passes no gradient).
        let short = Tensor(shape: [2, 2], values: [0.1, -0.2, 3, 4])
        Self.expectPasses([short]) { $0[0].l2NormalizedRows(epsilon: 0.5) }
        #expect(short.l2NormalizedRows(epsilon: 0.5).values == [0.2, -0.4, 0.6, 0.8])
    }

    @Test func rowDotValues() {
        let a = Tensor(shape: [2, 3], values: [1, 2, 3, -1, 0, 2]), b = Tensor(shape: [2, 3], values: [4, 5, 6, 3, 7, 0.5])
        #expect(Tensor.rowDot(a, b).values == [32, -2])
    }

    @Test func shaping() {
        let x = Self.input([2, 3, 4], seed: 10), y = Self.input([2, 2, 4], seed: 11)
        Self.expectPasses([x]) { $0[0].reshaped([6, -1]) * $0[0].reshaped([6, 4]) }
        Self.expectPasses([x]) { $0[0].permuted([2, 0, 1]) }
        Self.expectPasses([Self.input([3, 5], seed: 12)]) { $0[0].transposed() }
        Self.expectPasses([x, y]) { Tensor.concatenate([$0[0], $0[1]], axis: 1) }
        Self.expectPasses([x]) { let parts = $0[0].split(sizes: [1, 2], axis: 1); return parts[1] * 2 + parts[0] }
        Self.expectPasses([x]) { $0[0].slice(axis: 2, 1..<3) }
        Self.expectPasses([Self.input([4], seed: 13)]) { $0[0].broadcast(to: [3, 4]) }
        Self.expectPasses([x]) { $0[0].summed(toShape: [3, 1]) }
    }

    @Test func matrixProducts() {
        let a = Self.input([3, 4], seed: 14), b = Self.input([4, 5], seed: 15)
        Self.expectPasses([a, b]) { $0[0].matmul($0[1]) }
        let w = Self.input([5, 4], seed: 16), bias = Self.input([5], seed: 17)
        Self.expectPasses([a, w, bias]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        Self.expectPasses([a, w]) { Tensor.linear($0[0], weight: $0[1], bias: nil) }
    }

    @Test func rowIndexing() {
        let x = Self.input([5, 3], seed: 18)
        let index = [4, 0, 0, 2, 4, 4, 1]
        Self.expectPasses([x]) { $0[0].gatherRows(index) }
        let messages = Self.input([7, 3], seed: 19)
        Self.expectPasses([messages]) { $0[0].scatterAddRows(index, rowCount: 6) }
        Self.expectPasses([messages]) { $0[0].scatterMeanRows(index, rowCount: 6) }
        let y = Self.input([3, 3], seed: 37)
        Self.expectPasses([x, y, messages]) {
            Tensor.sumOfGatheredRows([($0[0], index), ($0[1], [2, 2, 0, 1, 0, 2, 1]), ($0[2], Array(0..<7))])
        }
    }

    @Test func layerNormLeakyRelu() {
        // Every element at least 0.15 from its row's mean, so no standardised value is near the kink at 0.
        let rows = Tensor(shape: [3, 5], values: [-2, -1.2, 0.9, 1.7, 2.6, 3, -1, 1.1, -2.5, 1.9, 0.2, 4, -3, 1.5, -0.9])
        Self.expectPasses([rows], tolerance: 3e-3) { Tensor.layerNormLeakyRelu($0[0], weight: nil, bias: nil, slope: 0.1) }
        // |β| ≥ 1 > |x̂·γ|: the affine output keeps the sign of β, which is negative for some columns.
        let gamma = Self.input([5], seed: 38, low: 0.1, high: 0.3), beta = Tensor(shape: [5], values: [1.5, -1.2, 1, -2, 1.3])
        Self.expectPasses([rows, gamma, beta], tolerance: 3e-3) {
            Tensor.layerNormLeakyRelu($0[0], weight: $0[1], bias: $0[2], slope: 0.1)
        }
    }

    @Test(arguments: [(3, 1), (1, 0), (3, 0), (5, 2)])
    func convolution(kernel: Int, padding: Int) {
        let x = Self.input([2, 3, 5, 6], seed: 20), w = Self.input([4, 3, kernel, kernel], seed: 21, low: -0.5, high: 0.5)
        let b = Self.input([4], seed: 22)
        Self.expectPasses([x, w, b], tolerance: 3e-3) { Tensor.conv2d($0[0], weight: $0[1], bias: $0[2], padding: padding) }
    }

    @Test func transposedConvolution() {
        let x = Self.input([2, 3, 3, 4], seed: 23), w = Self.input([3, 2, 2, 2], seed: 24), b = Self.input([2], seed: 25)
        Self.expectPasses([x, w, b]) { Tensor.convTranspose2d($0[0], weight: $0[1], bias: $0[2]) }
    }

    @Test func maxPooling() {
        Self.expectPasses([Self.distinct([2, 2, 5, 7], seed: 26)]) { $0[0].maxPool2x2() }
    }

    @Test func normalisation() {
        let x = Self.input([2, 4, 3, 3], seed: 27), gamma = Self.input([4], seed: 28), beta = Self.input([4], seed: 29)
        Self.expectPasses([x, gamma, beta], tolerance: 3e-3) { Tensor.groupNorm($0[0], groups: 2, weight: $0[1], bias: $0[2]) }
        let rows = Self.input([3, 6], seed: 30), g6 = Self.input([6], seed: 31), b6 = Self.input([6], seed: 32)
        Self.expectPasses([rows, g6, b6], tolerance: 3e-3) { Tensor.layerNorm($0[0], weight: $0[1], bias: $0[2]) }
        Self.expectPasses([Self.input([5, 3], seed: 33)], tolerance: 3e-3) { Tensor.batchStandardized($0[0]) }
        Self.expectPasses([x]) { $0[0].l2Normalized(axis: 1) }
    }

    @Test func distributionsAndLosses() {
        let x = Self.input([3, 4], seed: 34, low: -4, high: 4), mu = Self.input([3, 4], seed: 35)
        let sigma = Self.input([3, 4], seed: 36, low: 0.5, high: 1.5)
        Self.expectPasses([x, mu, sigma]) { Tensor.normalLogProbability($0[0], mean: $0[1], std: $0[2]) }
        Self.expectPasses([sigma]) { Tensor.normalEntropy(std: $0[0]) }
        Self.expectPasses([x, mu, sigma]) { Tensor.squashedNormalLogProbability($0[0], mean: $0[1], std: $0[2]) }
        Self.expectPasses([x, mu]) { Tensor.meanSquaredError($0[0], $0[1]) }
    }

    /// The check itself must fail on a wrong gradient, or it proves nothing.
    @Test func detectsAWrongGradient() {
        let x = Self.input([4], seed: 37)
        let wrong = GradientCheck.check([x]) { ($0[0] * $0[0]).detached + $0[0] } // drops the 2x term
        #expect(wrong.worstError > 0.1)
    }
}
