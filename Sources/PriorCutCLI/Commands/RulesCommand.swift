import ArgumentParser
import Foundation
import Rewards

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the reward rules, fit a rule's parameters to annotated data, check that a manifest prefers the truth.",
        subcommands: [List.self, RulesFitCommand.self, PreferTruthCommand.self],
        defaultSubcommand: List.self)
}

extension RulesCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every reward rule: identifier, level, summary and parameters with types and defaults (the default).",
            discussion: "Use the identifiers in a manifest's `rules:` list; parameters go under `with:`.")

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let registry = try PriorCutCLI.registry()
            if json {
                let rules: [[String: Any]] = registry.entries.map { entry in
                    [
                        "identifier": entry.rule.identifier, "plugin": entry.plugin, "summary": entry.rule.summary,
                        "level": entry.rule.level.rawValue,
                        "parameters": entry.rule.parameters.map { p -> [String: Any] in
                            var object: [String: Any] = ["name": p.name, "type": p.kind.summary, "summary": p.summary,
                                                         "required": p.defaultValue == nil]
                            if let value = p.defaultValue { object["default"] = jsonValue(value) }
                            return object
                        },
                    ]
                }
                try printJSON(["rules": rules])
                return
            }
            var plugin = ""
            for entry in registry.entries {
                if entry.plugin != plugin {
                    plugin = entry.plugin
                    print("\n[\(plugin)]")
                }
                print("  \(entry.rule.identifier)  (\(entry.rule.level.rawValue))")
                print("      \(entry.rule.summary)")
                for p in entry.rule.parameters {
                    let value = p.defaultValue.map { "default \($0)" } ?? "required"
                    print("      \(p.name): \(p.kind.summary), \(value) — \(p.summary)")
                }
            }
        }

        private func jsonValue(_ value: ParameterValue) -> Any {
            switch value {
            case let .number(v): v
            case let .integer(v): v
            case let .boolean(v): v
            case let .text(v): v
            case let .numbers(v): v
            }
        }
    }
}
