import Foundation
import Graphs
import Rewards
import Testing

@Suite("Reward mapping (paper §3.2)")
struct RewardMappingTests {
    @Test("The issue's worked example: superpixels [0.9, 0.9, 0.3, 0.3] on a path")
    func workedExample() throws {
        let edges = [Edge(0, 1), Edge(1, 2), Edge(2, 3)]
        let edgeScores = try RewardMapping.edgeScores(superpixelScores: [0.9, 0.9, 0.3, 0.3], edges: edges)
        #expect(edgeScores == [0.9, 0.9, 0.3])
        let means = try RewardMapping.subgraphMeans(edgeScores: edgeScores, subgraphs: [[0, 1], [1, 2]])
        #expect(abs(means[0] - 0.9) < 1e-6 && abs(means[1] - 0.6) < 1e-6)
    }

    @Test("Object scores reach every superpixel of the object")
    func objectsToSuperpixels() throws {
        let scores = try RewardMapping.superpixelScores(objectScores: [0.2, 1.0], objectOfSuperpixel: [1, 0, 1, 1])
        #expect(scores == [1.0, 0.2, 1.0, 1.0])
    }

    @Test("Indices out of range are typed errors, not crashes")
    func badIndices() {
        #expect(throws: RewardError.self) {
            try RewardMapping.superpixelScores(objectScores: [1], objectOfSuperpixel: [0, 1])
        }
        #expect(throws: RewardError.self) {
            try RewardMapping.edgeScores(superpixelScores: [1, 1], edges: [Edge(0, 2)])
        }
        #expect(throws: RewardError.self) { try RewardMapping.subgraphMeans(edgeScores: [1], subgraphs: [[0, 3]]) }
        #expect(throws: RewardError.self) { try RewardMapping.subgraphMeans(edgeScores: [1], subgraphs: [[]]) }
    }

    @Test("Exponential shaping (Eq. 11) maps 1 to 1, is monotone and equals exp(θr)/exp(θ)")
    func shaping() throws {
        let shaping = try RewardShaping(theta: 3)
        #expect(abs(shaping.apply(1) - 1) < 1e-7)
        #expect(abs(shaping.apply(0.5) - Float(exp(1.5) / exp(3.0))) < 1e-6)
        #expect(shaping.apply(0.2) < shaping.apply(0.3))
        #expect(throws: RewardError.self) { try RewardShaping(theta: 0) }
    }
}
