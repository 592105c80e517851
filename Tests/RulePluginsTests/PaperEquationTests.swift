import CircleRules
import EmbryoRules
import Foundation
import Graphs
import Imaging
import NucleusRules
import Rewards
import Testing

/// Hand-computed cases of the paper's rule equations.
@Suite("Paper equations")
struct PaperEquationTests {
    @Test("Eq. 12: c = 0.9, γ = 0.8 gives r_local = 0.4 · σ(0) = 0.2; below γ it is 0; at c = 1 it is 0.4 · σ(3)")
    func circleLocalReward() {
        #expect(abs(0.4 * CircleHoughRule.localReward(houghValue: 0.9, threshold: 0.8) - 0.2) < 1e-7)
        #expect(CircleHoughRule.localReward(houghValue: 0.79, threshold: 0.8) == 0)
        #expect(abs(CircleHoughRule.localReward(houghValue: 1, threshold: 0.8) - Float(1 / (1 + exp(-3.0)))) < 1e-6)
    }

    @Test("Eqs. 12–15 composed: a perfect disk with k = n scores 0.4·σ(3) + 0.6; the background scores n/k")
    func circleComposition() throws {
        // A 40×40 image with one filled disk of radius 8 as one superpixel and the rest as another.
        var labels = LabelImage(rows: 40, cols: 40, repeating: 0)
        for r in 0..<40 { for c in 0..<40 where (r - 20) * (r - 20) + (c - 20) * (c - 20) <= 64 { labels[r, c] = 1 } }
        let image = labels.map { Float($0) }
        let rag = try RegionAdjacencyGraph(labels: labels, intensities: image)
        let registry = try RuleRegistry(plugins: [CirclePlugin.self])
        let manifest = try RewardManifest.parse("""
            subgraph_sizes: [2]
            objects: { background: { largest: true } }
            rules:
              - { rule: circles.hough, weight: 0.4, with: { radii: [6, 10], threshold: 0.0 } }
              - { rule: core.object-count, weight: 0.6, with: { expected: 2 } }
            """, file: "m.yaml", registry: registry)
        let context = try RewardContext(image: image, superpixels: labels, rag: rag, actions: [1],
                                        objectOfSuperpixel: [0, 1], classing: manifest.classing,
                                        subgraphSizes: [2], subgraphs: [[]])
        let report = try manifest.rewards(for: context)
        #expect(context.classes == [.background, .foreground])
        // Background: only the count rule judges it: n/k = 1/2 (Eq. 15).
        #expect(abs(report.objectScores[0] - 0.5) < 1e-6)
        // Foreground: 0.4·r_local + 0.6·min(1, k/n) with r_local from the disk's own Hough value c.
        guard case let .objects(hough) = report.ruleScores[0].scores, let local = hough[1] else {
            Issue.record("circles.hough should judge the disk"); return
        }
        #expect(abs(report.objectScores[1] - (0.4 * local + 0.6)) < 1e-6)
        #expect(local > 0.5, "a digitised disk should fit a circle well, got \(local)")
    }

    @Test("Eq. 16: identical property vectors score 1, opposite directions score 0, orthogonal score 0.5")
    func shapeSimilarity() throws {
        let expected: [Double] = [1, 0, 0, 0, 0, 0, 0, 0]
        let rule = try ShapeSimilarityRule(parameters: .defaults(for: ShapeSimilarityRule.self, overriding: [
            "expected": .numbers(expected), "normalizers": .numbers(Array(repeating: 2, count: 8)),
        ]))
        #expect(abs(rule.similarity(expected) - 1) < 1e-6)
        #expect(abs(rule.similarity([3, 0, 0, 0, 0, 0, 0, 0]) - 1) < 1e-6, "cosine similarity ignores scale")
        #expect(abs(rule.similarity([0, 1, 0, 0, 0, 0, 0, 0]) - 0.5) < 1e-6)
        #expect(abs(rule.similarity([-1, 0, 0, 0, 0, 0, 0, 0])) < 1e-6)
        let distance = try ShapeSimilarityRule(parameters: .defaults(for: ShapeSimilarityRule.self, overriding: [
            "expected": .numbers(expected), "normalizers": .numbers(Array(repeating: 2, count: 8)),
            "similarity": .text("distance"), "sharpness": .number(8),
        ]))
        // ((3 − 1)/2)² / 8 properties = 1/8; exp(−8 · 1/8) = e⁻¹.
        #expect(abs(distance.similarity([3, 0, 0, 0, 0, 0, 0, 0]) - Float(exp(-1.0))) < 1e-6)
    }

    @Test("Eq. 6 object term: a box of the template size pointing at the centre scores 1; rotated by τ, e^-1/2")
    func radialCell() throws {
        let rule = try RadialCellRule(parameters: .defaults(for: RadialCellRule.self, overriding: [
            "cell_size": .numbers([40, 10]), "angle_tolerance": .number(0.5), "size_tolerance": .number(0.25),
        ]))
        #expect(abs(rule.score(width: 40, height: 10, angleError: 0) - 1) < 1e-6)
        #expect(abs(rule.score(width: 40, height: 10, angleError: 0.5) - Float(exp(-0.5))) < 1e-6)
        // Long side 25 % too long: size factor e^-1/2.
        #expect(abs(rule.score(width: 50, height: 10, angleError: 0) - Float(exp(-0.5))) < 1e-6)
    }
}
