import Agent
import Foundation
import Graphs
import Imaging
import Rewards

/// A trained run loaded for inference (`priorcut segment`, `example`, reports): the run's configuration and
/// manifest, and the agent restored from one of its checkpoints.
///
/// `segment` does what training did for an image, without rewards: normalise, superpixels with the run's recipe
/// (or given ones), pad for the U-Net, deterministic actions `sigmoid(μ)`, multicut with the run's solver, then
/// the manifest's object classing: objects classed as background become 0, the others 1, 2, ….
public final class TrainedModel {
    public let run: RunFolder
    public let configuration: ExperimentConfiguration
    public let manifest: RewardManifest
    public let checkpoint: TrainingCheckpoint
    public let checkpointName: CheckpointName
    let agent: SoftActorCritic

    /// Loads `run` (its `config.yaml`, `manifest.yaml` and checkpoint `name`).
    public init(run path: String, checkpoint name: CheckpointName = .best, registry: RuleRegistry? = nil) throws(ExperimentError) {
        run = RunFolder(path: path)
        var configuration = try ExperimentConfiguration.load(path: run.configuration.path)
        configuration.manifest = run.manifest.path
        manifest = try configuration.loadManifest(registry: registry)
        let (checkpoint, state) = try TrainingCheckpoint.load(name, in: run)
        agent = try ExperimentAgent.make(configuration, manifest: manifest)
        do { try agent.restore(state) } catch {
            throw .checkpoint(path: run.checkpoint(name).tensors.path, reason: error.description)
        }
        self.configuration = configuration
        self.checkpoint = checkpoint
        checkpointName = name
    }

    /// A model from parts already loaded (the report's untrained agent: the run's networks at their initial weights).
    init(run: RunFolder, configuration: ExperimentConfiguration, manifest: RewardManifest,
         checkpoint: TrainingCheckpoint, checkpointName: CheckpointName, agent: SoftActorCritic) {
        self.run = run
        self.configuration = configuration
        self.manifest = manifest
        self.checkpoint = checkpoint
        self.checkpointName = checkpointName
        self.agent = agent
    }

    /// How files given to `segment` become intensities: as the run's training data did (folders: their
    /// `normalisation`; synthetic data: the type range, which gives the generator's values back from
    /// `priorcut synth` files).
    public var normalisation: IntensityNormalisation {
        if case let .folder(folder) = configuration.data.source { return folder.normalisation }
        return .type
    }

    /// Reads an image file as the run's training data were read.
    public func readImage(_ path: String) throws(ExperimentError) -> Image {
        do { return try ImageFile.readImage(path, normalisation: normalisation) } catch {
            throw .data("\(error)")
        }
    }

    /// A segmentation and what it came from.
    public struct Segmentation: Sendable {
        /// Object labels (background 0), the image's size.
        public let labels: LabelImage
        public let superpixels: LabelImage
        /// The deterministic action (split probability) of every edge of the superpixel graph, in edge order.
        public let actions: [Float]
    }

    /// Segments one image (intensities in [0, 1], any size); `superpixels` replaces the run's recipe.
    public func segment(_ image: Image, name: String = "image", superpixels: LabelImage? = nil)
        throws(ExperimentError) -> Segmentation {
        var recipe = configuration.superpixels
        recipe.groundTruth = false
        let prepared = try PreparedImage(ExperimentImage(name: name, image: image, mask: nil), configuration: recipe,
                                         superpixels: superpixels, sideMultiple: configuration.features.sideMultiple)
        let item = prepared.environmentImage
        let environment: SegmentationEnvironment
        do {
            environment = try SegmentationEnvironment(images: [item], manifest: manifest,
                                                      solver: configuration.training.solver, seed: configuration.seed,
                                                      handcraftedNodeFeatures: configuration.features.handcrafted)
        } catch {
            throw .agent("\(name): \(error)")
        }
        let actions = agent.actions(for: environment.observation, deterministic: true)
        // The environment turns actions into the output segmentation (multicut, classing, `objects.reject`) the
        // same way here as in training's validation.
        let labels: LabelImage
        do {
            labels = prepared.crop(try environment.segment(actions: actions)[0])
        } catch {
            throw .agent("\(name): \(error)")
        }
        return Segmentation(labels: labels, superpixels: prepared.superpixels, actions: actions)
    }
}
