import NeuralNets
import Randomness
import Tensors

/// Learned node features (paper A.9): a U-Net maps each image to a `D`-channel embedding per pixel, and a
/// superpixel's feature is the mean embedding over its pixels (scatter-mean over the pixel → superpixel ids).
///
/// Frozen (e.g. pretrained, "Method 2") or trained jointly through the critic loss ("Method 1"): with
/// `trainsJointly`, the critic's optimiser also steps the U-Net; the actor and exploration always read the
/// embedding without gradient.
public struct PixelEmbeddingFeatures: Module {
    public let unet: UNet2D
    public let trainsJointly: Bool

    public init(featureMaps: [Int], embeddingWidth: Int, trainsJointly: Bool,
                using generator: inout SeededGenerator) throws(AgentError) {
        do {
            unet = try UNet2D(inputChannels: 1, outputChannels: embeddingWidth, featureMaps: featureMaps,
                              groups: featureMaps.allSatisfy { $0 % 8 == 0 } ? 8 : nil, using: &generator)
        } catch {
            throw .invalidConfiguration("feature extractor: \(error)")
        }
        self.trainsJointly = trainsJointly
    }

    public var namedParameters: [NamedParameter] { unet.namedParameters(prefix: "unet") }

    public var embeddingWidth: Int { unet.head.weight.shape[0] }

    /// Throws unless every image fits the U-Net (sides multiples of `2^(levels − 1)`).
    public func check(_ observation: Observation) throws(AgentError) {
        for (index, item) in observation.images.enumerated() {
            do {
                try unet.checkInput(shape: [1, 1, item.image.rows, item.image.cols])
            } catch {
                throw .inconsistentInput("image \(index): \(error)")
            }
        }
    }

    /// `[nodes, D]`, rows in the batch's global node order.
    public func callAsFunction(_ observation: Observation) -> Tensor {
        let perImage = observation.images.map { item in
            let rows = item.image.rows, cols = item.image.cols
            let pixels = unet(Tensor(shape: [1, 1, rows, cols], values: item.image.values))
                .reshaped([embeddingWidth, rows * cols]).transposed()
            return pixels.scatterMeanRows(item.superpixels.values.map { Int($0) }, rowCount: item.rag.nodeCount)
        }
        return Tensor.concatenate(perImage, axis: 0)
    }
}
