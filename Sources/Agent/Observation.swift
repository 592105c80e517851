import Graphs
import Tensors

/// What the networks see of a batch of images: the disjoint-union graph, its features and the subgraphs the critic
/// scores. Immutable and cheap to copy (arrays and tensors share storage), so every replay transition keeps its own.
public struct Observation {
    public let nodeCount: Int
    public let edgeCount: Int
    /// Endpoints of every undirected edge of the batch graph (`u < v`), global node ids.
    public let edgeU: [Int], edgeV: [Int]
    /// Directed message edges for Eqs. 1 and 3: the first `edgeCount` are u → v, the next v → u.
    public let messageSources: [Int], messageTargets: [Int]
    /// The undirected edge of every message: `0..<edgeCount`, twice.
    public let messageEdges: [Int]
    /// Handcrafted node features `[nodeCount, F_n]` (`HandcraftedFeatures`).
    public let nodeFeatures: Tensor
    /// Handcrafted edge features `[edgeCount, F_e]`.
    public let edgeFeatures: Tensor
    /// Subgraph sizes, and per size the global edge ids of every subgraph, flat, `count × size`, in sampler order.
    public let subgraphSizes: [Int]
    public let subgraphEdges: [[Int]]
    /// The images and where each one's nodes start, for learned (pixel-embedding) node features.
    public let images: [EnvironmentImage]
    public let nodeOffsets: [Int]

    public init(batch: GraphBatch, nodeFeatures: Tensor, edgeFeatures: Tensor, subgraphSizes: [Int],
                subgraphEdges: [[Int]], images: [EnvironmentImage]) {
        let edges = batch.graph.edges
        nodeCount = batch.graph.nodeCount
        edgeCount = edges.count
        edgeU = edges.map(\.u)
        edgeV = edges.map(\.v)
        messageSources = edgeU + edgeV
        messageTargets = edgeV + edgeU
        messageEdges = Array(0..<edges.count) + Array(0..<edges.count)
        self.nodeFeatures = nodeFeatures
        self.edgeFeatures = edgeFeatures
        self.subgraphSizes = subgraphSizes
        self.subgraphEdges = subgraphEdges
        self.images = images
        nodeOffsets = batch.nodeOffsets
    }

    /// The number of subgraphs of size index `i`.
    public func subgraphCount(_ i: Int) -> Int { subgraphEdges[i].count / subgraphSizes[i] }
}
