import ArgumentParser

/// Every `priorcut` subcommand, in `--help` order. One file per command under `Commands/`.
enum CommandRegistry {
    static let all: [any ParsableCommand.Type] = [
        InfoCommand.self,
        RulesCommand.self,
        ManifestCommand.self,
        MulticutCommand.self,
        BenchCommand.self,
        EvaluateCommand.self,
        UpperBoundCommand.self,
        SynthCommand.self,
    ]
}
