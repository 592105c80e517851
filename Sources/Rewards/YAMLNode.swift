import Yams

/// A YAML node that remembers where it came from, with typed accessors whose errors name the line.
///
/// Shared by the rule manifest and the experiment config: both reject unknown keys, wrong types and
/// out-of-range values with the place in the file.
public struct YAMLNode: Sendable {
    public let file: String
    /// 1-based line and column of the node in the file.
    public let line: Int
    public let column: Int
    /// Dotted path from the root, e.g. `rules[1].with.radii`, used in messages.
    public let path: String
    let value: Value

    enum Value: Sendable {
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([(key: String, keyLine: Int, keyColumn: Int, value: YAMLNode)])
        case null
    }

    /// Parses YAML text. An empty document is an empty mapping.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> YAMLNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.describe(error, file: file)
        } catch {
            throw ConfigurationError(file: file, line: 0, column: 0, message: "cannot parse YAML: \(error)")
        }
        guard let root else { return YAMLNode(file: file, line: 1, column: 1, path: "", value: .mapping([])) }
        return try convert(root, file: file, path: "")
    }

    private static func describe(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigurationError(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigurationError(file: file, line: context.mark.line, column: context.mark.column,
                                      message: "duplicate key(s) \(duplicates.joined(separator: ", "))")
        default:
            return ConfigurationError(file: file, line: 0, column: 0, message: "cannot parse YAML: \(error)")
        }
    }

    private static func convert(_ node: Node, file: String, path: String) throws(ConfigurationError) -> YAMLNode {
        let line = node.mark?.line ?? 0, column = node.mark?.column ?? 0
        switch node {
        case let .scalar(scalar):
            if node.null != nil && scalar.style == .plain {
                return YAMLNode(file: file, line: line, column: column, path: path, value: .null)
            }
            return YAMLNode(file: file, line: line, column: column, path: path,
                            value: .scalar(scalar.string, plain: scalar.style == .plain))
        case let .sequence(sequence):
            var items: [YAMLNode] = []
            for (index, item) in sequence.enumerated() {
                items.append(try convert(item, file: file, path: "\(path)[\(index)]"))
            }
            return YAMLNode(file: file, line: line, column: column, path: path, value: .sequence(items))
        case let .mapping(mapping):
            var entries: [(key: String, keyLine: Int, keyColumn: Int, value: YAMLNode)] = []
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw ConfigurationError(file: file, line: key.mark?.line ?? line, column: key.mark?.column ?? column,
                                             message: "keys must be plain names")
                }
                if entries.contains(where: { $0.key == name }) {
                    throw ConfigurationError(file: file, line: key.mark?.line ?? line, column: key.mark?.column ?? column,
                                             message: "duplicate key '\(name)'")
                }
                let child = try convert(value, file: file, path: path.isEmpty ? name : "\(path).\(name)")
                entries.append((name, key.mark?.line ?? line, key.mark?.column ?? column, child))
            }
            return YAMLNode(file: file, line: line, column: column, path: path, value: .mapping(entries))
        case .alias:
            throw ConfigurationError(file: file, line: line, column: column, message: "YAML aliases are not supported")
        }
    }

    // MARK: Errors

    /// An error at this node.
    public func error(_ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: line, column: column, message: path.isEmpty ? message : "\(path): \(message)")
    }

    var kindName: String {
        switch value {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .null: "nothing (null)"
        }
    }

    // MARK: Mappings

    /// The entries of a mapping, after checking that every key is one of `allowed` (unknown keys are errors
    /// that suggest the closest allowed key).
    public func mapping(allowedKeys allowed: [String]) throws(ConfigurationError) -> [String: YAMLNode] {
        let (known, unknown) = try partitionedMapping(allowedKeys: allowed)
        if let first = unknown.first { throw first }
        return known
    }

    /// The entries with allowed keys, and one error per unknown key — so a caller can report every unknown key
    /// and still validate the rest of the file.
    public func partitionedMapping(allowedKeys allowed: [String])
        throws(ConfigurationError) -> (known: [String: YAMLNode], unknown: [ConfigurationError]) {
        guard case let .mapping(entries) = value else {
            if case .null = value { return ([:], []) }
            throw error("expected a mapping (key: value), got \(kindName)")
        }
        var known: [String: YAMLNode] = [:]
        var unknown: [ConfigurationError] = []
        for entry in entries {
            guard allowed.contains(entry.key) else {
                let hint = closestName(to: entry.key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                unknown.append(ConfigurationError(
                    file: file, line: entry.keyLine, column: entry.keyColumn,
                    message: "unknown key '\(entry.key)'\(path.isEmpty ? "" : " in \(path)")\(hint); allowed: \(allowed.joined(separator: ", "))"))
                continue
            }
            known[entry.key] = entry.value
        }
        return (known, unknown)
    }

    /// The keys of a mapping in file order (for mappings whose keys are user-chosen names).
    public func namedEntries() throws(ConfigurationError) -> [(name: String, node: YAMLNode)] {
        guard case let .mapping(entries) = value else {
            if case .null = value { return [] }
            throw error("expected a mapping (name: value), got \(kindName)")
        }
        return entries.map { ($0.key, $0.value) }
    }

    // MARK: Scalars

    public var isNull: Bool { if case .null = value { true } else { false } }

    public func string() throws(ConfigurationError) -> String {
        guard case let .scalar(text, _) = value else { throw error("expected text, got \(kindName)") }
        return text
    }

    public func double(in range: ClosedRange<Double>? = nil) throws(ConfigurationError) -> Double {
        guard case let .scalar(text, plain) = value, plain, let number = Double(text.replacingOccurrences(of: "_", with: "")),
              number.isFinite else {
            throw error("expected a number, got \(describeScalar)")
        }
        if let range, !range.contains(number) { throw error("\(text) is outside \(range.lowerBound)…\(range.upperBound)") }
        return number
    }

    public func int(in range: ClosedRange<Int>? = nil) throws(ConfigurationError) -> Int {
        guard case let .scalar(text, plain) = value, plain, let number = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw error("expected a whole number, got \(describeScalar)")
        }
        if let range, !range.contains(number) { throw error("\(number) is outside \(range.lowerBound)…\(range.upperBound)") }
        return number
    }

    public func bool() throws(ConfigurationError) -> Bool {
        guard case let .scalar(text, plain) = value, plain else { throw error("expected true or false, got \(describeScalar)") }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got '\(text)'")
        }
    }

    public func sequence() throws(ConfigurationError) -> [YAMLNode] {
        guard case let .sequence(items) = value else { throw error("expected a list, got \(kindName)") }
        return items
    }

    private var describeScalar: String {
        if case let .scalar(text, _) = value { return "'\(text)'" }
        return kindName
    }
}
