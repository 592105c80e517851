import Agent
import Experiments
import Imaging
import Randomness
import Rewards

/// Small synthetic circle images with RAW superpixels and ground truth, shared by the agent tests.
enum SyntheticBatches {
    static let registry = try! RuleRegistry(plugins: [])

    /// The supervised Dice manifest (paper A.10); the largest object is background.
    static func diceManifest(sizes: [Int] = [6, 12]) throws -> RewardManifest {
        try RewardManifest.parse("""
            manifest: dice
            subgraph_sizes: \(sizes)
            objects:
              background: { largest: true }
            rules:
              - rule: core.dice
                weight: 1
            """, file: "dice.yaml", registry: registry)
    }

    /// Generator settings for small images: 3–6 circles of radius 7–12, few distractors.
    static var circles: SyntheticCircles {
        var circles = SyntheticCircles()
        circles.radius = 7...12
        circles.circles = 3...6
        circles.distractors = 1...2
        return circles
    }

    struct Item {
        let image: EnvironmentImage
        let mask: LabelImage
    }

    /// Image `index` of stream `seed`, `size × size`; `distractors: false` draws circles only;
    /// `minimumSeparation` as `SyntheticCircles` (nil: the generator's default, under which circles may touch).
    static func item(index: Int, seed: UInt64 = 7, size: Int = 64, distractors: Bool = true,
                     minimumSeparation: Double? = nil) throws -> Item {
        var generator = SplitMix64(seed: seed, stream: UInt64(index))
        var circles = Self.circles
        if !distractors { circles.distractors = 0...0 }
        if let minimumSeparation { circles.minimumSeparation = minimumSeparation }
        let sample = try circles.generate(size: size, using: &generator)
        let superpixels = try SuperpixelRecipe.raw.superpixels(of: sample.image)
        return Item(image: try EnvironmentImage(image: sample.image, superpixels: superpixels,
                                                groundTruthLabels: sample.mask),
                    mask: sample.mask)
    }
}
