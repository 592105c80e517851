import Graphs
import Imaging

/// One image prepared for scoring many segmentations: its superpixels, their region adjacency graph (with the image
/// as intensities) and the dense subgraphs of the manifest's sizes (paper Alg. 1, seeded).
///
/// `priorcut reward`, the truth-preference check and the reward benchmark build one scene per image and then a
/// `RewardContext` per segmentation, so the graph and the subgraphs are computed once.
public struct RewardScene: Sendable {
    public let image: Image
    public let superpixels: LabelImage
    public let rag: RegionAdjacencyGraph
    public let subgraphSizes: [Int]
    /// Per size, the subgraphs as edge-index lists in sampler order.
    public let subgraphs: [[[Int]]]

    /// Builds the graph and samples the subgraphs with `DenseSubgraphSampler(graph:).sample(sizes:seed:)`.
    /// Superpixel ids must be consecutive from 0.
    public init(image: Image, superpixels: LabelImage, subgraphSizes: [Int], seed: UInt64) throws {
        guard image.rows == superpixels.rows, image.cols == superpixels.cols else {
            throw RewardError.inconsistentInput("image is \(image.shape) but superpixels are \(superpixels.shape)")
        }
        let rag = try RegionAdjacencyGraph(labels: superpixels, intensities: image)
        let sampled = try DenseSubgraphSampler(graph: rag.graph).sample(sizes: subgraphSizes, seed: seed)
        self.image = image
        self.superpixels = superpixels
        self.rag = rag
        self.subgraphSizes = subgraphSizes
        self.subgraphs = sampled.map { list in (0..<list.count).map { Array(list[$0]) } }
    }

    /// The object of every superpixel under a pixel segmentation: the segmentation label covering most of the
    /// superpixel's pixels (ties to the smaller label; label 0 is an object like any other). Objects are numbered
    /// 0, 1, … in order of their first superpixel; `labels[i]` is the segmentation label of object `i`.
    public func objects(of segmentation: LabelImage) throws(RewardError) -> (objectOfSuperpixel: [Int], labels: [UInt32]) {
        guard segmentation.rows == superpixels.rows, segmentation.cols == superpixels.cols else {
            throw .inconsistentInput("superpixels are \(superpixels.shape) but the segmentation is \(segmentation.shape)")
        }
        let n = rag.nodeCount
        // Sort (superpixel, label) pairs once; runs give the overlap counts without a dictionary per superpixel.
        var pairs = zip(superpixels.values, segmentation.values).map { UInt64($0) << 32 | UInt64($1) }
        pairs.sort()
        var majority = [UInt32](repeating: 0, count: n)
        var best = [Int](repeating: 0, count: n)
        var start = 0
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count, pairs[end] == pairs[start] { end += 1 }
            let s = Int(pairs[start] >> 32), label = UInt32(truncatingIfNeeded: pairs[start])
            if end - start > best[s] { best[s] = end - start; majority[s] = label }
            start = end
        }
        let objects = Self.compacted(majority.map(Int.init))
        var labels = [UInt32](repeating: 0, count: (objects.max() ?? -1) + 1)
        for (s, object) in objects.enumerated() { labels[object] = majority[s] }
        return (objects, labels)
    }

    /// Renumbers any per-superpixel grouping to objects 0, 1, … in order of first appearance.
    public static func compacted(_ groups: [Int]) -> [Int] {
        var index: [Int: Int] = [:]
        return groups.map { group in
            if let known = index[group] { return known }
            index[group] = index.count
            return index.count - 1
        }
    }

    /// The actions a segmentation implies: 1 on every edge between two objects (cut), 0 inside an object (merged).
    public func actions(objectOfSuperpixel: [Int]) -> [Float] {
        rag.edges.map { objectOfSuperpixel[$0.u] == objectOfSuperpixel[$0.v] ? 0 : 1 }
    }

    /// The context of one segmentation. `actions` default to the segmentation's own (`actions(objectOfSuperpixel:)`).
    public func context(objectOfSuperpixel: [Int], classing: ObjectClassing, actions: [Float]? = nil,
                        groundTruth: GroundTruth? = nil) throws(RewardError) -> RewardContext {
        try RewardContext(image: image, superpixels: superpixels, rag: rag,
                          actions: actions ?? self.actions(objectOfSuperpixel: objectOfSuperpixel),
                          objectOfSuperpixel: objectOfSuperpixel, classing: classing, subgraphSizes: subgraphSizes,
                          subgraphs: subgraphs, groundTruth: groundTruth)
    }
}
