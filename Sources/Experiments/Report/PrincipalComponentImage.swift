import Imaging
import Tensors

/// Per-pixel features shown as colour: the first three principal components as red, green and blue (paper Fig. 5).
///
/// Each channel is stretched between its lower and upper percentile (1st and 99th by default) and clipped, so a few
/// extreme pixels do not wash out the picture. A component without spread — missing because D < 3, or with a
/// variance below 10⁻⁶ of the largest (constant features, a single pixel) — is 0 in its channel, so the output is
/// always defined: constant features give a black image.
public enum PrincipalComponentImage {
    public static func colours(of pixelFeatures: Tensor, lowerPercentile: Double = 0.01,
                               upperPercentile: Double = 0.99) throws(ReportError) -> ColourImage {
        guard (0...1).contains(lowerPercentile), (0...1).contains(upperPercentile), lowerPercentile < upperPercentile else {
            throw .invalidFeatures(shape: pixelFeatures.shape,
                                   reason: "percentiles must satisfy 0 ≤ lower < upper ≤ 1, got \(lowerPercentile), \(upperPercentile)")
        }
        let pca = try PrincipalComponents(pixelFeatures: pixelFeatures, maximumComponents: 3)
        let (dimension, rows, cols) = (pixelFeatures.shape[0], pixelFeatures.shape[1], pixelFeatures.shape[2])
        let pixels = rows * cols
        let largest = pca.variances.first ?? 0
        var channels: [[Float]] = []
        for (k, component) in pca.components.enumerated() {
            guard largest > 0, pca.variances[k] > 1e-6 * largest else { break }
            var scores = [Double](repeating: 0, count: pixels)
            pixelFeatures.values.withUnsafeBufferPointer { values in
                for d in 0..<dimension {
                    let (weight, offset, plane) = (component[d], pca.mean[d], d * pixels)
                    for p in 0..<pixels { scores[p] += (Double(values[plane + p]) - offset) * weight }
                }
            }
            channels.append(stretch(scores, lower: lowerPercentile, upper: upperPercentile))
        }
        var colours = [SIMD3<Float>](repeating: .zero, count: pixels)
        for (k, channel) in channels.enumerated() {
            for p in 0..<pixels { colours[p][k] = channel[p] }
        }
        do {
            return try ColourImage(rows: rows, cols: cols, values: colours)
        } catch {
            throw .imaging(error)
        }
    }

    /// `values` mapped so the lower percentile is 0 and the upper 1, clipped; all 0 when the two coincide.
    static func stretch(_ values: [Double], lower: Double, upper: Double) -> [Float] {
        let sorted = values.sorted()
        let position = { (q: Double) in sorted[Int((q * Double(sorted.count - 1)).rounded())] }
        let (low, high) = (position(lower), position(upper))
        guard high > low else { return [Float](repeating: 0, count: values.count) }
        let scale = 1 / (high - low)
        return values.map { Float(min(1, max(0, ($0 - low) * scale))) }
    }
}
