import Agent
import Foundation
import NeuralNets
import Randomness
import Rewards
import Tensors

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
                features = try loadPretrained(path, against: configuration.features)
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

/// The frozen extractor `priorcut pretrain` wrote (its file records the whole architecture: input channels,
/// embedding distance, margins). Its feature maps and embedding width must match the experiment's, so that the
/// resolved `config.yaml` describes the networks truthfully; the error says which values to set.
private func loadPretrained(_ path: String, against configuration: FeatureConfiguration) throws(ExperimentError)
    -> PixelEmbeddingFeatures {
    let features: PixelEmbeddingFeatures
    do {
        features = try PixelEmbeddingFeatures.load(from: URL(fileURLWithPath: path), trainsJointly: false).features
    } catch {
        throw .checkpoint(path: path, reason: error.description)
    }
    guard features.featureMaps == configuration.featureMaps, features.embeddingWidth == configuration.embeddingWidth
    else {
        let maps = features.featureMaps.map(String.init).joined(separator: ", ")
        throw .checkpoint(path: path, reason: "the pretrained U-Net has feature_maps [\(maps)] and embedding_width "
                          + "\(features.embeddingWidth); set features.feature_maps and features.embedding_width to these")
    }
    return features
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
