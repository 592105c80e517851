import Graphs
import Imaging
import Randomness
import Testing

@Suite struct RegionAdjacencyGraphTests {
    // 0 0 1 1
    // 0 2 2 1
    // 3 3 2 1
    static let labels = try! LabelImage(rows: 3, cols: 4, values: [0, 0, 1, 1, 0, 2, 2, 1, 3, 3, 2, 1])

    @Test func edgesAreSortedWithBoundaryLengths() throws {
        let rag = try RegionAdjacencyGraph(labels: Self.labels)
        // Pairs: (0,1) row0 c1|c2; (0,2) r1 c0|c1, r0c1/r1c1; (0,3) r1c0/r2c0; (1,2) r1 c2|c3, r0c2/r1c2, r2c2|c3;
        // (2,3) r2 c1|c2, r1c1/r2c1.
        #expect(rag.edges == [Edge(0, 1), Edge(0, 2), Edge(0, 3), Edge(1, 2), Edge(2, 3)])
        #expect(rag.boundaryLengths == [1, 2, 1, 3, 2])
        #expect(rag.meanBoundaryValues == nil)
        #expect(rag.nodes.map(\.intensity) == [nil, nil, nil, nil])
    }

    @Test func nodeStatistics() throws {
        let intensity = try Image(rows: 3, cols: 4, values: [1, 2, 5, 5, 3, 0, 1, 7, 4, 6, 2, 9])
        let rag = try RegionAdjacencyGraph(labels: Self.labels, intensities: intensity)
        #expect(rag.nodes.map(\.pixelCount) == [3, 4, 3, 2])
        #expect(rag.nodes[0].centroidRow == 1.0 / 3)
        #expect(rag.nodes[0].centroidCol == 1.0 / 3)
        #expect(rag.nodes[1].centroidRow == 0.75 && rag.nodes[1].centroidCol == 2.75)
        #expect(rag.nodes[2].intensity == .init(mean: 1, min: 0, max: 2))
        #expect(rag.nodes[1].intensity == .init(mean: 6.5, min: 5, max: 9))
        #expect(rag.nodes[3].intensity == .init(mean: 5, min: 4, max: 6))
    }

    @Test func boundaryValueIsTheMeanOfPairMidpoints() throws {
        let boundary = try Image(rows: 3, cols: 4, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
        let rag = try RegionAdjacencyGraph(labels: Self.labels, boundaries: boundary)
        let means = try #require(rag.meanBoundaryValues)
        // (0,1): (1+2)/2. (0,2): pairs (4,5), (1,5). (2,3): pairs (9,10), (5,9).
        #expect(means[0] == 1.5)
        #expect(means[1] == (4.5 + 3) / 2)
        #expect(means[4] == (9.5 + 7) / 2)
    }

    @Test func singleSuperpixelHasNoEdgesAndEmptyImageNoNodes() throws {
        let one = try RegionAdjacencyGraph(labels: LabelImage(rows: 2, cols: 2, repeating: 0))
        #expect(one.nodeCount == 1 && one.graph.edgeCount == 0 && one.nodes[0].pixelCount == 4)
        let empty = try RegionAdjacencyGraph(labels: LabelImage(rows: 0, cols: 0, repeating: 0))
        #expect(empty.nodeCount == 0)
    }

    @Test func rejectsNonConsecutiveLabelsAndShapeMismatch() throws {
        let gap = try LabelImage(rows: 1, cols: 3, values: [0, 2, 3])
        #expect(throws: GraphError.nonConsecutiveLabels(maximum: 3, missing: 1)) { try RegionAdjacencyGraph(labels: gap) }
        let huge = try LabelImage(rows: 1, cols: 3, values: [0, 1, .max])
        #expect(throws: GraphError.nonConsecutiveLabels(maximum: .max, missing: 2)) { try RegionAdjacencyGraph(labels: huge) }
        let noZero = try LabelImage(rows: 1, cols: 2, values: [1, 2])
        #expect(throws: GraphError.nonConsecutiveLabels(maximum: 2, missing: 0)) { try RegionAdjacencyGraph(labels: noZero) }
        let error = #expect(throws: GraphError.self) {
            try RegionAdjacencyGraph(labels: Self.labels, intensities: Image(rows: 4, cols: 3, repeating: 0))
        }
        #expect(error?.description.contains("4×3") == true)
    }

    /// A larger random label image: the one-pass build agrees with a direct count per pixel pair.
    @Test func agreesWithBruteForceOnRandomLabels() throws {
        var generator = SplitMix64(seed: 7)
        let rows = 40, cols = 50
        var values = (0..<(rows * cols)).map { _ in UInt32.random(in: 0..<30, using: &generator) }
        for k in 0..<30 { values[k] = UInt32(k) } // every id present
        let labels = try LabelImage(rows: rows, cols: cols, values: values)
        let rag = try RegionAdjacencyGraph(labels: labels)
        var counts: [Edge: Int] = [:]
        for r in 0..<rows {
            for c in 0..<cols {
                for (rr, cc) in [(r, c + 1), (r + 1, c)] where rr < rows && cc < cols && labels[r, c] != labels[rr, cc] {
                    let a = Int(labels[r, c]), b = Int(labels[rr, cc])
                    counts[Edge(min(a, b), max(a, b)), default: 0] += 1
                }
            }
        }
        #expect(rag.edges == counts.keys.sorted())
        #expect(rag.boundaryLengths == counts.keys.sorted().map { counts[$0]! })
    }
}
