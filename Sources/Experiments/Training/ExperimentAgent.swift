import Agent
import Foundation
import NeuralNets
import Randomness
import Rewards

/// Builds the agent an experiment describes: the SAC networks sized for the manifest's subgraph sizes and, when
/// configured, the U-Net feature extractor (loaded from its pretrained checkpoint, or fresh for joint training).
enum ExperimentAgent {
    static func make(_ configuration: ExperimentConfiguration, manifest: RewardManifest) throws(ExperimentError)
        -> SoftActorCritic {
        var generator = SeededGenerator(seed: derivedSeed(configuration.seed, .networks))
        var features: PixelEmbeddingFeatures?
        do {
            switch configuration.features.extractor {
            case .none:
                features = nil
            case .joint:
                features = try PixelEmbeddingFeatures(featureMaps: configuration.features.featureMaps,
                                                      embeddingWidth: configuration.features.embeddingWidth,
                                                      trainsJointly: true, using: &generator)
            case let .pretrained(path):
                let extractor = try PixelEmbeddingFeatures(featureMaps: configuration.features.featureMaps,
                                                           embeddingWidth: configuration.features.embeddingWidth,
                                                           trainsJointly: false, using: &generator)
                do {
                    try Checkpoint.load(into: extractor, from: URL(fileURLWithPath: path))
                } catch {
                    throw ExperimentError.checkpoint(
                        path: path, reason: "\(error) (features.feature_maps and embedding_width must match the pretrained U-Net)")
                }
                features = extractor
            }
            let nodeFeatureCount = configuration.features.handcrafted ? HandcraftedFeatures.nodeFeatureNames.count : 0
            return try SoftActorCritic(configuration: configuration.agent, nodeFeatureCount: nodeFeatureCount,
                                       subgraphSizes: manifest.subgraphSizes, features: features,
                                       seed: derivedSeed(configuration.seed, .agent))
        } catch let error as ExperimentError {
            throw error
        } catch {
            throw .agent("\(error)")
        }
    }
}

/// What a seed derived from the experiment's master seed is for: each purpose (and index) gets its own stream.
enum SeedPurpose: UInt64 {
    case networks = 1, agent, trainingSubgraphs, validationSubgraphs, step
}

/// An independent seed for `purpose` and `index`, from the master seed.
func derivedSeed(_ seed: UInt64, _ purpose: SeedPurpose, _ index: Int = 0) -> UInt64 {
    var generator = SplitMix64(seed: seed, stream: purpose.rawValue << 40 | UInt64(truncatingIfNeeded: index))
    return generator.next()
}
