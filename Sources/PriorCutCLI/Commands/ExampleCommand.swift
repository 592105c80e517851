import ArgumentParser
import Experiments
import Foundation

struct ExampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "example",
        abstract: "Run a bundled example end to end: train, select the checkpoint, evaluate, write the report.",
        discussion: """
            Examples live in Examples/NAME/ (manifest.yaml, experiment.yaml, README.md). --quick (the default) \
            runs Examples/NAME/experiment.yaml, --full Examples/NAME/experiment-full.yaml. The run trains the agent \
            from the rules (synthetic data is generated from its seed), keeps the checkpoint with the best \
            validation reward (no ground truth), then does what `priorcut report` does: the agent, the agent at \
            step 0, every baseline and the superpixel upper bound on the held-out images, all with the same \
            metrics, into RUN/report.html and RUN/metrics.json. Ctrl-C saves the last checkpoint and stops before \
            the report (continue with `priorcut train --resume RUN`, then `priorcut report RUN`).
            """)

    enum Mode: String, EnumerableFlag {
        case quick, full

        static func help(for value: Mode) -> ArgumentHelp? {
            switch value {
            case .quick: "Minutes on 2 cores (Examples/NAME/experiment.yaml; the default)."
            case .full: "The longer run (Examples/NAME/experiment-full.yaml)."
            }
        }
    }

    @Argument(help: "The example's name (a folder of Examples/), e.g. circles.")
    var name: String

    @Flag var mode: Mode = .quick

    @Option(help: "The run folder (default runs/<experiment name>-<yyyyMMdd-HHmmss>).")
    var out: String?

    @Option(help: "The folder holding the examples (default: ./Examples, else the Examples/ of the repository the executable was built in).")
    var examples: String?

    @Option(help: "Draw the report's panels for this many held-out images.")
    var figures: Int = 3

    @Flag(help: "Replace the run files in an existing non-empty --out folder.")
    var force = false

    func validate() throws {
        if figures < 0 { throw ValidationError("--figures must be at least 0, got \(figures)") }
    }

    func run() throws {
        let experiment = try Self.experimentFile(name: name, mode: mode, examples: examples)
        let registry = try PriorCutCLI.registry()
        let configuration = try ExperimentConfiguration.load(path: experiment)
        let folder = out ?? RunFolder.defaultPath(name: configuration.name)
        let trainer = try Trainer(configuration: configuration, registry: registry, folder: folder, force: force)
        printError("example \(name) (\(mode.rawValue)): training \(configuration.training.steps) steps into \(trainer.run.path)")

        let summary = try TrainCommand.train(trainer)
        if summary.interrupted {
            printError("stopped at step \(summary.stepsCompleted) of \(summary.totalSteps), no report written; continue "
                       + "with:\n  priorcut train --resume \(trainer.run.path)\n  priorcut report \(trainer.run.path)")
            return
        }
        guard let best = summary.bestStep else {
            throw ValidationError("the run has no validation images, so no checkpoint could be selected; "
                                  + "give the experiment a validation split")
        }
        printError("best checkpoint: step \(best); evaluating the held-out images")

        let report = try TrainedRunReport(run: trainer.run.path, registry: registry, figureCount: figures)
            .make { printError("report: \($0)") }
        let files = try report.write(to: trainer.run.path)
        print(ReportCommand.table(report.methods))
        print("\nreport: \(files.html)\nmetrics: \(files.metrics)\nrun: \(trainer.run.path)")
    }

    /// `experiment.yaml` (quick) or `experiment-full.yaml` (full) of example `name`.
    static func experimentFile(name: String, mode: Mode, examples: String?) throws -> String {
        let file = mode == .quick ? "experiment.yaml" : "experiment-full.yaml"
        let roots = examples.map { [URL(fileURLWithPath: $0)] } ?? defaultRoots()
        for root in roots {
            let candidate = root.appendingPathComponent(name).appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
        }
        let available = roots.flatMap { root in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter {
                FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent(file).path)
            }
        }
        let searched = roots.map(\.path).joined(separator: ", ")
        throw ValidationError("no example '\(name)' with \(file) in \(searched.isEmpty ? "any Examples folder" : searched)"
                              + (available.isEmpty ? "" : "; available: \(available.sorted().joined(separator: ", "))"))
    }

    /// ./Examples, then the Examples/ folder of the nearest ancestor of the (resolved) executable that has one.
    static func defaultRoots() -> [URL] {
        var roots: [URL] = []
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Examples")
        if FileManager.default.fileExists(atPath: local.path) { roots.append(local) }
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Examples")
            if FileManager.default.fileExists(atPath: candidate.path), candidate.standardizedFileURL != local.standardizedFileURL {
                roots.append(candidate)
                break
            }
            folder.deleteLastPathComponent()
        }
        return roots
    }
}
