import ArgumentParser
import Dispatch
import Experiments
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the actor-critic of an experiment into a run folder.",
        discussion: """
            Writes RUN/config.yaml (the experiment as resolved), manifest.yaml, split.json, metrics.jsonl (one JSON \
            line per step and per validation), curves.svg and checkpoints/{last,best}.{safetensors,json}. \
            Validation uses deterministic actions on the held-out images: the mean reward selects `best` (no ground \
            truth needed), and mAP, IoU50/75 and VI are logged where masks exist. Ctrl-C saves `last` and exits; \
            --resume RUN continues from it. Keys: Documentation/ExperimentReference.md.
            """)

    @Argument(help: "The experiment file (YAML). Omit with --resume, which uses RUN/config.yaml.")
    var experiment: String?

    @Option(help: "The run folder (default runs/<name>-<yyyyMMdd-HHmmss>).")
    var out: String?

    @Option(help: "Total environment steps (overrides training.steps; with --resume, extends the run).")
    var steps: Int?

    @Option(help: "The master seed (overrides the experiment's seed).")
    var seed: UInt64?

    @Option(help: "Continue the run in this folder from its last checkpoint.")
    var resume: String?

    @Flag(help: "Replace the run files in an existing non-empty --out folder.")
    var force = false

    @Flag(help: "Print the final summary as JSON.")
    var json = false

    func validate() throws {
        if resume != nil {
            guard experiment == nil, out == nil, seed == nil, !force else {
                throw ValidationError("--resume RUN takes no experiment, --out, --seed or --force: the run's config.yaml decides")
            }
        } else if experiment == nil {
            throw ValidationError("give an experiment file, or --resume RUN")
        }
        if let steps, steps < 0 { throw ValidationError("--steps must be ≥ 0") }
        if let seed, seed > UInt64(Int.max) { throw ValidationError("--seed must be at most \(Int.max)") }
    }

    func run() throws {
        let registry = try PriorCutCLI.registry()
        let trainer: Trainer
        if let resume {
            trainer = try Trainer(resuming: resume, registry: registry, steps: steps)
            printError("resuming \(trainer.run.path) at step \(trainer.step) of \(trainer.configuration.training.steps)")
        } else if let experiment {
            var configuration = try ExperimentConfiguration.load(path: experiment)
            if let seed { configuration.seed = seed }
            if let steps { configuration.training.steps = steps }
            let folder = out ?? RunFolder.defaultPath(name: configuration.name)
            trainer = try Trainer(configuration: configuration, registry: registry, folder: folder, force: force)
            printError("training \(configuration.name) into \(trainer.run.path): \(trainer.trainingBatches.count) "
                       + "batches, \(trainer.validationImages.count) validation images")
        } else {
            throw ValidationError("give an experiment file, or --resume RUN")
        }

        let summary = try Self.train(trainer)
        report(summary)
    }

    /// Runs `trainer` to its last step with a progress line (steps/s, ETA, running reward, validations) on stderr;
    /// Ctrl-C finishes the current step, saves `last` and returns a summary marked `interrupted`.
    static func train(_ trainer: Trainer) throws -> Trainer.Summary {
        let stop = StopSignal()
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler {
            printError("\ninterrupted: saving the last checkpoint at the end of this step (Ctrl-C again to abort)")
            stop.request()
            signal(SIGINT, SIG_DFL)
        }
        interrupt.resume()
        defer {
            interrupt.cancel()
            signal(SIGINT, SIG_DFL)
        }

        let total = trainer.configuration.training.steps
        let reporter = ProgressReporter(total: max(total, 2), label: "step")
        // On a terminal the line is rewritten every step; in a log, about 100 lines per run plus the validations.
        let interactive = isatty(STDERR_FILENO) != 0
        let every = interactive ? 1 : max(1, total / 100)
        let summary = try trainer.train(stop: stop) { progress in
            guard progress.step % every == 0 || progress.validation != nil || progress.step == progress.total else { return }
            let remaining = progress.stepsPerSecond > 0 ? Double(progress.total - progress.step) / progress.stepsPerSecond : 0
            var text = String(format: "%.2f steps/s, ETA %@, reward %.4f", progress.stepsPerSecond,
                              Self.duration(remaining), progress.runningReward)
            if case let .validation(_, reward, scores)? = progress.validation {
                text += String(format: " | validation reward %.4f", reward)
                if let scores { text += String(format: ", mAP %.3f", scores.meanAveragePrecision) }
            }
            reporter.step(progress.step - 1, text)
            if progress.validation != nil, interactive { printError("") }
        }
        reporter.finish()
        return summary
    }

    private func report(_ summary: Trainer.Summary) {
        let run = summary.run
        if json {
            var object: [String: Any] = [
                "run": run.path, "steps": summary.stepsCompleted, "total_steps": summary.totalSteps,
                "interrupted": summary.interrupted, "last": run.checkpoint(.last).tensors.path,
                "metrics": run.metrics.path, "curves": run.curves.path,
            ]
            if let step = summary.bestStep, let reward = summary.bestReward {
                object["best_step"] = step
                object["best_reward"] = reward
                object["best"] = run.checkpoint(.best).tensors.path
            }
            try? printJSON(object)
            return
        }
        if summary.interrupted {
            printError("stopped at step \(summary.stepsCompleted) of \(summary.totalSteps); continue with:\n"
                       + "  priorcut train --resume \(run.path)")
        }
        print("run: \(run.path)")
        print("steps: \(summary.stepsCompleted) of \(summary.totalSteps)")
        if let step = summary.bestStep, let reward = summary.bestReward {
            print(String(format: "best validation reward: %.4f at step %d (%@)", reward, step,
                         run.checkpoint(.best).tensors.path))
        } else {
            print("best: none (no validation images, or no validation yet)")
        }
        print("last checkpoint: \(run.checkpoint(.last).tensors.path)")
        print("metrics: \(run.metrics.path)")
        print("curves: \(run.curves.path)")
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m"
            : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
