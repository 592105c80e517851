import Foundation
import NeuralNets
import Randomness
import Tensors
import Testing

@Suite struct ModuleTests {
    @Test func unetNamesShapesAndOutput() throws {
        var generator = SeededGenerator(seed: 1)
        let unet = try UNet2D(inputChannels: 1, outputChannels: 3, featureMaps: [8, 16, 32], groups: 4, using: &generator)
        let names = unet.namedParameters.map(\.name)
        #expect(names.prefix(6) == ["encoder.0.conv1.weight", "encoder.0.conv1.bias", "encoder.0.norm1.weight",
                                    "encoder.0.norm1.bias", "encoder.0.conv2.weight", "encoder.0.conv2.bias"])
        #expect(names.contains("decoder.1.up.weight") && names.contains("decoder.0.conv2.bias") && names.last == "head.bias")
        #expect(Set(names).count == names.count)
        let shapes = Dictionary(uniqueKeysWithValues: unet.namedParameters.map { ($0.name, $0.parameter.shape) })
        #expect(shapes["decoder.1.up.weight"] == [32, 16, 2, 2] && shapes["decoder.1.conv1.weight"] == [16, 32, 3, 3])
        let y = unet(Tensor.normal([2, 1, 16, 12], using: &generator))
        #expect(y.shape == [2, 3, 16, 12])
        #expect(throws: ModuleError.self) { try unet.checkInput(shape: [1, 1, 10, 12]) }
        try unet.checkInput(shape: [1, 1, 8, 12])
        #expect(throws: ModuleError.self) {
            try UNet2D(inputChannels: 1, outputChannels: 1, featureMaps: [6, 12], groups: 4, using: &generator)
        }
    }

    @Test func mlpStructureAndTraining() {
        var generator = SeededGenerator(seed: 2)
        let mlp = MLP(inputs: 2, hidden: [16, 16], outputs: 1, activation: .tanh, normalization: .layerNorm, using: &generator)
        #expect(mlp.namedParameters.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
                                                    "layers.2.weight", "layers.2.bias", "norms.0.weight", "norms.0.bias",
                                                    "norms.1.weight", "norms.1.bias"])
        #expect(mlp.parameterCount == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1 + 4 * 16)
        // Fit XOR-like targets: the loss must drop by an order of magnitude.
        let x = Tensor(shape: [4, 2], values: [0, 0, 0, 1, 1, 0, 1, 1]), target = Tensor(shape: [4, 1], values: [0, 1, 1, 0])
        let optimizer = Adam(parameters: mlp.parameters, learningRate: 0.01)
        let initial = Tensor.meanSquaredError(mlp(x), target).scalar
        for _ in 0..<300 {
            optimizer.zeroGradients()
            Tensor.meanSquaredError(mlp(x), target).backward()
            optimizer.update()
        }
        let final = withoutGradients { Tensor.meanSquaredError(mlp(x), target).scalar }
        #expect(final < initial / 10, "loss \(initial) → \(final)")
    }

    @Test func batchStatisticsNormalisationStandardisesColumns() {
        var generator = SeededGenerator(seed: 3)
        let mlp = MLP(inputs: 3, hidden: [5], outputs: 2, activation: .identity, normalization: .batchStatistics, using: &generator)
        let h = Tensor.batchStandardized(mlp.layers[0](Tensor.normal([64, 3], mean: 2, std: 3, using: &generator)))
        let means = h.mean(axes: [0]).values, variances = (h * h).mean(axes: [0]).values
        #expect(means.allSatisfy { abs($0) < 1e-5 } && variances.allSatisfy { abs($0 - 1) < 1e-3 })
        #expect(mlp(Tensor.normal([8, 3], using: &generator)).shape == [8, 2])
    }

    @Test func initialisationIsSeededAndScaled() {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        let first = Linear(inputs: 400, outputs: 300, initialization: .xavierNormal, biasInitialization: .constant(0.01), using: &a)
        let second = Linear(inputs: 400, outputs: 300, initialization: .xavierNormal, biasInitialization: .constant(0.01), using: &b)
        #expect(first.weight.value.values == second.weight.value.values)
        let w = first.weight.value.values
        let std = (w.map { $0 * $0 }.reduce(0, +) / Float(w.count)).squareRoot()
        #expect(abs(std - (2.0 / 700).squareRoot()) < 0.002)
        #expect(first.bias!.value.values.allSatisfy { $0 == 0.01 })
        let he = Conv2d(inputs: 16, outputs: 32, kernelSize: 3, initialization: .heUniform, using: &a).weight.value.values
        let bound = (6.0 / 144).squareRoot()
        #expect(he.allSatisfy { abs($0) <= Float(bound) } && he.contains { abs($0) > Float(bound) * 0.95 })
    }

    @Test("An MLP with LayerNorm and LeakyReLU (one fused op) computes and differentiates what the layers do one by one")
    func mlpLayerNormLeakyReluIsTheComposition() {
        var generator = SeededGenerator(seed: 6)
        let mlp = MLP(inputs: 3, hidden: [8, 8], outputs: 2, activation: .leakyRelu(slope: 0.1), normalization: .layerNorm,
                      using: &generator)
        for norm in mlp.norms { // a non-trivial affine, so its gradients matter
            norm.weight.assign(Tensor.normal([8], mean: 1, std: 0.5, using: &generator))
            norm.bias.assign(Tensor.normal([8], std: 0.5, using: &generator))
        }
        let x = Tensor.normal([5, 3], using: &generator), weights = Tensor.normal([5, 2], using: &generator)
        func gradients(_ forward: () -> Tensor) -> (output: [Float], gradients: [[Float]]) {
            mlp.zeroGradients()
            let y = forward()
            (y * weights).sum().backward()
            return (y.values, mlp.parameters.map { $0.gradient?.values ?? [] })
        }
        let fused = gradients { mlp(x) }
        let composed = gradients {
            var h = x
            for (i, layer) in mlp.layers.enumerated() {
                h = layer(h)
                if i < mlp.norms.count { h = mlp.norms[i](h).leakyRelu(slope: 0.1) }
            }
            return h
        }
        func worst(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? .infinity }
        #expect(worst(fused.output, composed.output) < 1e-6)
        for (index, (a, b)) in zip(fused.gradients, composed.gradients).enumerated() {
            #expect(!b.isEmpty && a.count == b.count && worst(a, b) < 1e-5, "gradient of \(mlp.namedParameters[index].name)")
        }
    }

    @Test("Adam moves every element as the scalar formula does, bit for bit (blocks of eight and the rest alike)")
    func adamMatchesTheScalarFormula() {
        var generator = SeededGenerator(seed: 4)
        let count = 21 // two blocks of eight and five more
        let p = Parameter(Tensor.normal([count], using: &generator))
        let (learningRate, beta1, beta2, epsilon, weightDecay): (Float, Float, Float, Float, Float) = (0.01, 0.9, 0.999, 1e-8, 0.1)
        let optimizer = Adam(parameters: [p], learningRate: learningRate, weightDecay: weightDecay)
        var theta = p.value.values, m = [Float](repeating: 0, count: count), v = m
        for step in 1...3 {
            let g = Tensor.normal([count], using: &generator)
            p.setGradient(g)
            optimizer.update()
            let t = Double(step)
            let stepSize = Float(Double(learningRate) / (1 - Foundation.pow(Double(beta1), t)))
            let correction2 = Float((1 - Foundation.pow(Double(beta2), t)).squareRoot())
            let oneMinusBeta1 = Float(1 - Double(beta1)), oneMinusBeta2 = Float(1 - Double(beta2))
            for i in 0..<count {
                let grad = g.values[i] + weightDecay * theta[i]
                m[i] = m[i] + oneMinusBeta1 * (grad - m[i])
                v[i] = v[i] * beta2 + oneMinusBeta2 * grad * grad
                theta[i] = theta[i] + (-stepSize) * m[i] / (v[i].squareRoot() / correction2 + epsilon)
            }
            #expect(p.value.values == theta, "step \(step)")
            #expect(optimizer.moments(of: 0).first.values == m && optimizer.moments(of: 0).second.values == v)
        }
    }

    @Test func adamWeightDecayAddsTheL2Gradient() {
        // One step from m = v = 0 moves by lr·ĝ/(|ĝ| + ε·…) ≈ lr·sign(ĝ) with ĝ = g + λθ: decay can flip the sign.
        let p = Parameter(Tensor(shape: [2], values: [2, -1]))
        let optimizer = Adam(parameters: [p], learningRate: 0.1, weightDecay: 0.5)
        (p.tensor * Tensor(shape: [2], values: [-0.5, 0.25])).sum().backward() // g = [-0.5, 0.25], ĝ = [0.5, -0.25]
        optimizer.update()
        #expect(abs(p.value.values[0] - 1.9) < 1e-5 && abs(p.value.values[1] - -0.9) < 1e-5)
        let unchanged = Parameter(Tensor(shape: [1], values: [3]))
        Adam(parameters: [unchanged]).update() // no gradient: skipped
        #expect(unchanged.value.values == [3])
    }

    @Test("Adam restored from another optimiser's moments and step continues exactly as that optimiser")
    func adamRestoreContinuesExactly() throws {
        func gradientStep(_ p: Parameter, _ optimiser: Adam, _ k: Float) {
            optimiser.zeroGradients()
            (p.tensor * p.tensor * Tensor(shape: [3], values: [k, -2, 0.5])).sum().backward()
            optimiser.update()
        }
        let p = Parameter(Tensor(shape: [3], values: [1, -2, 3]))
        let original = Adam(parameters: [p], learningRate: 0.05)
        for k in 1...3 { gradientStep(p, original, Float(k)) }
        let q = Parameter(p.value)
        let copy = Adam(parameters: [q], learningRate: 0.05)
        try copy.restore(step: original.step, moments: [original.moments(of: 0)])
        #expect(copy.step == 3)
        gradientStep(p, original, 4)
        gradientStep(q, copy, 4)
        #expect(q.value.values == p.value.values)
        let fresh = Adam(parameters: [Parameter(p.value)], learningRate: 0.05)
        let wrong = (first: Tensor(shape: [2], values: [0, 0]), second: Tensor(shape: [2], values: [0, 0]))
        let error = #expect(throws: ModuleError.self) { try fresh.restore(step: 1, moments: [wrong]) }
        #expect(error?.description.contains("expected [3]") == true)
        #expect(throws: ModuleError.self) { try fresh.restore(step: 1, moments: []) }
        #expect(fresh.step == 0)
    }

    @Test func softUpdateAndCopy() throws {
        var generator = SeededGenerator(seed: 4)
        let online = Linear(inputs: 2, outputs: 2, using: &generator), target = Linear(inputs: 2, outputs: 2, using: &generator)
        let before = target.weight.value.values, source = online.weight.value.values
        try target.softUpdate(towards: online, tau: 0.25)
        for k in 0..<4 { #expect(abs(target.weight.value.values[k] - (0.25 * source[k] + 0.75 * before[k])) < 1e-6) }
        try target.copyParameters(from: online)
        #expect(target.weight.value.values == source)
        let other = Linear(inputs: 3, outputs: 2, using: &generator)
        let error = #expect(throws: ModuleError.self) { try target.softUpdate(towards: other, tau: 0.5) }
        #expect(error?.description.contains("weight is [2, 3], expected [2, 2]") == true)
    }
}
