/// The rules a process knows, by identifier: the core rules plus those of the plugins it was given.
public struct RuleRegistry: Sendable {
    /// Rule types by identifier, with the plugin that provides each.
    public let entries: [(plugin: String, rule: any RewardRule.Type)]

    /// The core rules plus every rule of `plugins`. Duplicate identifiers are an error.
    public init(plugins: [any RulePlugin.Type]) throws(RewardError) {
        var entries: [(plugin: String, rule: any RewardRule.Type)] = CoreRules.rules.map { (CoreRules.name, $0) }
        for plugin in plugins {
            entries += plugin.rules.map { (plugin.name, $0) }
        }
        var seen: [String: String] = [:]
        for entry in entries {
            if let other = seen[entry.rule.identifier] {
                throw .ruleContract(rule: entry.rule.identifier,
                                    message: "identifier registered twice (plugins '\(other)' and '\(entry.plugin)')")
            }
            seen[entry.rule.identifier] = entry.plugin
        }
        self.entries = entries
    }

    public var identifiers: [String] { entries.map { $0.rule.identifier } }

    public func rule(named identifier: String) -> (any RewardRule.Type)? {
        entries.first { $0.rule.identifier == identifier }?.rule
    }
}
