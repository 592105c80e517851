import Foundation
import NeuralNets
import Randomness
import Tensors
import TestSupport
import Testing

/// The tiny U-Net and the three Adam steps of `fixtures/nn/` (README §8) against PyTorch 2.15.
@Suite struct NeuralNetsReferenceTests {
    static func load(_ name: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(contentsOf: URL(fileURLWithPath: Fixtures.fixture("nn/\(name).safetensors")))
    }

    /// `|actual − expected| ≤ absolute + relative·|expected|` for every element.
    static func expectClose(_ actual: Tensor?, _ expected: Tensor, relative: Float, absolute: Float, _ what: String) {
        guard let actual else { Issue.record("\(what): missing"); return }
        #expect(actual.shape == expected.shape, "\(what): shape \(actual.shape) vs \(expected.shape)")
        let bad = zip(actual.values, expected.values).enumerated().first { !(abs($1.0 - $1.1) <= absolute + relative * abs($1.1)) }
        #expect(bad == nil, "\(what): element \(bad?.offset ?? -1) is \(bad?.element.0 ?? 0), expected \(bad?.element.1 ?? 0)")
    }

    /// The fixture's layer names in our module tree (`UNet2D` with feature maps [4, 8] and no normalisation).
    static let unetNames = ["enc1_conv1": "encoder.0.conv1", "enc1_conv2": "encoder.0.conv2",
                            "bott_conv1": "encoder.1.conv1", "bott_conv2": "encoder.1.conv2", "up": "decoder.0.up",
                            "dec1_conv1": "decoder.0.conv1", "dec1_conv2": "decoder.0.conv2", "head": "head"]

    @Test func tinyUNet() throws {
        let file = try Self.load("unet_tiny")
        var generator = SeededGenerator(seed: 0)
        let unet = try UNet2D(inputChannels: 1, outputChannels: 2, featureMaps: [4, 8], groups: nil, using: &generator)
        var values: [String: Tensor] = [:]
        for name in file.names where name.hasPrefix("param.") {
            let parts = name.dropFirst("param.".count).split(separator: ".")
            values["\(Self.unetNames[String(parts[0])]!).\(parts[1])"] = try file.tensor(name)
        }
        try unet.assign(values)
        let x = Parameter(try file.tensor("input.x"))
        let y = unet(x.tensor)
        Self.expectClose(y, try file.tensor("output.y"), relative: 1e-5, absolute: 1e-6, "unet output")
        (y * (try file.tensor("loss_weight.y"))).sum().backward()
        Self.expectClose(x.gradient, try file.tensor("grad.input.x"), relative: 1e-4, absolute: 1e-5, "grad input")
        let parameters = Dictionary(uniqueKeysWithValues: unet.namedParameters.map { ($0.name, $0.parameter) })
        for (fixtureName, ourName) in Self.unetNames {
            for kind in ["weight", "bias"] {
                Self.expectClose(parameters["\(ourName).\(kind)"]?.gradient, try file.tensor("grad.param.\(fixtureName).\(kind)"),
                                 relative: 1e-4, absolute: 1e-5, "grad \(ourName).\(kind)")
            }
        }
    }

    @Test func threeAdamSteps() throws {
        let file = try Self.load("adam")
        var generator = SeededGenerator(seed: 0)
        let layer = Linear(inputs: 3, outputs: 2, using: &generator)
        try layer.assign(["weight": try file.tensor("param.weight.step0"), "bias": try file.tensor("param.bias.step0")])
        let optimizer = Adam(parameters: layer.parameters, learningRate: 1e-3)
        let x = try file.tensor("input.x"), target = try file.tensor("input.target")
        for step in 1...3 {
            optimizer.zeroGradients()
            let loss = Tensor.meanSquaredError(layer(x), target)
            Self.expectClose(loss, try file.tensor("loss.step\(step)").reshaped([]), relative: 1e-5, absolute: 1e-6, "loss \(step)")
            loss.backward()
            for (index, kind) in ["weight", "bias"].enumerated() {
                Self.expectClose(layer.parameters[index].gradient, try file.tensor("grad.\(kind).step\(step)"),
                                 relative: 1e-5, absolute: 1e-6, "grad \(kind) \(step)")
            }
            optimizer.update()
            for (index, kind) in ["weight", "bias"].enumerated() {
                Self.expectClose(layer.parameters[index].value, try file.tensor("param.\(kind).step\(step)"),
                                 relative: 1e-6, absolute: 1e-7, "\(kind) after step \(step)")
                // Moments inherit the gradients' summation-order differences (README: 1e-5 relative), hence 1e-4.
                let (m, v) = optimizer.moments(of: index)
                Self.expectClose(m, try file.tensor("state.\(kind).exp_avg.step\(step)"), relative: 1e-4, absolute: 1e-9, "m \(kind) \(step)")
                Self.expectClose(v, try file.tensor("state.\(kind).exp_avg_sq.step\(step)"), relative: 1e-4, absolute: 1e-12, "v \(kind) \(step)")
            }
        }
        #expect(optimizer.step == 3)
    }

    /// Given PyTorch's own gradients, the update rule reproduces PyTorch's parameters bit for bit (README §8).
    @Test func adamUpdateIsBitExact() throws {
        let file = try Self.load("adam")
        let weight = Parameter(try file.tensor("param.weight.step0")), bias = Parameter(try file.tensor("param.bias.step0"))
        let optimizer = Adam(parameters: [weight, bias])
        for step in 1...3 {
            weight.setGradient(try file.tensor("grad.weight.step\(step)"))
            bias.setGradient(try file.tensor("grad.bias.step\(step)"))
            optimizer.update()
            let expectedWeight = try file.tensor("param.weight.step\(step)"), expectedBias = try file.tensor("param.bias.step\(step)")
            #expect(weight.value.values == expectedWeight.values, "weight after step \(step)")
            #expect(bias.value.values == expectedBias.values, "bias after step \(step)")
        }
    }
}
