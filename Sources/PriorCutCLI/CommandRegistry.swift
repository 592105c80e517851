import ArgumentParser

/// Every `priorcut` subcommand, in `--help` order. One file per command under `Commands/`.
enum CommandRegistry {
    static let all: [any ParsableCommand.Type] = [
        InfoCommand.self,
        BenchCommand.self,
        MeasureCommand.self,
    ]
}
