import Graphs
import Imaging

/// The agent's actions drawn on the superpixel boundaries (paper Figs. 4–5: green = merge, red = split).
///
/// The upper or left pixel of every 4-adjacent pair that straddles two superpixels takes the colour of the edge
/// between them (lines one pixel wide, so thousands of edges stay apart): green for a → 0 (merge), yellow at 0.5,
/// red for a → 1 (split). Other pixels keep the base image.
public enum EdgeActionOverlay {
    /// The colour of an action `a ∈ [0, 1]` (split probability, DESIGN §2); values outside are clipped.
    public static func colour(action: Float) -> SIMD3<Float> {
        ColourMap.redGreen(1 - action)
    }

    /// - Parameters:
    ///   - base: the picture under the boundaries (e.g. the darkened raw image), same shape as `superpixels`.
    ///   - superpixels: superpixel ids, consecutive from 0.
    ///   - edges: the region adjacency graph's edges in the project's order (`u < v`, lexicographic).
    ///   - actions: one action per edge, in the same order.
    public static func draw(on base: ColourImage, superpixels: LabelImage, edges: [Edge],
                            actions: [Float]) throws(ReportError) -> ColourImage {
        guard edges.count == actions.count else {
            throw .mismatchedActions(edges: edges.count, actions: actions.count)
        }
        for i in edges.indices.dropFirst() where !(edges[i - 1] < edges[i]) { throw .unorderedEdges(index: i) }
        if let bad = edges.firstIndex(where: { $0.u >= $0.v }) { throw .unorderedEdges(index: bad) }
        var missing: (UInt32, UInt32)?
        let drawn: ColourImage
        do {
            drawn = try Overlay.drawBoundaries(on: base, labels: superpixels, bothSides: false) { a, b in
                let edge = Edge(Int(min(a, b)), Int(max(a, b)))
                guard let index = Self.index(of: edge, in: edges) else {
                    if missing == nil { missing = (a, b) }
                    return nil
                }
                return colour(action: actions[index])
            }
        } catch {
            throw .imaging(error)
        }
        if let (u, v) = missing { throw .missingEdge(u: u, v: v) }
        return drawn
    }

    /// Binary search in the sorted edge list.
    static func index(of edge: Edge, in edges: [Edge]) -> Int? {
        var (low, high) = (0, edges.count)
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] < edge { low = middle + 1 } else { high = middle }
        }
        return low < edges.count && edges[low] == edge ? low : nil
    }
}
