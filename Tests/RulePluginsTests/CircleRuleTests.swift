import CircleRules
import Graphs
import Imaging
import Rewards
import Testing

/// The circle-rule addition that is not in the paper: `disc_overlap` of `circles.hough`.
@Suite("Circle rules: merged circles")
struct CircleRuleTests {
    /// A 60 × 90 image: the background (superpixel 0), disk A (radius 12 at (30, 25), superpixel 1) and disk B
    /// (radius 12 at (30, 49), touching A; superpixel 2).
    static func scene() throws -> (labels: LabelImage, image: Image, rag: RegionAdjacencyGraph) {
        var labels = LabelImage(rows: 60, cols: 90, repeating: 0)
        for r in 0..<60 {
            for c in 0..<90 {
                if (r - 30) * (r - 30) + (c - 25) * (c - 25) <= 144 {
                    labels[r, c] = 1
                } else if (r - 30) * (r - 30) + (c - 49) * (c - 49) <= 144 {
                    labels[r, c] = 2
                }
            }
        }
        let image = labels.map { $0 == 0 ? Float(0.1) : Float(0.8) }
        return (labels, image, try RegionAdjacencyGraph(labels: labels, intensities: image))
    }

    static func scores(_ rule: String, objects: [Int]) throws -> RuleScores {
        let (labels, image, rag) = try scene()
        let registry = try RuleRegistry(plugins: [CirclePlugin.self])
        let manifest = try RewardManifest.parse("""
            subgraph_sizes: [2]
            objects: { background: { largest: true } }
            rules:
              - { rule: \(rule), weight: 1 }
            """, file: "m.yaml", registry: registry)
        let own = rag.edges.map { objects[$0.u] == objects[$0.v] ? Float(0) : 1 }
        let context = try RewardContext(image: image, superpixels: labels, rag: rag, actions: own,
                                        objectOfSuperpixel: objects, classing: manifest.classing,
                                        subgraphSizes: [2], subgraphs: [[]])
        return try manifest.rewards(for: context).ruleScores[0].scores
    }

    @Test("disc_overlap: two touching disks merged into one object score far below one disk; without it they do not")
    func discOverlapSeesMergedCircles() throws {
        func hough(_ discOverlap: Bool, _ objects: [Int]) throws -> [Float?] {
            let rule = "circles.hough, with: { radii: [10, 14], threshold: 0.0, disc_overlap: \(discOverlap) }"
            guard case let .objects(values) = try Self.scores(rule, objects: objects) else {
                Issue.record("circles.hough scores objects"); return []
            }
            return values
        }
        let separate = [0, 1, 2], merged = [0, 1, 1]
        let plainOne = try #require(try hough(false, separate)[1]), plainPair = try #require(try hough(false, merged)[1])
        let discOne = try #require(try hough(true, separate)[1]), discPair = try #require(try hough(true, merged)[1])
        // The outline of the pair still covers most of either disk's perimeter: the plain score barely drops.
        #expect(plainPair > plainOne - 0.15)
        // With the disc IoU (≈ 0.5 for the pair) the merged object scores far lower; a lone disk hardly changes.
        #expect(discPair < discOne - 0.3)
        #expect(discOne > plainOne - 0.1)
    }
}
