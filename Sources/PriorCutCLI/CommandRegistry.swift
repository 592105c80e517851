import ArgumentParser

/// Every `priorcut` subcommand, in `--help` order. One file per command under `Commands/`.
enum CommandRegistry {
    static let all: [any ParsableCommand.Type] = [
        SuperpixelsCommand.self,
        RulesCommand.self,
        RewardCommand.self,
        ManifestCommand.self,
        SynthCommand.self,
        MulticutCommand.self,
        BaselineCommand.self,
        MeasureCommand.self,
        UpperBoundCommand.self,
        EvaluateCommand.self,
        TrainCommand.self,
        SegmentCommand.self,
        PretrainCommand.self,
        ReportCommand.self,
        ExampleCommand.self,
        InfoCommand.self,
        BenchCommand.self,
    ]
}
