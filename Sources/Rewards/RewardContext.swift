import Descriptors
import Graphs
import Imaging
import Synchronization

/// Everything a rule may read about one image and the current segmentation of it.
///
/// Built once per image per step by the environment (or by `priorcut reward`). Object descriptors are
/// computed on first use and cached, so five rules asking for solidity measure it once.
public final class RewardContext: Sendable {
    /// The raw image, intensities in [0, 1].
    public let image: Image
    /// Superpixel ids, consecutive from 0; `graph` nodes are these ids.
    public let superpixels: LabelImage
    /// The region adjacency graph of the superpixels (edges in the project's single edge order).
    public let graph: Graph
    /// Centroid (row, col) of every superpixel.
    public let superpixelCentroids: [SIMD2<Double>]
    /// Mean image intensity of every superpixel.
    public let superpixelMeans: [Float]
    /// The current action per edge: a split probability in (0, 1).
    public let actions: [Float]
    /// The object (0 ..< objectCount) every superpixel belongs to in the predicted segmentation.
    public let objectOfSuperpixel: [Int]
    public let objectCount: Int
    /// Pixel area of every object.
    public let objectAreas: [Int]
    /// The class of every object (from the manifest's `objects:` section).
    public let classes: [ObjectClass]
    /// Subgraph sizes and, per size, the subgraphs as edge-index lists in sampler order.
    public let subgraphSizes: [Int]
    public let subgraphs: [[[Int]]]
    /// Ground truth where the experiment has it (mixed or full supervision, paper A.10).
    public let groundTruth: GroundTruth?

    private let cache = Mutex<Cache>(Cache())
    private struct Cache {
        var segmentation: LabelImage?
        var objects: ObjectTable?
        var estimatedCentre: SIMD2<Double>?
    }

    /// Validates that every array agrees with the graph and the superpixels.
    public init(image: Image, superpixels: LabelImage, graph: Graph, superpixelCentroids: [SIMD2<Double>],
                superpixelMeans: [Float], actions: [Float], objectOfSuperpixel: [Int], classing: ObjectClassing,
                subgraphSizes: [Int], subgraphs: [[[Int]]], groundTruth: GroundTruth? = nil) throws(RewardError) {
        guard image.rows == superpixels.rows, image.cols == superpixels.cols else {
            throw .inconsistentInput("image is \(image.shape) but superpixels are \(superpixels.shape)")
        }
        let n = graph.nodeCount, e = graph.edgeCount
        guard superpixelCentroids.count == n, superpixelMeans.count == n, objectOfSuperpixel.count == n else {
            throw .inconsistentInput("graph has \(n) nodes; got \(superpixelCentroids.count) centroids, \(superpixelMeans.count) means, \(objectOfSuperpixel.count) object ids")
        }
        guard actions.count == e else { throw .inconsistentInput("graph has \(e) edges but \(actions.count) actions") }
        guard subgraphs.count == subgraphSizes.count else {
            throw .inconsistentInput("\(subgraphSizes.count) subgraph sizes but \(subgraphs.count) subgraph lists")
        }
        let objectCount = (objectOfSuperpixel.max() ?? -1) + 1
        guard objectOfSuperpixel.allSatisfy({ $0 >= 0 }) else { throw .inconsistentInput("negative object id") }
        var areas = [Int](repeating: 0, count: objectCount)
        var superpixelAreas = [Int](repeating: 0, count: n)
        for label in superpixels.values {
            guard Int(label) < n else {
                throw .inconsistentInput("superpixel id \(label) but the graph has \(n) nodes")
            }
            superpixelAreas[Int(label)] += 1
        }
        for (s, object) in objectOfSuperpixel.enumerated() { areas[object] += superpixelAreas[s] }
        if let groundTruth {
            guard groundTruth.edgeSplits.count == e else {
                throw .inconsistentInput("ground truth has \(groundTruth.edgeSplits.count) edge labels for \(e) edges")
            }
        }
        self.image = image
        self.superpixels = superpixels
        self.graph = graph
        self.superpixelCentroids = superpixelCentroids
        self.superpixelMeans = superpixelMeans
        self.actions = actions
        self.objectOfSuperpixel = objectOfSuperpixel
        self.objectCount = objectCount
        self.objectAreas = areas
        self.classes = classing.classes(areas: areas)
        self.subgraphSizes = subgraphSizes
        self.subgraphs = subgraphs
        self.groundTruth = groundTruth
    }

    /// The predicted segmentation as pixels: label = object index + 1 (so no object is label 0).
    public var segmentation: LabelImage {
        if let cached = cache.withLock({ $0.segmentation }) { return cached }
        let map = objectOfSuperpixel.map { UInt32($0 + 1) }
        var result = LabelImage(rows: superpixels.rows, cols: superpixels.cols, repeating: 0)
        superpixels.values.withUnsafeBufferPointer { source in
            result.values.withUnsafeMutableBufferPointer { target in
                for i in source.indices { target[i] = map[Int(source[i])] }
            }
        }
        cache.withLock { $0.segmentation = result }
        return result
    }

    /// Descriptors of every object (row `i` is object `i`, label `i + 1`), measured with the image's intensities.
    public var objects: ObjectTable {
        get throws {
            if let cached = cache.withLock({ $0.objects }) { return cached }
            let table = try ObjectTable(labels: segmentation, intensity: image)
            cache.withLock { $0.objects = table }
            return table
        }
    }

    /// Edge positions: the mean of the two superpixel centroids (the `h` of paper Eq. 5).
    public var edgePositions: [SIMD2<Double>] {
        graph.edges.map { (superpixelCentroids[$0.u] + superpixelCentroids[$0.v]) / 2 }
    }

    /// The intensity-weighted centroid of the image, a robust guess of where a centred specimen lies.
    public var estimatedCentre: SIMD2<Double> {
        if let cached = cache.withLock({ $0.estimatedCentre }) { return cached }
        var total = 0.0, row = 0.0, col = 0.0
        for r in 0..<image.rows {
            for c in 0..<image.cols {
                let w = Double(image[r, c])
                total += w
                row += w * Double(r)
                col += w * Double(c)
            }
        }
        let centre = total > 0 ? SIMD2(row / total, col / total)
            : SIMD2(Double(image.rows - 1) / 2, Double(image.cols - 1) / 2)
        cache.withLock { $0.estimatedCentre = centre }
        return centre
    }
}

/// Ground truth for one image, as the supervised rules need it.
public struct GroundTruth: Sendable {
    /// Per edge: 1 if the edge separates two ground-truth objects (should be cut), 0 if it lies inside one.
    public let edgeSplits: [Float]

    public init(edgeSplits: [Float]) { self.edgeSplits = edgeSplits }
}

extension RewardContext {
    /// A context from a region adjacency graph built with the image as intensities (centroids and means come
    /// from its nodes).
    public convenience init(image: Image, superpixels: LabelImage, rag: RegionAdjacencyGraph, actions: [Float],
                            objectOfSuperpixel: [Int], classing: ObjectClassing, subgraphSizes: [Int],
                            subgraphs: [[[Int]]], groundTruth: GroundTruth? = nil) throws(RewardError) {
        guard rag.nodes.allSatisfy({ $0.intensity != nil }) else {
            throw .inconsistentInput("the region adjacency graph was built without the intensity image")
        }
        try self.init(image: image, superpixels: superpixels, graph: rag.graph,
                      superpixelCentroids: rag.nodes.map { SIMD2($0.centroidRow, $0.centroidCol) },
                      superpixelMeans: rag.nodes.map { $0.intensity?.mean ?? 0 }, actions: actions,
                      objectOfSuperpixel: objectOfSuperpixel, classing: classing, subgraphSizes: subgraphSizes,
                      subgraphs: subgraphs, groundTruth: groundTruth)
    }
}

extension GroundTruth {
    /// Edge splits from a ground-truth label image: every superpixel takes the ground-truth label it overlaps
    /// most (ties to the smaller label; 0 is background and counts like any label), and an edge is a split when
    /// its two superpixels take different labels.
    public init(superpixels: LabelImage, groundTruth: LabelImage, graph: Graph) throws(RewardError) {
        guard superpixels.rows == groundTruth.rows, superpixels.cols == groundTruth.cols else {
            throw .inconsistentInput("superpixels are \(superpixels.shape) but ground truth is \(groundTruth.shape)")
        }
        var overlaps = [[UInt32: Int]](repeating: [:], count: graph.nodeCount)
        for (s, g) in zip(superpixels.values, groundTruth.values) {
            guard Int(s) < graph.nodeCount else {
                throw .inconsistentInput("superpixel id \(s) but the graph has \(graph.nodeCount) nodes")
            }
            overlaps[Int(s)][g, default: 0] += 1
        }
        let majority = overlaps.map { counts in
            counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0
        }
        self.init(edgeSplits: graph.edges.map { majority[$0.u] == majority[$0.v] ? 0 : 1 })
    }
}
