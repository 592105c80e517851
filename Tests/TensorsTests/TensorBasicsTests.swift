import Foundation
import Randomness
import Tensors
import TestSupport
import Testing

@Suite struct TensorBasicsTests {
    @Test func creationAndElementAccess() {
        let t = Tensor(shape: [2, 3], values: [0, 1, 2, 3, 4, 5])
        #expect(t[1, 2] == 5 && t[0, 1] == 1)
        #expect(t.flatIndex([1, 0]) == 3)
        #expect(Tensor.zeros([2, 2]).values == [0, 0, 0, 0] && Tensor.ones([3]).values == [1, 1, 1])
        #expect(t.reshaped([3, -1]).shape == [3, 2])
        #expect(t.transposed().values == [0, 3, 1, 4, 2, 5])
        #expect(Tensor.broadcastShape([2, 1, 3], [4, 1]) == [2, 4, 3])
    }

    @Test func broadcastingFollowsNumPy() {
        let a = Tensor(shape: [2, 1], values: [1, 2]), b = Tensor(shape: [3], values: [10, 20, 30])
        #expect((a + b).values == [11, 21, 31, 12, 22, 32])
        #expect((a * b).summed(toShape: [2, 1]).values == [60, 120])
        #expect(Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]).sum(axes: [0]).values == [5, 7, 9])
    }

    @Test func groupNormIsAccurateForLargeMeans() {
        var generator = SeededGenerator(seed: 3)
        let x = Tensor.normal([1, 4, 16, 16], mean: 1000, std: 0.01, using: &generator)
        let y = Tensor.groupNorm(x, groups: 2, weight: nil, bias: nil)
        let reference = x.values.map(Double.init)
        let half = reference.count / 2
        for group in 0..<2 {
            let slice = reference[(group * half)..<((group + 1) * half)]
            let mean = slice.reduce(0, +) / Double(half)
            let std = (slice.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(half) + 1e-5).squareRoot()
            let worst = slice.indices.map { abs(Double(y.values[$0]) - (reference[$0] - mean) / std) }.max() ?? 0
            #expect(worst < 1e-3, "group \(group): worst deviation \(worst)")
        }
    }

    @Test func seededGeneratorIsReproducible() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        // Reference value of xoshiro256** seeded through SplitMix64(0) (first output of the C reference code).
        var splitMix = SplitMix64(seed: 0)
        #expect(splitMix.next() == 0xE220_A839_7B1D_CDAF)
        var normal = SeededGenerator(seed: 1)
        let draws = (0..<20_000).map { _ in normal.nextStandardNormal() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
    }

    @Test func gradientsAccumulateAcrossUsesAndBackwardCalls() {
        let p = Parameter(Tensor(shape: [2], values: [1, 2]))
        let x = p.tensor
        (x * x + x).sum().backward() // d/dx = 2x + 1
        #expect(p.gradient?.values == [3, 5])
        (p.tensor * 2).sum().backward()
        #expect(p.gradient?.values == [5, 7])
        p.zeroGradient()
        #expect(p.gradient == nil)
    }

    @Test func noGradientScopeRecordsNothing() {
        let p = Parameter(Tensor(shape: [2], values: [1, 2]))
        let y = withoutGradients { (p.tensor * 3).sum() }
        #expect(!y.isRecorded && y.scalar == 9)
        y.backward()
        #expect(p.gradient == nil)
        #expect((p.tensor * 3).sum().isRecorded)
    }

    @Test func clippingScalesToTheGlobalNorm() {
        let a = Parameter(.zeros([1])), b = Parameter(.zeros([1]))
        (a.tensor * 3 + b.tensor * 4).sum().backward() // gradients 3 and 4, norm 5
        let norm = clipGradientNorm([a, b], maxNorm: 1)
        #expect(abs(norm - 5) < 1e-6)
        #expect(abs(a.gradient!.scalar - 0.6) < 1e-5 && abs(b.gradient!.scalar - 0.8) < 1e-5)
        #expect(abs(clipGradientNorm([a, b], maxNorm: 10) - 1) < 1e-5)
        #expect(abs(a.gradient!.scalar - 0.6) < 1e-5) // below the limit: unchanged
    }

    @Test func safeTensorsRoundTripAndErrors() throws {
        let directory = Fixtures.temporaryDirectory()
        let url = directory.appendingPathComponent("t.safetensors")
        let tensors = ["b": Tensor(shape: [2, 2], values: [1, -2, 3.5, 4]), "a": Tensor(shape: [3], values: [0, .pi, -1e-30])]
        try SafeTensorsFile.write(tensors, metadata: ["format": "pt"], to: url)
        let file = try SafeTensorsFile(contentsOf: url)
        #expect(file.names == ["a", "b"] && file.metadata == ["format": "pt"])
        #expect(try file.tensor("b").values == tensors["b"]!.values)
        #expect(try file.tensor("a").shape == [3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["t.safetensors"]) // no temp file left
        #expect(throws: SafeTensorsError.missingTensor(path: url.path, name: "c")) { try file.tensor("c") }
        #expect(throws: SafeTensorsError.self) { try file.integers("a") }

        let truncated = directory.appendingPathComponent("bad.safetensors")
        try Data([200, 0, 0, 0, 0, 0, 0, 0, 123]).write(to: truncated)
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensorsFile(contentsOf: truncated) }
        #expect(error?.description.contains("header length") == true)
        #expect(throws: SafeTensorsError.self) { try SafeTensorsFile(contentsOf: directory.appendingPathComponent("missing")) }
    }
}
