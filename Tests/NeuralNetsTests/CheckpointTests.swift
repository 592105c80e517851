import Foundation
import NeuralNets
import Randomness
import Tensors
import TestSupport
import Testing

@Suite struct CheckpointTests {
    static let pythonFixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/python_linear.safetensors")

    @Test func roundTripRestoresEveryParameter() throws {
        var generator = SeededGenerator(seed: 5)
        let saved = try UNet2D(inputChannels: 2, outputChannels: 4, featureMaps: [4, 8], groups: 2, using: &generator)
        let url = Fixtures.temporaryDirectory().appendingPathComponent("unet.safetensors")
        try Checkpoint.save(saved, to: url, metadata: ["step": "12"])
        let restored = try UNet2D(inputChannels: 2, outputChannels: 4, featureMaps: [4, 8], groups: 2, using: &generator)
        #expect(restored.parameters[0].value.values != saved.parameters[0].value.values)
        let metadata = try Checkpoint.load(into: restored, from: url)
        #expect(metadata == ["step": "12"])
        for (a, b) in zip(saved.namedParameters, restored.namedParameters) {
            #expect(a.name == b.name && a.parameter.value.values == b.parameter.value.values)
        }
    }

    @Test func readsAFileWrittenByPython() throws {
        var generator = SeededGenerator(seed: 6)
        let layer = Linear(inputs: 3, outputs: 2, using: &generator)
        let metadata = try Checkpoint.load(into: layer, from: Self.pythonFixture)
        #expect(metadata == ["writer": "python"])
        #expect(layer.weight.value.values == [-0.25, -0.125, 0, 0.125, 0.25, 0.375])
        #expect(layer.bias?.value.values == [1.5, -0.125])
    }

    @Test func loadingSaysWhatDoesNotFit() throws {
        var generator = SeededGenerator(seed: 7)
        let wrongShape = Linear(inputs: 4, outputs: 2, using: &generator)
        let before = wrongShape.weight.value.values
        let error = #expect(throws: CheckpointError.self) { try Checkpoint.load(into: wrongShape, from: Self.pythonFixture) }
        #expect(error?.description.contains("weight is [2, 3], expected [2, 4]") == true)
        #expect(wrongShape.weight.value.values == before) // nothing half-loaded

        let noBias = Linear(inputs: 3, outputs: 2, bias: false, using: &generator)
        let surplus = #expect(throws: CheckpointError.self) { try Checkpoint.load(into: noBias, from: Self.pythonFixture) }
        #expect(surplus?.description.contains("unexpected: bias") == true)

        let mlp = MLP(inputs: 3, hidden: [4], outputs: 2, using: &generator)
        let missing = #expect(throws: CheckpointError.self) { try Checkpoint.load(into: mlp, from: Self.pythonFixture) }
        #expect(missing?.description.contains("missing: layers.0.weight") == true)

        let absent = #expect(throws: CheckpointError.self) {
            try Checkpoint.load(into: mlp, from: URL(fileURLWithPath: "/nonexistent/x.safetensors"))
        }
        #expect(absent?.description.contains("/nonexistent/x.safetensors") == true)
    }
}
