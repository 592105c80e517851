import Foundation
import NeuralNets
import Randomness
import Tensors

/// A feature extractor saved as a safetensors file whose metadata describes it fully, so that a loader rebuilds the
/// U-Net from the file alone (parameter names `unet.encoder.0.conv1.weight`, …).
///
/// Metadata keys (all strings): `kind` = `priorcut.pixel-embedding-features`, `feature_maps` (`16,32,64,128`),
/// `embedding_width`, `input` (`image` | `imageAndSuperpixelEdges`), `distance` (`cosine` | `euclidean`),
/// `affinity_margin`, `group_norm_groups` (`8` | `none`, informative); callers add their own (the pre-training adds
/// its loss, steps and settings, see `ContrastivePretraining.save`).
extension PixelEmbeddingFeatures {
    public static let checkpointKind = "priorcut.pixel-embedding-features"

    /// The metadata that describes this extractor's architecture.
    public var architectureMetadata: [String: String] {
        ["kind": Self.checkpointKind,
         "feature_maps": featureMaps.map(String.init).joined(separator: ","),
         "embedding_width": String(embeddingWidth),
         "input": input.rawValue,
         "distance": distance.rawValue,
         "affinity_margin": "\(affinityMargin)",
         "group_norm_groups": Self.groups(for: featureMaps).map(String.init) ?? "none"]
    }

    /// Writes the parameters and `architectureMetadata` plus `metadata` atomically (temporary file, then rename).
    public func save(to url: URL, metadata: [String: String] = [:]) throws(PretrainingError) {
        do {
            try Checkpoint.save(self, to: url, metadata: metadata.merging(architectureMetadata) { _, own in own })
        } catch {
            throw .checkpoint(path: url.path, error.description)
        }
    }

    /// Rebuilds an extractor from a file written by `save(to:metadata:)`.
    /// - Parameter trainsJointly: whether the agent will train it further through the critic loss.
    /// - Returns: the extractor and the file's full metadata.
    public static func load(from url: URL, trainsJointly: Bool) throws(PretrainingError)
        -> (features: PixelEmbeddingFeatures, metadata: [String: String]) {
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(contentsOf: url) } catch { throw .checkpoint(path: url.path, error.description) }
        let metadata = file.metadata
        func value(_ key: String) throws(PretrainingError) -> String {
            guard let value = metadata[key] else {
                throw .checkpoint(path: url.path, "metadata has no '\(key)' (not written by PixelEmbeddingFeatures.save?)")
            }
            return value
        }
        guard try value("kind") == checkpointKind else {
            throw .checkpoint(path: url.path, "metadata kind is '\(metadata["kind"] ?? "")', expected '\(checkpointKind)'")
        }
        let mapsText = try value("feature_maps"), widthText = try value("embedding_width")
        let inputText = try value("input"), distanceText = try value("distance"), marginText = try value("affinity_margin")
        let maps = mapsText.split(separator: ",").compactMap { Int($0) }
        guard !maps.isEmpty, maps.count == mapsText.split(separator: ",").count else {
            throw .checkpoint(path: url.path, "feature_maps '\(mapsText)' is not a list of integers")
        }
        guard let width = Int(widthText) else { throw .checkpoint(path: url.path, "embedding_width '\(widthText)' is not an integer") }
        guard let input = Input(rawValue: inputText) else { throw .checkpoint(path: url.path, "unknown input '\(inputText)'") }
        guard let distance = EmbeddingDistance(rawValue: distanceText) else {
            throw .checkpoint(path: url.path, "unknown distance '\(distanceText)'")
        }
        guard let margin = Float(marginText) else { throw .checkpoint(path: url.path, "affinity_margin '\(marginText)' is not a number") }
        var generator = SeededGenerator(seed: 0) // every parameter is overwritten below
        let features: PixelEmbeddingFeatures
        do {
            features = try PixelEmbeddingFeatures(featureMaps: maps, embeddingWidth: width, trainsJointly: trainsJointly,
                                                  input: input, distance: distance, affinityMargin: margin,
                                                  using: &generator)
        } catch {
            throw .checkpoint(path: url.path, error.description)
        }
        var values: [String: Tensor] = [:]
        for name in file.names {
            do { values[name] = try file.tensor(name) } catch { throw .checkpoint(path: url.path, error.description) }
        }
        do { try features.assign(values) } catch { throw .checkpoint(path: url.path, error.description) }
        return (features, metadata)
    }
}
