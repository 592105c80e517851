/// The validated parameters handed to a rule's initialiser: every declared parameter has a value
/// (the manifest's, or the default), of its declared type and within its range.
///
/// Rules read them with typed accessors; asking for an undeclared name or the wrong type is a programming
/// error in the rule, reported as `RewardError.ruleContract` rather than a crash.
public struct RuleParameters: Sendable, Equatable {
    public let rule: String
    public private(set) var values: [String: ParameterValue]

    public init(rule: String, values: [String: ParameterValue]) {
        self.rule = rule
        self.values = values
    }

    /// The defaults of a rule type, for rules constructed in code (tests, other rules). Fails if a
    /// parameter is required.
    public static func defaults(for type: any RewardRule.Type,
                                overriding overrides: [String: ParameterValue] = [:]) throws(RewardError) -> RuleParameters {
        var values: [String: ParameterValue] = [:]
        for parameter in type.parameters {
            if let value = overrides[parameter.name] ?? parameter.defaultValue {
                values[parameter.name] = value
            } else {
                throw .ruleContract(rule: type.identifier, message: "parameter '\(parameter.name)' is required")
            }
        }
        if let unknown = overrides.keys.first(where: { name in !type.parameters.contains { $0.name == name } }) {
            throw .ruleContract(rule: type.identifier, message: "no parameter named '\(unknown)'")
        }
        return RuleParameters(rule: type.identifier, values: values)
    }

    private func value(_ name: String) throws(RewardError) -> ParameterValue {
        guard let value = values[name] else {
            throw .ruleContract(rule: rule, message: "reads undeclared parameter '\(name)'")
        }
        return value
    }

    public func double(_ name: String) throws(RewardError) -> Double {
        switch try value(name) {
        case let .number(v): return v
        case let .integer(v): return Double(v)
        default: throw .ruleContract(rule: rule, message: "parameter '\(name)' is not a number")
        }
    }

    public func int(_ name: String) throws(RewardError) -> Int {
        guard case let .integer(v) = try value(name) else {
            throw .ruleContract(rule: rule, message: "parameter '\(name)' is not an integer")
        }
        return v
    }

    public func bool(_ name: String) throws(RewardError) -> Bool {
        guard case let .boolean(v) = try value(name) else {
            throw .ruleContract(rule: rule, message: "parameter '\(name)' is not a boolean")
        }
        return v
    }

    public func text(_ name: String) throws(RewardError) -> String {
        guard case let .text(v) = try value(name) else {
            throw .ruleContract(rule: rule, message: "parameter '\(name)' is not text")
        }
        return v
    }

    public func doubles(_ name: String) throws(RewardError) -> [Double] {
        guard case let .numbers(v) = try value(name) else {
            throw .ruleContract(rule: rule, message: "parameter '\(name)' is not a list of numbers")
        }
        return v
    }
}
