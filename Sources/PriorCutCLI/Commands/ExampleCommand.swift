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

            --seeds N trains N agents, with the experiment's seed, seed + 1, …, into OUT/seed-<S>/ and reports the \
            one with the best validation reward (paper A.5: model selection without ground truth); rules-only \
            training can stay in a poor optimum for some seeds (Examples/circles/README.md). OUT/selection.json \
            lists every candidate and OUT/report.html links to the chosen report. With --seeds 1 (the default), OUT \
            is the run folder itself.
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

    @Option(help: "Train this many agents (seeds S, S + 1, …) and report the one with the best validation reward.")
    var seeds: Int = 1

    @Flag(help: "Replace the run files in an existing non-empty --out folder.")
    var force = false

    func validate() throws {
        if figures < 0 { throw ValidationError("--figures must be at least 0, got \(figures)") }
        if seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
    }

    func run() throws {
        let experiment = try Self.experimentFile(name: name, mode: mode, examples: examples)
        let registry = try PriorCutCLI.registry()
        let configuration = try ExperimentConfiguration.load(path: experiment)
        let folder = out ?? RunFolder.defaultPath(name: configuration.name)
        let selection = URL(fileURLWithPath: folder).appendingPathComponent("selection.json")
        let reportLink = URL(fileURLWithPath: folder).appendingPathComponent("report.html")
        if seeds > 1, !force, let existing = [selection, reportLink].first(where: { Self.exists($0) }) {
            throw ValidationError("\(existing.path) exists from an earlier run; pass --force to replace it")
        }
        var candidates: [Candidate] = []
        for index in 0..<seeds {
            var seeded = configuration
            seeded.seed = configuration.seed &+ UInt64(index)
            let path = seeds == 1 ? folder : URL(fileURLWithPath: folder).appendingPathComponent("seed-\(seeded.seed)").path
            let trainer = try Trainer(configuration: seeded, registry: registry, folder: path, force: force)
            printError("example \(name) (\(mode.rawValue)): training \(configuration.training.steps) steps into "
                       + "\(trainer.run.path)" + (seeds == 1 ? "" : " (seed \(index + 1) of \(seeds))"))
            let summary = try TrainCommand.train(trainer)
            if summary.interrupted {
                printError("stopped at step \(summary.stepsCompleted) of \(summary.totalSteps), no report written; "
                           + "continue with:\n  priorcut train --resume \(trainer.run.path)\n  priorcut report \(trainer.run.path)")
                return
            }
            guard let step = summary.bestStep, let reward = summary.bestReward else {
                throw ValidationError("the run has no validation images, so no checkpoint could be selected; "
                                      + "give the experiment a validation split")
            }
            candidates.append(Candidate(seed: seeded.seed, run: trainer.run.path, bestStep: step, bestReward: reward))
        }
        // The first of equal rewards wins, so the selection does not depend on float ties' order.
        guard let best = candidates.enumerated().max(by: { a, b in
            a.element.bestReward != b.element.bestReward ? a.element.bestReward < b.element.bestReward : a.offset > b.offset
        })?.element else { return }
        if seeds > 1 {
            try Self.writeSelection(candidates, chosen: best, to: selection)
            printError("best validation reward: seed \(best.seed) (" + candidates.map {
                String(format: "seed %llu: %.4f", $0.seed, $0.bestReward) }.joined(separator: ", ") + ")")
        }
        printError("best checkpoint: step \(best.bestStep); evaluating the held-out images")

        let report = try TrainedRunReport(run: best.run, registry: registry, figureCount: figures)
            .make { printError("report: \($0)") }
        let files = try report.write(to: best.run)
        if seeds > 1 {
            // OUT/report.html → the chosen seed's report (self-contained, so a link opens as the file does).
            try? FileManager.default.removeItem(at: reportLink)
            try FileManager.default.createSymbolicLink(atPath: reportLink.path,
                                                       withDestinationPath: "seed-\(best.seed)/report.html")
        }
        print(ReportCommand.table(report.methods))
        print("\nreport: \(files.html)\nmetrics: \(files.metrics)\nrun: \(best.run)")
    }

    /// Whether a file or a (possibly dangling) symbolic link is at `url`.
    static func exists(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil
    }

    /// One trained seed: its run folder and its best validation reward.
    struct Candidate: Codable {
        var seed: UInt64
        var run: String
        var bestStep: Int
        var bestReward: Double

        enum CodingKeys: String, CodingKey {
            case seed, run, bestStep = "best_step", bestReward = "best_validation_reward"
        }
    }

    /// `selection.json`: every candidate and the chosen run (written atomically).
    static func writeSelection(_ candidates: [Candidate], chosen: Candidate, to url: URL) throws {
        struct Selection: Codable { var chosen: String; var candidates: [Candidate] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(Selection(chosen: chosen.run, candidates: candidates)).write(to: url, options: .atomic)
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
