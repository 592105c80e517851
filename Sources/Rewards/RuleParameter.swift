/// A value a rule parameter can take in a manifest's `with:` block.
public enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case integer(Int)
    case boolean(Bool)
    case text(String)
    case numbers([Double])

    public var description: String {
        switch self {
        case let .number(v): "\(v)"
        case let .integer(v): "\(v)"
        case let .boolean(v): "\(v)"
        case let .text(v): v
        case let .numbers(v): "[\(v.map { "\($0)" }.joined(separator: ", "))]"
        }
    }
}

/// The declared type of a rule parameter, with the range a value must lie in.
public enum ParameterKind: Sendable, Equatable {
    case number(ClosedRange<Double>)
    case integer(ClosedRange<Int>)
    case boolean
    /// One of a fixed set of words.
    case choice([String])
    /// A list of numbers with a length range, each in a range.
    case numbers(count: ClosedRange<Int>, each: ClosedRange<Double>)

    /// Human-readable type, as `priorcut rules` prints it.
    public var summary: String {
        switch self {
        case let .number(r): "number in \(r.lowerBound)…\(r.upperBound)"
        case let .integer(r): "integer in \(r.lowerBound)…\(r.upperBound)"
        case .boolean: "true/false"
        case let .choice(words): "one of \(words.joined(separator: ", "))"
        case let .numbers(count, each):
            "\(count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound)…\(count.upperBound)") numbers in \(each.lowerBound)…\(each.upperBound)"
        }
    }
}

/// One parameter a rule accepts: its name in the manifest, type, default (nil = required) and meaning.
public struct RuleParameter: Sendable, Equatable {
    public let name: String
    public let kind: ParameterKind
    public let defaultValue: ParameterValue?
    public let summary: String

    public init(_ name: String, _ kind: ParameterKind, default defaultValue: ParameterValue?, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// Reads and validates this parameter's value from a manifest node.
    func value(from node: YAMLNode) throws(ConfigurationError) -> ParameterValue {
        switch kind {
        case let .number(range): return .number(try node.double(in: range))
        case let .integer(range): return .integer(try node.int(in: range))
        case .boolean: return .boolean(try node.bool())
        case let .choice(words):
            let word = try node.string()
            guard words.contains(word) else {
                let hint = closestName(to: word, in: words).map { " (did you mean '\($0)'?)" } ?? ""
                throw node.error("'\(word)' is not one of \(words.joined(separator: ", "))\(hint)")
            }
            return .text(word)
        case let .numbers(count, each):
            let items = try node.sequence()
            guard count.contains(items.count) else {
                throw node.error("expected \(kind.summary), got \(items.count) value(s)")
            }
            var numbers: [Double] = []
            for item in items { numbers.append(try item.double(in: each)) }
            return .numbers(numbers)
        }
    }
}
