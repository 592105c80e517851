import Foundation
import Tensors
import TestSupport
import Testing

/// One PyTorch reference case of `fixtures/nn/` (README §8): inputs, parameters, outputs, loss weights and the
/// gradients of `loss = Σ output · loss_weight`.
struct ReferenceCase {
    let file: SafeTensorsFile
    let name: String

    init(_ name: String) throws {
        self.name = name
        file = try SafeTensorsFile(contentsOf: URL(fileURLWithPath: Fixtures.fixture("nn/\(name).safetensors")))
    }

    func tensor(_ key: String) throws -> Tensor { try file.tensor(key) }

    /// Runs `body` on the case's float inputs and parameters (as `Parameter`s named by their keys), then checks
    /// every output, the loss and every gradient against the reference within the README's tolerances.
    func verify(_ body: ([String: Tensor]) throws -> [String: Tensor]) throws {
        let keys = file.names.filter { ($0.hasPrefix("input.") || $0.hasPrefix("param.")) && file.entries[$0]?.dtype == "F32" }
        let parameters = Dictionary(uniqueKeysWithValues: try keys.map { ($0, Parameter(try file.tensor($0))) })
        let outputs = try body(parameters.mapValues(\.tensor))
        #expect(Set(outputs.keys) == Set(file.names.filter { $0.hasPrefix("output.") }), "\(name): outputs")
        var loss = Tensor(0)
        for (key, output) in outputs {
            let expected = try file.tensor(key)
            expectClose(output, expected, relative: 1e-5, absolute: 1e-6, "\(name) \(key)")
            loss = loss + (output * (try file.tensor("loss_weight." + key.dropFirst("output.".count)))).sum()
        }
        expectClose(loss, try file.tensor("loss"), relative: 1e-5, absolute: 1e-5, "\(name) loss")
        loss.backward()
        for (key, parameter) in parameters {
            let expected = try file.tensor("grad." + key)
            expectClose(parameter.gradient ?? .zeros(parameter.shape), expected, relative: 1e-4, absolute: 1e-5, "\(name) grad.\(key)")
        }
    }
}

/// `|actual − expected| ≤ absolute + relative·|expected|` element-wise, with matching shapes.
func expectClose(_ actual: Tensor, _ expected: Tensor, relative: Float, absolute: Float, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape || (actual.count == 1 && expected.count == 1),
            "\(what): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    var worst: (Int, Float, Float)?
    for (k, (a, e)) in zip(actual.values, expected.values).enumerated() where !(abs(a - e) <= absolute + relative * abs(e)) {
        worst = worst ?? (k, a, e)
    }
    #expect(worst == nil, "\(what): element \(worst?.0 ?? -1) is \(worst?.1 ?? 0), expected \(worst?.2 ?? 0)",
            sourceLocation: sourceLocation)
}
