import Graphs

/// The one mapping from rule scores to subgraph rewards (paper §3.2), used the same way for every rule.
///
/// Object score → every superpixel of the object → edge score = max of its two superpixels → subgraph
/// reward = mean of its edges. Taking the max gives an edge between two objects the better of the two
/// scores: such an edge is probably a correct split.
public enum RewardMapping {
    /// Superpixel scores from object scores: `objectOfSuperpixel[s]` is the object index of superpixel `s`.
    public static func superpixelScores(objectScores: [Float], objectOfSuperpixel: [Int]) throws(RewardError) -> [Float] {
        var out = [Float](repeating: 0, count: objectOfSuperpixel.count)
        for (s, object) in objectOfSuperpixel.enumerated() {
            guard objectScores.indices.contains(object) else {
                throw .inconsistentInput("superpixel \(s) belongs to object \(object), but there are \(objectScores.count) object scores")
            }
            out[s] = objectScores[object]
        }
        return out
    }

    /// Edge scores from superpixel scores: the max of the two incident superpixels.
    public static func edgeScores(superpixelScores: [Float], edges: [Edge]) throws(RewardError) -> [Float] {
        var out = [Float](repeating: 0, count: edges.count)
        for (e, edge) in edges.enumerated() {
            guard superpixelScores.indices.contains(edge.u), superpixelScores.indices.contains(edge.v) else {
                throw .inconsistentInput("edge \(e) = (\(edge.u), \(edge.v)) names a superpixel beyond \(superpixelScores.count)")
            }
            out[e] = max(superpixelScores[edge.u], superpixelScores[edge.v])
        }
        return out
    }

    /// Subgraph rewards: the mean edge score of each subgraph (a list of edge indices).
    public static func subgraphMeans(edgeScores: [Float], subgraphs: [[Int]]) throws(RewardError) -> [Float] {
        var out = [Float](repeating: 0, count: subgraphs.count)
        for (g, subgraph) in subgraphs.enumerated() {
            guard !subgraph.isEmpty else { throw .inconsistentInput("subgraph \(g) has no edges") }
            var sum: Float = 0
            for e in subgraph {
                guard edgeScores.indices.contains(e) else {
                    throw .inconsistentInput("subgraph \(g) names edge \(e) beyond \(edgeScores.count)")
                }
                sum += edgeScores[e]
            }
            out[g] = sum / Float(subgraph.count)
        }
        return out
    }
}
