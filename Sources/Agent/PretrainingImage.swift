import Imaging

/// One image for the self-supervised pre-training (paper A.1): intensities, superpixels (the pseudo-instances) and
/// the boundary map that weights the push between adjacent superpixels.
public struct PretrainingImage: Sendable {
    public let image: Image
    public let superpixels: LabelImage
    /// Boundary strength per pixel; by default the Sobel magnitude of the image smoothed with σ = 1 (as the
    /// environment's, `EnvironmentImage`).
    public let boundaryMap: Image

    /// - Parameters:
    ///   - image: intensities in [0, 1], finite.
    ///   - superpixels: any ids (crops are relabelled), same shape.
    ///   - boundaryMap: optional, same shape.
    public init(image: Image, superpixels: LabelImage, boundaryMap: Image? = nil) throws(PretrainingError) {
        guard !image.isEmpty, image.rows == superpixels.rows, image.cols == superpixels.cols else {
            throw .inconsistentInput("image is \(image.shape) but superpixels are \(superpixels.shape)")
        }
        if let bad = image.values.firstIndex(where: { !$0.isFinite }) {
            throw .inconsistentInput("image has a non-finite value at pixel \(bad)")
        }
        if let boundaryMap {
            guard boundaryMap.rows == image.rows, boundaryMap.cols == image.cols else {
                throw .inconsistentInput("boundary map is \(boundaryMap.shape) but the image is \(image.shape)")
            }
            self.boundaryMap = boundaryMap
        } else {
            do {
                self.boundaryMap = SobelFilter.magnitude(try GaussianFilter.smooth(image, sigma: 1))
            } catch {
                throw .inconsistentInput("cannot compute the boundary map: \(error)")
            }
        }
        self.image = image
        self.superpixels = superpixels
    }
}
