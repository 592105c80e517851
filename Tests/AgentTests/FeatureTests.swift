import Agent
import Foundation
import Imaging
import Randomness
import Tensors
import Testing

@Suite("Handcrafted and learned features")
struct FeatureTests {
    /// A 4×6 image: left half superpixel 0 (intensity 0.2), right half superpixel 1 (0.2 and 0.6 alternating rows).
    static func twoRegions() throws -> EnvironmentImage {
        var image = Image(rows: 4, cols: 6, repeating: 0.2)
        var labels = LabelImage(rows: 4, cols: 6, repeating: 0)
        for r in 0..<4 {
            for c in 3..<6 {
                labels[r, c] = 1
                image[r, c] = r % 2 == 0 ? 0.2 : 0.6
            }
        }
        var boundary = Image(rows: 4, cols: 6, repeating: 0)
        for r in 0..<4 { boundary[r, 2] = 0.5; boundary[r, 3] = 0.5 }
        return try EnvironmentImage(image: image, superpixels: labels, boundaryMap: boundary)
    }

    @Test("Node features: log size, centred position, polar position, intensity mean and std")
    func nodeFeatures() throws {
        let features = HandcraftedFeatures.nodeFeatures(of: try Self.twoRegions())
        #expect(features.shape == [2, HandcraftedFeatures.nodeFeatureNames.count])
        let logArea = Foundation.log(25.0)
        #expect(abs(features[0, 0] - Float(Foundation.log(13.0) / logArea)) < 1e-6)
        // Centroid of node 0: row 1.5, col 1 → (0, 2/5 − 1).
        #expect(abs(features[0, 1]) < 1e-6)
        #expect(abs(features[0, 2] - (-0.6)) < 1e-6)
        // Polar: centre (1.5, 2.5), node 0 lies 1.5 to the left: radius 1.5 / half-diagonal, angle π (sin 0, cos −1).
        #expect(abs(features[0, 3] - Float(1.5 / (1.5 * 1.5 + 2.5 * 2.5).squareRoot())) < 1e-6)
        #expect(abs(features[0, 4]) < 1e-6)
        #expect(abs(features[0, 5] + 1) < 1e-6)
        #expect(abs(features[0, 6] - 0.2) < 1e-6 && abs(features[0, 7]) < 1e-6)
        #expect(abs(features[1, 6] - 0.4) < 1e-6 && abs(features[1, 7] - 0.2) < 1e-5)
    }

    @Test("Edge features: relative boundary strength, log length, centroid orientation, contrast, basins")
    func edgeFeatures() throws {
        let features = HandcraftedFeatures.edgeFeatures(of: try Self.twoRegions())
        #expect(features.shape == [1, HandcraftedFeatures.edgeFeatureNames.count])
        #expect(abs(features[0, 0] - 1) < 1e-6) // the only edge is the strongest
        #expect(abs(features[0, 1] - 1) < 1e-6) // and the longest
        #expect(abs(features[0, 2]) < 1e-6) // centroids side by side: horizontal
        #expect(abs(features[0, 3] - 0.2) < 1e-6)
        #expect(features[0, 4] >= 0 && features[0, 4] <= 1)
    }

    @Test("Features of real superpixels stay in their documented ranges")
    func ranges() throws {
        let image = try SyntheticBatches.item(index: 0).image
        let nodes = HandcraftedFeatures.nodeFeatures(of: image), edges = HandcraftedFeatures.edgeFeatures(of: image)
        #expect(nodes.values.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(edges.values.allSatisfy { $0 >= -1 && $0 <= 1 })
        for e in 0..<edges.shape[0] { #expect(edges[e, 0] >= 0 && edges[e, 1] >= 0 && edges[e, 3] >= 0 && edges[e, 4] >= 0) }
    }

    @Test("Learned node features are the mean pixel embedding of every superpixel, and carry gradient when joint")
    func learned() throws {
        var generator = SeededGenerator(seed: 5)
        let features = try PixelEmbeddingFeatures(featureMaps: [4, 8], embeddingWidth: 3, trainsJointly: true,
                                                  using: &generator)
        let items = try (0..<2).map { try SyntheticBatches.item(index: $0) }
        let environment = try SegmentationEnvironment(images: items.map(\.image),
                                                      manifest: try SyntheticBatches.diceManifest(), seed: 1)
        let observation = environment.observation
        let nodes = features.features(observation).nodes
        #expect(nodes.shape == [observation.nodeCount, 3])
        // Image 1's first superpixel: the mean of the U-Net output over its pixels.
        let image = items[1].image
        let pixels = features.unet(Tensor(shape: [1, 1, 64, 64], values: image.image.values))
        var sum = [Float](repeating: 0, count: 3), count: Float = 0
        for (p, label) in image.superpixels.values.enumerated() where label == 0 {
            for c in 0..<3 { sum[c] += pixels.values[c * 4096 + p] }
            count += 1
        }
        let row = observation.nodeOffsets[1]
        for c in 0..<3 { #expect(abs(nodes[row, c] - sum[c] / count) < 1e-4) }
        nodes.sum().backward()
        #expect(features.parameters.allSatisfy { $0.gradient != nil })
        // A U-Net with 3 levels needs sides divisible by 4: 30 × 30 is refused.
        let odd = try EnvironmentImage(image: Image(rows: 30, cols: 30, repeating: 0.5),
                                       superpixels: LabelImage(rows: 30, cols: 30, repeating: 0))
        let deep = try PixelEmbeddingFeatures(featureMaps: [4, 8, 16], embeddingWidth: 3, trainsJointly: false,
                                              using: &generator)
        let oddEnvironment = try SegmentationEnvironment(images: [odd], manifest: try SyntheticBatches.diceManifest(),
                                                         seed: 0)
        #expect(throws: AgentError.self) { try deep.check(oddEnvironment.observation) }
    }
}
