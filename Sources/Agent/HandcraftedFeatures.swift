import Foundation
import Graphs
import Tensors

/// Hand-made node and edge features of one image's region adjacency graph, each scaled to about [−1, 1] or [0, 1]
/// so that no feature dominates the first layer (documented in Documentation/Agent.md).
///
/// Node features (`nodeFeatureNames`):
/// - `size`: log(1 + area) / log(1 + image area), in [0, 1] (the reference's sigmoid of the area saturates for
///   small images);
/// - `row`, `col`: the centroid, 2·r/(H − 1) − 1 and 2·c/(W − 1) − 1, in [−1, 1];
/// - `radius`, `sin`, `cos`: the centroid in polar coordinates about the image centre, radius divided by the
///   half-diagonal (in [0, 1]) and the angle as sine and cosine (continuous across ±π);
/// - `mean`, `std`: the superpixel's intensity mean and standard deviation (images are in [0, 1]).
///
/// Edge features (`edgeFeatureNames`):
/// - `boundary`: mean boundary-map value along the edge divided by the image's largest edge mean, in [0, 1];
/// - `length`: log(1 + boundary length) / log(1 + the image's longest boundary), in [0, 1];
/// - `angle`: orientation of the line between the two centroids, atan(Δrow / Δcol) / (π/2), in [−1, 1];
/// - `contrast`: |mean intensity of u − mean intensity of v|, in [0, 1];
/// - `basins`: the probability that a pixel of u and a pixel of v lie in different distance-transform basins of the
///   foreground (`DistanceBasins`; the background is one more basin), `1 − Σ_b p_u(b) p_v(b)`, in [0, 1]. Touching
///   objects of similar brightness have no boundary in the image but meet at a neck of the distance transform; the
///   intensity features cannot see that shape.
public enum HandcraftedFeatures {
    public static let nodeFeatureNames = ["size", "row", "col", "radius", "sin", "cos", "mean", "std"]
    public static let edgeFeatureNames = ["boundary", "length", "angle", "contrast", "basins"]

    /// `[nodes, 8]`, rows in node order.
    public static func nodeFeatures(of image: EnvironmentImage) -> Tensor {
        let rows = image.image.rows, cols = image.image.cols
        let logArea = Foundation.log(1 + Double(rows * cols))
        let centre = SIMD2(Double(rows - 1) / 2, Double(cols - 1) / 2)
        let halfDiagonal = max((centre * centre).sum().squareRoot(), 1)
        var values: [Float] = []
        values.reserveCapacity(image.rag.nodeCount * nodeFeatureNames.count)
        for (s, node) in image.rag.nodes.enumerated() {
            let offset = SIMD2(node.centroidRow, node.centroidCol) - centre
            let radius = (offset * offset).sum().squareRoot()
            let angle = atan2(offset.x, offset.y)
            values += [
                Float(Foundation.log(1 + Double(node.pixelCount)) / logArea),
                Float(rows > 1 ? 2 * node.centroidRow / Double(rows - 1) - 1 : 0),
                Float(cols > 1 ? 2 * node.centroidCol / Double(cols - 1) - 1 : 0),
                Float(radius / halfDiagonal),
                Float(radius > 0 ? sin(angle) : 0),
                Float(radius > 0 ? cos(angle) : 0),
                node.intensity?.mean ?? 0,
                image.superpixelStandardDeviations[s],
            ]
        }
        return Tensor(shape: [image.rag.nodeCount, nodeFeatureNames.count], values: values)
    }

    /// `[edges, 5]`, rows in edge order.
    public static func edgeFeatures(of image: EnvironmentImage) -> Tensor {
        let rag = image.rag
        let boundaries = rag.meanBoundaryValues ?? [Float](repeating: 0, count: rag.graph.edgeCount)
        let largestBoundary = max(boundaries.max() ?? 0, Float.leastNormalMagnitude)
        let logLongest = Foundation.log(1 + Double(max(rag.boundaryLengths.max() ?? 1, 1)))
        let basinShares = basinShares(of: image)
        var values: [Float] = []
        values.reserveCapacity(rag.graph.edgeCount * edgeFeatureNames.count)
        for (e, edge) in rag.edges.enumerated() {
            let u = rag.nodes[edge.u], v = rag.nodes[edge.v]
            let dRow = v.centroidRow - u.centroidRow, dCol = v.centroidCol - u.centroidCol
            let orientation = dCol == 0 ? (dRow == 0 ? 0 : 1) : atan(dRow / dCol) / (Double.pi / 2)
            values += [
                boundaries[e] / largestBoundary,
                Float(Foundation.log(1 + Double(rag.boundaryLengths[e])) / logLongest),
                Float(orientation),
                abs((u.intensity?.mean ?? 0) - (v.intensity?.mean ?? 0)),
                1 - basinShares[edge.u].reduce(0) { sum, u in
                    sum + u.share * (basinShares[edge.v].first { $0.basin == u.basin }?.share ?? 0)
                },
            ]
        }
        return Tensor(shape: [rag.graph.edgeCount, edgeFeatureNames.count], values: values)
    }

    /// Per superpixel, the share of its pixels in every distance basin it touches (background included), in
    /// increasing basin order so that sums are deterministic.
    private static func basinShares(of image: EnvironmentImage) -> [[(basin: UInt32, share: Float)]] {
        var counts = [[UInt32: Int]](repeating: [:], count: image.rag.nodeCount)
        for (label, basin) in zip(image.superpixels.values, image.distanceBasins.values) {
            counts[Int(label)][basin, default: 0] += 1
        }
        return counts.map { histogram in
            let total = Float(max(histogram.values.reduce(0, +), 1))
            return histogram.sorted { $0.key < $1.key }.map { (basin: $0.key, share: Float($0.value) / total) }
        }
    }
}
