import Agent
import Dispatch
import Foundation
import Rewards
import Synchronization

/// Trains an experiment into a run folder (issue 7 item 8): data → superpixels → environments → stateless SAC,
/// with validation, metrics, curves and checkpoints as the run-folder contract describes.
///
/// Determinism: every draw derives from the experiment's seed; before step s the agent's generator is reseeded
/// from (seed, s). Checkpoints hold the networks, optimisers and the replay memory's actions, rewards and
/// priorities (observations are rebuilt from the step that stored each slot), so a run resumed from `last`
/// continues exactly as the uninterrupted run would (same thread count: BLAS sums are order-sensitive).
public final class Trainer {
    public let configuration: ExperimentConfiguration
    public let run: RunFolder
    public let manifest: RewardManifest
    public let agent: SoftActorCritic
    /// The training batches (one environment each) and the validation images with their batches.
    public let trainingBatches: [SegmentationEnvironment]
    public let validationImages: [PreparedImage]
    let validationBatches: [SegmentationEnvironment]
    let log: MetricsLog
    /// Environment steps completed.
    public private(set) var step: Int
    public private(set) var best: (step: Int, reward: Double)?
    private var lastCheckpointStep: Int?

    /// A new run in `folder` (created; an existing non-empty folder is refused unless `force`, which replaces the
    /// run files in it).
    public convenience init(configuration: ExperimentConfiguration, registry: RuleRegistry? = nil, folder: String,
                            force: Bool) throws(ExperimentError) {
        let run = RunFolder(path: folder)
        try Self.prepareNewFolder(run, force: force)
        let manifest = try configuration.loadManifest(registry: registry)
        let supervision = try configuration.loadSupervisionManifest(registry: registry, besides: manifest)
        do {
            try FileManager.default.createDirectory(at: run.url, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: configuration.manifest), to: run.manifest)
            if let path = configuration.supervision?.manifest {
                try FileManager.default.copyItem(at: URL(fileURLWithPath: path), to: run.supervisionManifest)
            }
        } catch {
            throw .runFolder(path: run.path, reason: error.localizedDescription)
        }
        try RunFolder.writeAtomically(Data(configuration.yaml.utf8), to: run.configuration)
        try self.init(configuration: configuration, manifest: manifest, supervision: supervision, run: run,
                      resumeFrom: nil)
    }

    /// Continues the run in `folder` from its `last` checkpoint (from step 0 if it has none yet), up to `steps` in
    /// total (default: the configuration's). The run's own `config.yaml` and `manifest.yaml` are used.
    public convenience init(resuming folder: String, registry: RuleRegistry? = nil, steps: Int? = nil) throws(ExperimentError) {
        let run = RunFolder(path: folder)
        var configuration = try ExperimentConfiguration.load(path: run.configuration.path)
        configuration.manifest = run.manifest.path
        configuration.supervision?.manifest = run.supervisionManifest.path
        let manifest = try configuration.loadManifest(registry: registry)
        let supervision = try configuration.loadSupervisionManifest(registry: registry, besides: manifest)
        // Temporary files of writes a crash interrupted (the complete files beside them are intact).
        for folder in [run.url, run.checkpoints] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        // A run stopped before its first checkpoint starts again from step 0.
        var resumeFrom: (checkpoint: TrainingCheckpoint, state: AgentState)?
        if FileManager.default.fileExists(atPath: run.checkpoint(.last).tensors.path) {
            let (checkpoint, state) = try TrainingCheckpoint.load(.last, in: run)
            guard checkpoint.seed == configuration.seed else {
                throw .checkpoint(path: run.checkpoint(.last).tensors.path,
                                  reason: "written with seed \(checkpoint.seed) but config.yaml says \(configuration.seed)")
            }
            resumeFrom = (checkpoint, state)
        }
        if let steps, steps != configuration.training.steps {
            configuration.training.steps = steps
            var saved = try ExperimentConfiguration.load(path: run.configuration.path)
            saved.training.steps = steps
            try RunFolder.writeAtomically(Data(saved.yaml.utf8), to: run.configuration)
        }
        try self.init(configuration: configuration, manifest: manifest, supervision: supervision, run: run,
                      resumeFrom: resumeFrom)
    }

    private init(configuration: ExperimentConfiguration, manifest: RewardManifest, supervision: RewardManifest?,
                 run: RunFolder, resumeFrom: (checkpoint: TrainingCheckpoint, state: AgentState)?) throws(ExperimentError) {
        self.configuration = configuration
        self.run = run
        self.manifest = manifest
        let (trainingItems, validationItems) = try configuration.data.loadSplit()
        let testNames = try configuration.test?.imageNames() ?? []
        try Self.writeSplit(training: trainingItems.map(\.name), validation: validationItems.map(\.name),
                            test: testNames, to: run.split)
        let multiple = configuration.features.sideMultiple
        let training = try PreparedImage.prepareAll(trainingItems, configuration: configuration.superpixels,
                                                    sideMultiple: multiple)
        validationImages = try PreparedImage.prepareAll(validationItems, configuration: configuration.superpixels,
                                                        sideMultiple: multiple)
        let size = configuration.training.batchSize, solver = configuration.training.solver
        // With mixed supervision the annotated images (the first ones) form their own batches, scored by the
        // supervision's manifest; batch indices (and so seeds) run on across both groups.
        let annotated = configuration.supervision?.images ?? 0
        guard annotated < training.count else {
            throw .data("supervision.images is \(annotated) but there are only \(training.count) training images")
        }
        let groups = [(images: training[..<annotated], manifest: supervision ?? manifest),
                      (images: training[annotated...], manifest: manifest)]
        do {
            var batches: [SegmentationEnvironment] = []
            for group in groups {
                for start in stride(from: group.images.startIndex, to: group.images.endIndex, by: size) {
                    let images = group.images[start..<min(start + size, group.images.endIndex)]
                    batches.append(try SegmentationEnvironment(
                        images: images.map(\.environmentImage), manifest: group.manifest, solver: solver,
                        seed: derivedSeed(configuration.seed, .trainingSubgraphs, batches.count),
                        handcraftedNodeFeatures: configuration.features.handcrafted))
                }
            }
            trainingBatches = batches
            let validationImages = validationImages
            validationBatches = try stride(from: 0, to: validationImages.count, by: size).map { start throws(AgentError) in
                try SegmentationEnvironment(
                    images: validationImages[start..<min(start + size, validationImages.count)].map(\.environmentImage),
                    manifest: manifest, solver: solver, seed: derivedSeed(configuration.seed, .validationSubgraphs, start / size),
                    handcraftedNodeFeatures: configuration.features.handcrafted)
            }
        } catch {
            throw .agent("\(error)")
        }
        agent = try ExperimentAgent.make(configuration, manifest: manifest)
        if let resumeFrom {
            // Replay slot i holds the transition of the latest step s ≤ S with (s − 1) mod capacity = i, and step
            // s trained on batch (s − 1) mod batches: the observations are rebuilt, the actions and rewards loaded.
            let stored = resumeFrom.checkpoint.step, capacity = configuration.agent.replayCapacity
            let batches = trainingBatches
            do {
                try agent.restore(resumeFrom.state) { slot in
                    let step = slot + 1 + capacity * ((stored - 1 - slot) / capacity)
                    return batches[(step - 1) % batches.count].observation
                }
            } catch {
                throw .checkpoint(path: run.checkpoint(.last).tensors.path, reason: error.description)
            }
            step = resumeFrom.checkpoint.step
            lastCheckpointStep = step
            if let bestStep = resumeFrom.checkpoint.bestStep, let bestReward = resumeFrom.checkpoint.bestReward {
                best = (bestStep, bestReward)
            }
            log = try MetricsLog(url: run.metrics, keepingThrough: step)
        } else {
            step = 0
            log = try MetricsLog(url: run.metrics)
        }
    }

    // MARK: Training

    /// Progress after a step, for the command line.
    public struct Progress: Sendable {
        public let step: Int
        public let total: Int
        /// Seconds since `train` started, and its steps per second.
        public let seconds: Double
        public let stepsPerSecond: Double
        /// Mean step reward over the last 20 steps.
        public let runningReward: Double
        /// The validation done after this step, if any.
        public let validation: MetricsRecord?
    }

    /// How training ended.
    public struct Summary: Sendable {
        public let stepsCompleted: Int
        public let totalSteps: Int
        /// True when a stop was requested (Ctrl-C) before the last step; `last` holds the state to resume from.
        public let interrupted: Bool
        public let bestStep: Int?
        public let bestReward: Double?
        public let run: RunFolder
    }

    /// Runs the remaining steps. `stop` is checked after every step; when set, `last` is saved and training returns
    /// with `interrupted`. A non-finite loss throws `.nonFiniteLoss` without writing anything further.
    public func train(stop: StopSignal? = nil, progress: ((Progress) -> Void)? = nil) throws(ExperimentError) -> Summary {
        let total = configuration.training.steps
        let start = DispatchTime.now().uptimeNanoseconds
        let firstStep = step
        var rewards: [Double] = log.records.compactMap { if case let .train(_, r, _, _, _, _, _) = $0 { r } else { nil } }
        while step < total {
            if stop?.isRequested == true {
                try saveLast()
                try writeCurves()
                return summary(interrupted: true)
            }
            let next = step + 1
            let stepStart = DispatchTime.now().uptimeNanoseconds
            agent.reseed(derivedSeed(configuration.seed, .step, next))
            let environment = trainingBatches[(next - 1) % trainingBatches.count]
            let outcome: (step: SegmentationEnvironment.StepResult, updates: [SoftActorCritic.UpdateStatistics])
            do {
                outcome = try agent.train(on: environment)
            } catch {
                if case let .nonFiniteLoss(what) = error {
                    throw .nonFiniteLoss(step: next, loss: what, lastCheckpoint: lastCheckpointStep.map {
                        "\(run.checkpoint(.last).tensors.path) (step \($0))"
                    })
                }
                throw .agent("step \(next): \(error)")
            }
            step = next
            let updates = outcome.updates
            func mean(_ values: [Float]) -> Double? {
                values.isEmpty ? nil : values.reduce(0) { $0 + Double($1) } / Double(values.count)
            }
            let reward = Double(outcome.step.meanReward)
            rewards.append(reward)
            try log.append(.train(step: step, reward: reward, criticLoss: mean(updates.map(\.criticLoss)),
                                  actorLoss: mean(updates.compactMap(\.actorLoss)),
                                  alpha: updates.last.map { Double($0.temperature) }, entropy: mean(updates.map(\.meanEntropy)),
                                  seconds: Double(DispatchTime.now().uptimeNanoseconds - stepStart) / 1e9))
            var validation: MetricsRecord?
            if !validationBatches.isEmpty, step % configuration.training.validationEvery == 0 || step == total {
                let (validationReward, scores) = try validate()
                let record = MetricsRecord.validation(step: step, reward: validationReward, metrics: scores)
                try log.append(record)
                validation = record
                if validationReward.isFinite, validationReward > best?.reward ?? -.infinity {
                    best = (step, validationReward)
                    try checkpoint(validationReward: validationReward).save(agent, as: .best, in: run)
                }
            }
            if step % configuration.training.checkpointEvery == 0 || step == total { try saveLast() }
            if validation != nil || step == total { try writeCurves() }
            if let progress {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let recent = rewards.suffix(20)
                progress(Progress(step: step, total: total, seconds: seconds,
                                  stepsPerSecond: seconds > 0 ? Double(step - firstStep) / seconds : 0,
                                  runningReward: recent.reduce(0, +) / Double(max(recent.count, 1)),
                                  validation: validation))
            }
        }
        return summary(interrupted: false)
    }

    /// Deterministic actions (`sigmoid(μ)`) on every validation image: the mean reward (each image weighs the
    /// same) and, where the images have masks, the means of our metrics.
    public func validate() throws(ExperimentError) -> (reward: Double, scores: ValidationScores?) {
        var rewardSum = 0.0, imageCount = 0
        var summaries: [MetricsSummary] = []
        var offset = 0
        for environment in validationBatches {
            let result: SegmentationEnvironment.StepResult
            do {
                result = try environment.step(actions: agent.actions(for: environment.observation, deterministic: true))
            } catch {
                throw .agent("validation: \(error)")
            }
            rewardSum += Double(result.meanReward) * Double(environment.images.count)
            imageCount += environment.images.count
            for (index, segmentation) in result.segmentations.enumerated() {
                let prepared = validationImages[offset + index]
                guard let mask = prepared.mask else { continue }
                do {
                    summaries.append(MetricsSummary(try SegmentationMetrics(groundTruth: mask,
                                                                            prediction: prepared.crop(segmentation))))
                } catch {
                    throw .data("validation image \(prepared.name): \(error)")
                }
            }
            offset += environment.images.count
        }
        let scores = summaries.count == validationImages.count ? MetricsSummary.mean(summaries).map(ValidationScores.init) : nil
        return (rewardSum / Double(max(imageCount, 1)), scores)
    }

    private func checkpoint(validationReward: Double?) -> TrainingCheckpoint {
        TrainingCheckpoint(step: step, seed: configuration.seed, validationReward: validationReward,
                           bestStep: best?.step, bestReward: best?.reward, counters: [:])
    }

    private func saveLast() throws(ExperimentError) {
        try checkpoint(validationReward: nil).save(agent, as: .last, in: run)
        lastCheckpointStep = step
    }

    private func writeCurves() throws(ExperimentError) {
        try RunFolder.writeAtomically(Data(CurvesChart(records: log.records).svg.utf8), to: run.curves)
    }

    private func summary(interrupted: Bool) -> Summary {
        Summary(stepsCompleted: step, totalSteps: configuration.training.steps, interrupted: interrupted,
                bestStep: best?.step, bestReward: best?.reward, run: run)
    }

    // MARK: Run folder

    /// Refuses a non-empty folder unless `force`; with `force`, removes the run files a previous run wrote there.
    private static func prepareNewFolder(_ run: RunFolder, force: Bool) throws(ExperimentError) {
        let manager = FileManager.default
        let contents = (try? manager.contentsOfDirectory(atPath: run.path)) ?? []
        guard !contents.isEmpty else { return }
        guard force else {
            throw .runFolder(path: run.path, reason: "the folder exists and is not empty; pass --force to replace its run "
                             + "files, or --resume to continue the run")
        }
        for url in [run.configuration, run.manifest, run.split, run.metrics, run.curves, run.checkpoints]
            where manager.fileExists(atPath: url.path) {
            do { try manager.removeItem(at: url) } catch {
                throw .runFolder(path: url.path, reason: error.localizedDescription)
            }
        }
    }

    private static func writeSplit(training: [String], validation: [String], test: [String],
                                   to url: URL) throws(ExperimentError) {
        let object = ["training": training, "validation": validation, "test": test]
        let data: Data
        do { data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]) } catch {
            throw .runFolder(path: url.path, reason: "\(error)")
        }
        try RunFolder.writeAtomically(data + Data("\n".utf8), to: url)
    }
}

/// A request to stop training at the next step boundary (set from a signal handler, read by the training loop).
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .relaxed) }

    public var isRequested: Bool { flag.load(ordering: .relaxed) }
}
