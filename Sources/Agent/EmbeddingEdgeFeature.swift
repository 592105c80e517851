import Graphs
import Imaging

/// The learned edge feature "embedding distance across the edge" (issue 7; the reference's `embed_dist`):
///
///     embedding_distance_e = 1 − mean_{(p, q) ∈ P_e} affinity(d(x_p, x_q))
///
/// where `P_e` are the pixel pairs `(p, p + o)` for the offsets o = (0, 1), (1, 0), (0, 2), (2, 0), (0, 4), (4, 0),
/// (0, 16), (16, 0) whose two pixels lie in the two superpixels of edge e (so pairs reach up to 16 pixels across
/// the boundary), `x` the pixel embeddings, `d` the contrastive loss's distance and `affinity` its push kernel
/// `[(2δ_d − d)/(2δ_d)]₊²` (`EmbeddingDistance.affinity`). It is 0 when the embeddings agree across the boundary and
/// 1 once they are at least 2δ_d apart — exactly where Eq. 9 stops pushing — so a pretrained extractor's notion
/// of "different superpixels" maps onto [0, 1]. Every RAG edge has a 4-adjacent pixel pair, so `P_e` is never
/// empty.
///
/// Pixels are compared near the boundary rather than superpixel means, so a large superpixel's interior does not
/// dilute the evidence at the boundary. Computed on constants: no gradient flows through it (the reference detaches
/// the embeddings for it too).
public enum EmbeddingEdgeFeature {
    /// The pixel offsets `(rows, cols)` compared across boundaries (the reference's).
    public static let offsets = [(0, 1), (1, 0), (0, 2), (2, 0), (0, 4), (4, 0), (0, 16), (16, 0)]

    /// - Parameters:
    ///   - pixelEmbeddings: `[pixels, width]` row-major, one row per pixel in image order, prepared for `distance`
    ///     (unit rows for the cosine distance).
    ///   - superpixels: ids consecutive from 0, the nodes of `graph`.
    /// - Returns: one value in [0, 1] per edge of `graph`, in edge order (1 for an edge without pixel pairs, which
    ///   only a graph not built from `superpixels` can have).
    public static func distances(pixelEmbeddings: [Float], width: Int, superpixels: LabelImage, graph: Graph,
                                 distance: EmbeddingDistance, margin: Float) -> [Float] {
        let rows = superpixels.rows, cols = superpixels.cols
        precondition(pixelEmbeddings.count == rows * cols * width,
                     "\(pixelEmbeddings.count) embedding values for \(rows)×\(cols) pixels of width \(width)")
        var sums = [Float](repeating: 0, count: graph.edgeCount)
        var counts = [Int](repeating: 0, count: graph.edgeCount)
        pixelEmbeddings.withUnsafeBufferPointer { x in
            superpixels.values.withUnsafeBufferPointer { label in
                guard let base = x.baseAddress else { return }
                for (dr, dc) in offsets where dr < rows && dc < cols {
                    for r in 0..<(rows - dr) {
                        for c in 0..<(cols - dc) {
                            let p = r * cols + c, q = p + dr * cols + dc
                            let a = Int(label[p]), b = Int(label[q])
                            guard a != b, let e = graph.edgeID(a, b) else { continue }
                            let d = distance.distance(base + p * width, base + q * width, width: width)
                            sums[e] += EmbeddingDistance.affinity(distance: d, margin: margin)
                            counts[e] += 1
                        }
                    }
                }
            }
        }
        return zip(sums, counts).map { $1 == 0 ? 1 : 1 - $0 / Float($1) }
    }
}
