import Foundation

/// A rule manifest: which rules score a segmentation, with what weights and parameters, how objects are
/// classed, which subgraph sizes the critic uses, and the optional shaping (DESIGN.md §4).
///
/// ```yaml
/// manifest: circles
/// subgraph_sizes: [6, 12, 32, 128]
/// objects:
///   background: { largest: true, min_area: 1400 }
///   discard:    { max_area: 200 }
/// profiles:
///   near-centre: { anchor: centre, sigma: 0.2 }
/// rules:
///   - rule: circles.hough
///     weight: 0.4
///     with: { radii: [10, 20], threshold: 0.8 }
///   - rule: core.background-merge
///     weight: 0.6
///     profile: near-centre
/// shaping: { exponential: 3 }
/// ```
public struct RewardManifest: Sendable {
    /// One rule of the manifest, built and ready to score.
    public struct Entry: Sendable {
        public let identifier: String
        public let rule: any RewardRule
        public let weight: Float
        public let profile: WeightProfile?
        /// Line of the entry in the manifest, for messages.
        public let line: Int
    }

    public let name: String
    public let subgraphSizes: [Int]
    public let classing: ObjectClassing
    public let entries: [Entry]
    public let shaping: RewardShaping?
    /// The weight profile of the combined object-level score (`objects: { profile: NAME }`, paper Eq. 6).
    public let objectProfile: WeightProfile?

    public init(name: String, subgraphSizes: [Int], classing: ObjectClassing, entries: [Entry],
                shaping: RewardShaping?, objectProfile: WeightProfile? = nil) {
        self.name = name
        self.subgraphSizes = subgraphSizes
        self.classing = classing
        self.entries = entries
        self.shaping = shaping
        self.objectProfile = objectProfile
    }

    static let topKeys = ["manifest", "description", "subgraph_sizes", "objects", "profiles", "rules", "shaping"]
    static let entryKeys = ["rule", "weight", "with", "profile"]
    static let profileKeys = ["anchor", "sigma", "radius", "centre"]

    /// Reads and validates a manifest file. Every problem is reported with its line.
    public static func load(path: String, registry: RuleRegistry) throws(ConfigurationErrors) -> RewardManifest {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationErrors([ConfigurationError(file: path, line: 0, column: 0, message: "cannot read the manifest: \(error.localizedDescription)")])
        }
        return try parse(text, file: path, registry: registry)
    }

    /// Parses and validates manifest text; `file` names it in messages.
    public static func parse(_ text: String, file: String, registry: RuleRegistry) throws(ConfigurationErrors) -> RewardManifest {
        var errors: [ConfigurationError] = []
        func attempt<T>(_ body: () throws(ConfigurationError) -> T) -> T? {
            do { return try body() } catch { errors.append(error); return nil }
        }
        guard let root = attempt({ () throws(ConfigurationError) in try YAMLNode.parse(text, file: file) }),
              let (top, unknownTop) = attempt({ () throws(ConfigurationError) in try root.partitionedMapping(allowedKeys: topKeys) }) else {
            throw ConfigurationErrors(errors)
        }
        errors += unknownTop
        let name = top["manifest"].flatMap { node in attempt { () throws(ConfigurationError) in try node.string() } }
            ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent

        var sizes = [6, 12, 32, 128]
        if let node = top["subgraph_sizes"], let items = attempt({ () throws(ConfigurationError) in try node.sequence() }) {
            let parsed = items.compactMap { item in attempt { () throws(ConfigurationError) in try item.int(in: 2...4096) } }
            if parsed.count == items.count {
                if parsed.isEmpty { errors.append(node.error("needs at least one size")) }
                if Set(parsed).count != parsed.count { errors.append(node.error("sizes must be distinct")) }
                sizes = parsed.sorted()
            }
        }

        var profiles: [String: WeightProfile] = [:]
        if let node = top["profiles"], let named = attempt({ () throws(ConfigurationError) in try node.namedEntries() }) {
            for (profileName, profileNode) in named {
                if let profile = attempt({ () throws(ConfigurationError) in try parseProfile(profileNode) }) {
                    profiles[profileName] = profile
                }
            }
        }

        var classing = ObjectClassing()
        var objectProfile: WeightProfile?
        var rejectionNode: YAMLNode?
        if let node = top["objects"] {
            attempt { () throws(ConfigurationError) in
                (classing, objectProfile, rejectionNode) = try parseClassing(node, profiles: profiles)
            }
        }

        var shaping: RewardShaping?
        if let node = top["shaping"], let fields = attempt({ () throws(ConfigurationError) in try node.mapping(allowedKeys: ["exponential"]) }),
           let thetaNode = fields["exponential"] {
            if let theta = attempt({ () throws(ConfigurationError) in try thetaNode.double(in: 1e-6...100) }) {
                shaping = try? RewardShaping(theta: theta)
            }
        }

        var entries: [Entry] = []
        if let node = top["rules"], let items = attempt({ () throws(ConfigurationError) in try node.sequence() }) {
            if items.isEmpty { errors.append(node.error("needs at least one rule")) }
            for item in items {
                do {
                    entries.append(try parseEntry(item, registry: registry, profiles: profiles))
                } catch {
                    errors.append(contentsOf: error.errors)
                }
            }
        } else if top["rules"] == nil {
            errors.append(root.error("missing 'rules' (a list of { rule: NAME, weight: W, with: {…} })"))
        }

        if let rejection = classing.rejection, let node = rejectionNode,
           !entries.contains(where: { $0.identifier == rejection.rule && type(of: $0.rule).level == .objects }) {
            let objectRules = entries.filter { type(of: $0.rule).level == .objects }.map(\.identifier)
            errors.append(node.error("reject names '\(rejection.rule)', which is not an object-level rule of this manifest"
                                     + (objectRules.isEmpty ? "" : " (its object-level rules: \(objectRules.joined(separator: ", ")))")))
        }

        guard errors.isEmpty else { throw ConfigurationErrors(errors) }
        return RewardManifest(name: name, subgraphSizes: sizes, classing: classing, entries: entries, shaping: shaping,
                              objectProfile: objectProfile)
    }

    private static func parseClassing(_ node: YAMLNode, profiles: [String: WeightProfile])
        throws(ConfigurationError) -> (ObjectClassing, WeightProfile?, YAMLNode?) {
        let fields = try node.mapping(allowedKeys: ["background", "discard", "reject", "profile"])
        var classing = ObjectClassing()
        if let background = fields["background"] {
            let b = try background.mapping(allowedKeys: ["largest", "min_area"])
            classing.largestIsBackground = try b["largest"]?.bool() ?? false
            classing.backgroundMinArea = try b["min_area"]?.int(in: 1...Int(Int32.max))
        }
        if let discard = fields["discard"] {
            let d = try discard.mapping(allowedKeys: ["max_area"])
            classing.discardMaxArea = try d["max_area"]?.int(in: 0...Int(Int32.max))
        }
        if let reject = fields["reject"] {
            let r = try reject.mapping(allowedKeys: ["rule", "below"])
            guard let rule = r["rule"], let below = r["below"] else {
                throw reject.error("reject needs 'rule' (an object-level rule of this manifest) and 'below' (a score)")
            }
            classing.rejection = ObjectRejection(rule: try rule.string(), below: Float(try below.double(in: 0...1)))
        }
        var profile: WeightProfile?
        if let p = fields["profile"] { profile = try lookUpProfile(p, in: profiles) }
        return (classing, profile, fields["reject"])
    }

    private static func lookUpProfile(_ node: YAMLNode, in profiles: [String: WeightProfile]) throws(ConfigurationError) -> WeightProfile {
        let profileName = try node.string()
        guard let found = profiles[profileName] else {
            let hint = closestName(to: profileName, in: profiles.keys).map { " (did you mean '\($0)'?)" } ?? ""
            throw node.error("unknown profile '\(profileName)'\(hint); declare it under 'profiles:'")
        }
        return found
    }

    private static func parseProfile(_ node: YAMLNode) throws(ConfigurationError) -> WeightProfile {
        let fields = try node.mapping(allowedKeys: profileKeys)
        guard let anchorNode = fields["anchor"] else { throw node.error("missing 'anchor' (centre, ring or border)") }
        guard let sigmaNode = fields["sigma"] else { throw node.error("missing 'sigma' (fraction of the shorter image side)") }
        let sigma = try sigmaNode.double(in: 1e-4...10)
        let anchor: WeightProfile.Anchor
        switch try anchorNode.string() {
        case "centre", "center": anchor = .centre
        case "border": anchor = .border
        case "ring":
            guard let radius = fields["radius"] else { throw node.error("a ring profile needs 'radius' (fraction of the shorter side)") }
            anchor = .ring(radius: try radius.double(in: 0...10))
        case let other:
            throw anchorNode.error("unknown anchor '\(other)'; use centre, ring or border")
        }
        if fields["radius"] != nil, case .ring = anchor {} else if let radius = fields["radius"] {
            throw radius.error("'radius' applies only to anchor: ring")
        }
        var centre = WeightProfile.Centre.imageCentre
        if let centreNode = fields["centre"] {
            if let items = try? centreNode.sequence() {
                guard items.count == 2 else { throw centreNode.error("expected [row, col] as fractions of the image size") }
                centre = .fixed(row: try items[0].double(in: 0...1), col: try items[1].double(in: 0...1))
            } else {
                switch try centreNode.string() {
                case "image": centre = .imageCentre
                case "estimated": centre = .estimated
                case let other: throw centreNode.error("unknown centre '\(other)'; use image, estimated or [row, col]")
                }
            }
        }
        return WeightProfile(anchor: anchor, centre: centre, sigma: sigma)
    }

    private static func parseEntry(_ node: YAMLNode, registry: RuleRegistry,
                                   profiles: [String: WeightProfile]) throws(ConfigurationErrors) -> Entry {
        let fields: [String: YAMLNode]
        var errors: [ConfigurationError] = []
        do { (fields, errors) = try node.partitionedMapping(allowedKeys: entryKeys) } catch { throw ConfigurationErrors([error]) }
        guard let ruleNode = fields["rule"] else {
            throw ConfigurationErrors([node.error("missing 'rule' (one of: \(registry.identifiers.joined(separator: ", ")))")])
        }
        let identifier: String
        do { identifier = try ruleNode.string() } catch { throw ConfigurationErrors([error]) }
        guard let type = registry.rule(named: identifier) else {
            let hint = closestName(to: identifier, in: registry.identifiers).map { " (did you mean '\($0)'?)" } ?? ""
            throw ConfigurationErrors(errors + [ruleNode.error("unknown rule '\(identifier)'\(hint); `priorcut rules` lists them")])
        }
        var weight: Float = 1
        if let w = fields["weight"] {
            do { weight = Float(try w.double(in: 0...1000)) } catch { errors.append(error) }
        }
        var profile: WeightProfile?
        if let p = fields["profile"] {
            if type.level == .objects {
                errors.append(p.error("object-level rules share one profile: set it as 'objects: { profile: NAME }'"))
            } else {
                do { profile = try lookUpProfile(p, in: profiles) } catch { errors.append(error) }
            }
        }
        var values: [String: ParameterValue] = [:]
        var given: [String: YAMLNode] = [:]
        if let with = fields["with"] {
            do { given = try with.mapping(allowedKeys: type.parameters.map(\.name)) } catch { errors.append(error) }
        }
        for parameter in type.parameters {
            if let valueNode = given[parameter.name] {
                do { values[parameter.name] = try parameter.value(from: valueNode) } catch { errors.append(error) }
            } else if let value = parameter.defaultValue {
                values[parameter.name] = value
            } else {
                errors.append(node.error("rule '\(identifier)' needs parameter '\(parameter.name)' (\(parameter.kind.summary)): \(parameter.summary)"))
            }
        }
        guard errors.isEmpty else { throw ConfigurationErrors(errors) }
        do {
            let rule = try type.init(parameters: RuleParameters(rule: identifier, values: values))
            return Entry(identifier: identifier, rule: rule, weight: weight, profile: profile, line: node.line)
        } catch {
            throw ConfigurationErrors([node.error("rule '\(identifier)': \(error)")])
        }
    }
}
