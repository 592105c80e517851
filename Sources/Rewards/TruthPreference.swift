import Graphs
import Imaging
import Randomness

/// Does a manifest prefer the truth? The mean reward of the ground-truth segmentation (as a merge of superpixels)
/// against three wrong ones (issue 6, "rules prefer the truth"):
/// - `raw`: the over-segmentation itself, every superpixel its own object;
/// - `merged`: a fraction of the true objects each merged with a neighbouring true object (disjoint pairs); an
///   object that touches no other object (circles on a background) is merged into the background instead — it is
///   lost, the merge a multicut makes when it cannot cut an object out;
/// - `split`: a fraction of the true objects each cut into two parts along a breadth-first order of their
///   superpixels (only objects of at least two superpixels can be split).
///
/// Use superpixels intersected with the ground truth, so the truth is exactly a merge of superpixels. Label 0 of the
/// ground truth is the background: it is never merged or split. All choices are drawn from `SplitMix64(seed:)`.
public struct TruthPreference: Sendable, Equatable {
    public let truth: Float
    public let raw: Float
    public let merged: Float
    public let split: Float
    /// How many merges and splits the wrong segmentations hold (0 when the image offers none, e.g. every object
    /// is a single superpixel and cannot be split).
    public let merges: Int
    public let splits: Int

    /// True when the truth scores strictly higher than each wrong segmentation that differs from it.
    public var prefersTruth: Bool { truth > raw && (merges == 0 || truth > merged) && (splits == 0 || truth > split) }

    public init(truth: Float, raw: Float, merged: Float, split: Float, merges: Int = 1, splits: Int = 1) {
        self.truth = truth
        self.raw = raw
        self.merged = merged
        self.split = split
        self.merges = merges
        self.splits = splits
    }

    /// Scores the four segmentations of one image; `fraction` of the true foreground objects (at least one) are
    /// merged, and as many are split.
    public init(manifest: RewardManifest, scene: RewardScene, groundTruth: LabelImage, fraction: Double = 0.2,
                seed: UInt64) throws {
        let truthObjects = try scene.objects(of: groundTruth).objectOfSuperpixel
        let backgroundObject = try Self.backgroundObject(scene: scene, groundTruth: groundTruth, objects: truthObjects)
        let wrong = Self.perturbations(truthObjects: truthObjects, background: backgroundObject, graph: scene.rag.graph,
                                       areas: scene.rag.nodes.map(\.pixelCount), fraction: fraction, seed: seed)
        func reward(_ objects: [Int]) throws -> Float {
            try manifest.rewards(for: scene.context(objectOfSuperpixel: objects, classing: manifest.classing)).meanReward
        }
        self.init(truth: try reward(truthObjects), raw: try reward(Array(0..<scene.rag.nodeCount)),
                  merged: try reward(wrong.merged), split: try reward(wrong.split), merges: wrong.merges,
                  splits: wrong.splits)
    }

    /// The object holding ground-truth label 0, if any superpixel takes it.
    private static func backgroundObject(scene: RewardScene, groundTruth: LabelImage, objects: [Int]) throws -> Int? {
        var zeroCount = [Int](repeating: 0, count: scene.rag.nodeCount)
        for (s, g) in zip(scene.superpixels.values, groundTruth.values) where g == 0 { zeroCount[Int(s)] += 1 }
        let s = zeroCount.indices.first { 2 * zeroCount[$0] > scene.rag.nodes[$0].pixelCount }
        return s.map { objects[$0] }
    }

    /// The merged and split variants of a per-superpixel object assignment.
    public static func perturbations(truthObjects: [Int], background: Int?, graph: Graph, areas: [Int],
                                     fraction: Double, seed: UInt64) -> (merged: [Int], merges: Int, split: [Int], splits: Int) {
        var generator = SplitMix64(seed: seed)
        let objectCount = (truthObjects.max() ?? -1) + 1
        let foreground = (0..<objectCount).filter { $0 != background }
        let target = max(1, Int((fraction * Double(foreground.count)).rounded()))
        var members = [[Int]](repeating: [], count: objectCount)
        for (s, object) in truthObjects.enumerated() { members[object].append(s) }

        // Merge: visit objects in random order; pair each unpaired one with a random unpaired foreground neighbour,
        // or, touching none, with the background.
        var neighbours = [Set<Int>](repeating: [], count: objectCount)
        for edge in graph.edges {
            let a = truthObjects[edge.u], b = truthObjects[edge.v]
            if a != b { neighbours[a].insert(b); neighbours[b].insert(a) }
        }
        var merged = truthObjects
        var paired = Set<Int>()
        var merges = 0
        for object in foreground.shuffled(using: &generator) where merges < target && !paired.contains(object) {
            let foregroundNeighbours = neighbours[object].filter { $0 != background }
            let candidates = foregroundNeighbours.filter { !paired.contains($0) }.sorted()
            if let partner = candidates.randomElement(using: &generator) {
                for s in members[partner] { merged[s] = object }
                paired.formUnion([object, partner])
            } else if foregroundNeighbours.isEmpty, let background, neighbours[object].contains(background) {
                for s in members[object] { merged[s] = background }
                paired.insert(object)
            } else {
                continue
            }
            merges += 1
        }

        // Split: the first half (by area) of a breadth-first order from a random superpixel becomes a new object.
        var split = truthObjects
        var next = objectCount
        let splittable = foreground.filter { members[$0].count >= 2 }.shuffled(using: &generator)
        let splits = min(target, splittable.count)
        for object in splittable.prefix(target) {
            let inside = Set(members[object])
            let total = members[object].reduce(0) { $0 + areas[$1] }
            var queue = [members[object].randomElement(using: &generator) ?? members[object][0]]
            var seen: Set<Int> = [queue[0]]
            var head = 0, taken = 0
            while head < queue.count, 2 * (taken + areas[queue[head]]) <= total || taken == 0 {
                let s = queue[head]
                head += 1
                split[s] = next
                taken += areas[s]
                for a in graph.adjacency(of: s) {
                    let t = graph.adjacentNodes[a]
                    if inside.contains(t), seen.insert(t).inserted { queue.append(t) }
                }
            }
            next += 1
        }
        return (RewardScene.compacted(merged), merges, RewardScene.compacted(split), splits)
    }
}
