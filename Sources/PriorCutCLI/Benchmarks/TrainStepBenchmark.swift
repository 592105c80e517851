import Agent
import Experiments
import Imaging
import Randomness
import Rewards
import Tensors

extension Benchmarks {
    /// Issue 7: one environment step plus one update (critic, actor, temperature, target) on a batch of four
    /// 256×256 synthetic circle images with about 300 RAW superpixels each, networks of width 256 and depth 2, supervised Dice
    /// reward over sizes 6, 12, 32, 128; `--joint-features` adds a U-Net 16/32/64/128 trained through the critic.
    static let trainStep = Benchmark(
        name: "train-step",
        summary: "agent: env step + one SAC update, 4 synthetic 256x256 images, widths 256 ([--joint-features])"
    ) { options in
        let manifest = try RewardManifest.parse("""
            manifest: bench
            subgraph_sizes: [6, 12, 32, 128]
            objects:
              background: { largest: true }
            rules:
              - rule: core.dice
                weight: 1
            """, file: "train-step", registry: try RuleRegistry(plugins: []))
        // RAW superpixels, coarser than the default recipe: about 300 per image.
        let recipe = try SuperpixelRecipe(sigma: 1, h: 0.009, minimumSize: 50)
        let images = try (0..<4).map { index in
            var generator = SplitMix64(seed: 42, stream: UInt64(index))
            let sample = try SyntheticCircles().generate(size: 256, using: &generator)
            return try EnvironmentImage(image: sample.image, superpixels: try recipe.superpixels(of: sample.image),
                                        groundTruthLabels: sample.mask)
        }
        let environment = try SegmentationEnvironment(images: images, manifest: manifest, seed: 0)
        var configuration = AgentConfiguration()
        configuration.actor = NetworkShape(depth: 2, width: 256, hiddenLayers: 1)
        configuration.critic = NetworkShape(depth: 2, width: 256, hiddenLayers: 1)
        configuration.updatesPerStep = 1 // one update, and the policy acts from the first step
        configuration.warmupSteps = 0
        var generator = SeededGenerator(seed: 1)
        let features = options.jointFeatures
            ? try PixelEmbeddingFeatures(featureMaps: [16, 32, 64, 128], embeddingWidth: 16, trainsJointly: true,
                                         using: &generator)
            : nil
        let agent = try SoftActorCritic(configuration: configuration, subgraphSizes: manifest.subgraphSizes,
                                        features: features, seed: 1)
        let box = ResultBox<Float>()
        return PreparedBenchmark(run: { box.value = try agent.train(on: environment).step.meanReward }, details: {
            ["superpixels": images.map(\.rag.nodeCount), "edges": environment.observation.edgeCount,
             "subgraphs": environment.observation.subgraphSizes.indices.map(environment.observation.subgraphCount),
             "joint_features": options.jointFeatures, "mean_reward": box.value ?? 0]
        })
    }
}
