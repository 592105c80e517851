import Tensors

/// A parameter together with its dotted path in the module tree, e.g. `encoder.0.conv1.weight`.
public struct NamedParameter {
    public let name: String
    public let parameter: Parameter
    public init(name: String, parameter: Parameter) {
        self.name = name
        self.parameter = parameter
    }
}

/// A network building block that owns parameters.
///
/// Conforming types list their own parameters and their children's under stable names; everything else
/// (optimisers, checkpoints, target networks, gradient clipping) works from that list. A layer is usually a struct
/// holding `Parameter`s (classes, shared by identity with the optimiser) and a `callAsFunction`.
public protocol Module {
    /// Every parameter of this module and its children, in a fixed order, with dotted names.
    var namedParameters: [NamedParameter] { get }
}

extension Module {
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }

    /// The total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// This module's parameters, their names prefixed with `prefix.` (for composing modules).
    public func namedParameters(prefix: String) -> [NamedParameter] {
        namedParameters.map { NamedParameter(name: "\(prefix).\($0.name)", parameter: $0.parameter) }
    }

    public func zeroGradients() { for parameter in parameters { parameter.zeroGradient() } }

    /// Copies every parameter value of `source`, which must have the same names and shapes (e.g. to initialise a
    /// target network).
    public func copyParameters(from source: some Module) throws(ModuleError) {
        let values = Dictionary(source.namedParameters.map { ($0.name, $0.parameter.value) }, uniquingKeysWith: { a, _ in a })
        try assign(values)
    }

    /// Soft target update `θ' ← τ·θ + (1 − τ)·θ'` of this module's parameters θ' towards `source`'s θ.
    public func softUpdate(towards source: some Module, tau: Float) throws(ModuleError) {
        let mine = namedParameters, theirs = source.namedParameters
        try ModuleError.checkSameStructure(mine, theirs)
        for (target, online) in zip(mine, theirs) {
            online.parameter.value.values.withUnsafeBufferPointer { source in
                target.parameter.update { values in
                    for i in values.indices { values[i] = tau * source[i] + (1 - tau) * values[i] }
                }
            }
        }
    }

    /// Sets parameter values by name; every parameter must be given exactly once, with its shape.
    public func assign(_ values: [String: Tensor]) throws(ModuleError) {
        let named = namedParameters
        let expected = Set(named.map(\.name))
        let missing = named.map(\.name).filter { values[$0] == nil }
        let unexpected = values.keys.filter { !expected.contains($0) }.sorted()
        let mismatched = named.compactMap { entry -> ModuleError.ShapeMismatch? in
            guard let value = values[entry.name], value.shape != entry.parameter.shape else { return nil }
            return ModuleError.ShapeMismatch(name: entry.name, expected: entry.parameter.shape, found: value.shape)
        }
        guard missing.isEmpty, unexpected.isEmpty, mismatched.isEmpty else {
            throw .parametersDoNotFit(missing: missing, unexpected: unexpected, mismatched: mismatched)
        }
        for entry in named {
            if let value = values[entry.name] { entry.parameter.assign(value) } // present: checked above
        }
    }
}

public enum ModuleError: Error, CustomStringConvertible, Equatable {
    public struct ShapeMismatch: Sendable, Equatable {
        public let name: String
        public let expected: [Int]
        public let found: [Int]
    }

    /// Parameters that are absent, surplus or of the wrong shape (when loading, copying or updating).
    case parametersDoNotFit(missing: [String], unexpected: [String], mismatched: [ShapeMismatch])
    /// A layer configuration that cannot be built.
    case invalidConfiguration(String)
    /// An input a module cannot process.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .parametersDoNotFit(missing, unexpected, mismatched):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected: \(unexpected.joined(separator: ", "))") }
            if !mismatched.isEmpty {
                parts.append("wrong shape: " + mismatched.map { "\($0.name) is \($0.found), expected \($0.expected)" }.joined(separator: "; "))
            }
            return "parameters do not fit the module (\(parts.joined(separator: "; ")))"
        case let .invalidConfiguration(message), let .invalidInput(message):
            return message
        }
    }

    static func checkSameStructure(_ a: [NamedParameter], _ b: [NamedParameter]) throws(ModuleError) {
        let names = Set(a.map(\.name))
        let shapes = Dictionary(b.map { ($0.name, $0.parameter.shape) }, uniquingKeysWith: { x, _ in x })
        let missing = a.map(\.name).filter { shapes[$0] == nil }
        let unexpected = b.map(\.name).filter { !names.contains($0) }
        let mismatched = a.compactMap { entry -> ShapeMismatch? in
            guard let shape = shapes[entry.name], shape != entry.parameter.shape else { return nil }
            return ShapeMismatch(name: entry.name, expected: entry.parameter.shape, found: shape)
        }
        guard missing.isEmpty, unexpected.isEmpty, mismatched.isEmpty, a.map(\.name) == b.map(\.name) else {
            throw .parametersDoNotFit(missing: missing, unexpected: unexpected, mismatched: mismatched)
        }
    }
}
