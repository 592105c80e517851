import Agent
import Foundation
import Imaging
import Rewards

/// An experiment (`experiment.yaml`): data, superpixels, features, networks, the agent's knobs, the schedule, the
/// reward manifest and the seed. Every key, its type and default are in Documentation/ExperimentReference.md.
///
/// Parsed from YAML with unknown keys, wrong types and out-of-range values reported with file and line; paths are
/// resolved against the file's folder. `yaml` writes the configuration back with every default filled in and
/// every path absolute (a run's `config.yaml`), and parsing that text gives an equal configuration.
public struct ExperimentConfiguration: Sendable, Equatable {
    /// The experiment's name: the prefix of its run folders.
    public var name: String
    /// The master seed: networks, subgraphs, exploration and replay draws derive from it.
    public var seed: UInt64
    /// Absolute path of the reward manifest.
    public var manifest: String
    public var data: TrainingData
    /// Held-out images for evaluation after training (`example`, reports); never used by training.
    public var test: DataSource?
    public var superpixels: SuperpixelConfiguration
    public var features: FeatureConfiguration
    /// Networks and every SAC knob (learning rates, temperature, τ, replay, warm-up, updates, clipping).
    public var agent: AgentConfiguration
    public var training: TrainingSchedule
    /// Mixed supervision (paper A.10; Table 2 "semisup."): a few annotated training images scored by another
    /// manifest, usually the Dice rule. `nil`: rules only.
    public var supervision: Supervision?

    public init(name: String, seed: UInt64 = 0, manifest: String, data: TrainingData, test: DataSource? = nil,
                superpixels: SuperpixelConfiguration = SuperpixelConfiguration(),
                features: FeatureConfiguration = FeatureConfiguration(), agent: AgentConfiguration = AgentConfiguration(),
                training: TrainingSchedule = TrainingSchedule()) {
        self.name = name
        self.seed = seed
        self.manifest = manifest
        self.data = data
        self.test = test
        self.superpixels = superpixels
        self.features = features
        self.agent = agent
        self.training = training
    }

    /// Reads and parses an experiment file.
    public static func load(path: String) throws(ExperimentError) -> ExperimentConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .configuration([ConfigurationError(file: path, line: 0, column: 0,
                                                     message: "cannot read the experiment: \(error.localizedDescription)")])
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text, file: path, baseFolder: folder)
    }

    /// Parses experiment YAML; relative paths are resolved against `baseFolder`.
    public static func parse(_ text: String, file: String, baseFolder: String) throws(ExperimentError)
        -> ExperimentConfiguration {
        do {
            return try ExperimentParser(baseFolder: baseFolder).parse(try YAMLNode.parse(text, file: file))
        } catch {
            throw .configuration([error])
        }
    }

    /// The reward manifest, parsed with the rules of `registry` (nil: the core rules only).
    public func loadManifest(registry: RuleRegistry?) throws(ExperimentError) -> RewardManifest {
        try Self.loadManifest(path: manifest, registry: registry)
    }

    /// The supervision's manifest (nil without supervision); its subgraph sizes must be the manifest's, since one
    /// critic head per size learns from both.
    public func loadSupervisionManifest(registry: RuleRegistry?, besides main: RewardManifest)
        throws(ExperimentError) -> RewardManifest? {
        guard let supervision else { return nil }
        let manifest = try Self.loadManifest(path: supervision.manifest, registry: registry)
        guard manifest.subgraphSizes == main.subgraphSizes else {
            throw .configuration([ConfigurationError(
                file: supervision.manifest, line: 0, column: 0,
                message: "subgraph_sizes \(manifest.subgraphSizes) differ from the experiment manifest's \(main.subgraphSizes)")])
        }
        return manifest
    }

    private static func loadManifest(path: String, registry: RuleRegistry?) throws(ExperimentError) -> RewardManifest {
        let rules: RuleRegistry
        do { rules = try registry ?? RuleRegistry(plugins: []) } catch { throw .agent("rule registry: \(error)") }
        do {
            return try RewardManifest.load(path: path, registry: rules)
        } catch {
            throw .configuration(error.errors)
        }
    }
}

/// Mixed supervision (paper A.10): the first `images` training images (in name order, as `split.json` lists them)
/// get their rewards from `manifest` — typically `core.dice` against their masks — and every other training image
/// from the experiment's manifest. Validation, and so model selection, uses the experiment's manifest only.
public struct Supervision: Sendable, Equatable {
    /// Absolute path of the manifest that scores the annotated images.
    public var manifest: String
    /// How many training images are annotated (≥ 1, fewer than the training images).
    public var images: Int

    public init(manifest: String, images: Int = 1) {
        self.manifest = manifest
        self.images = images
    }
}

/// How an experiment cuts images into superpixels: a recipe, optionally intersected with the ground truth ("GT"
/// superpixels, paper A.12; only for data with masks, and never in `segment`, which has no masks).
public struct SuperpixelConfiguration: Sendable, Equatable {
    public var recipe: SuperpixelRecipe
    public var groundTruth: Bool

    public init(recipe: SuperpixelRecipe = .raw, groundTruth: Bool = false) {
        self.recipe = recipe
        self.groundTruth = groundTruth
    }
}
