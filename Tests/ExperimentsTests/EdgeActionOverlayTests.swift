import Experiments
import Graphs
import Imaging
import Testing

@Suite struct EdgeActionOverlayTests {
    /// 4 × 6: superpixels 0 | 1 | 2, two columns each.
    let superpixels: LabelImage = {
        var labels = LabelImage(rows: 4, cols: 6, repeating: 0)
        labels.values = (0..<24).map { UInt32($0 % 6 / 2) }
        return labels
    }()
    let base = ColourImage(rows: 4, cols: 6, repeating: SIMD3(0.2, 0.2, 0.2))

    @Test func mergeIsGreenAndSplitIsRed() throws {
        let two = try LabelImage(rows: 2, cols: 4, values: [0, 0, 1, 1, 0, 0, 1, 1])
        let background = ColourImage(rows: 2, cols: 4, repeating: .zero)
        let merged = try EdgeActionOverlay.draw(on: background, superpixels: two, edges: [Edge(0, 1)], actions: [0])
        let split = try EdgeActionOverlay.draw(on: background, superpixels: two, edges: [Edge(0, 1)], actions: [1])
        for r in 0..<2 {
            #expect(merged[r, 1] == SIMD3(0, 1, 0) && split[r, 1] == SIMD3(1, 0, 0))
            for c in [0, 2, 3] { #expect(merged[r, c] == .zero && split[r, c] == .zero) }
        }
        #expect(EdgeActionOverlay.colour(action: 0.5) == SIMD3(1, 1, 0))
    }

    @Test func everyBoundaryTakesItsOwnEdgesAction() throws {
        let drawn = try EdgeActionOverlay.draw(on: base, superpixels: superpixels, edges: [Edge(0, 1), Edge(1, 2)],
                                               actions: [0.1, 0.9])
        for r in 0..<4 {
            for c in [0, 2, 4, 5] { #expect(drawn[r, c] == base[r, c]) }
            #expect(drawn[r, 1] == EdgeActionOverlay.colour(action: 0.1))
            #expect(drawn[r, 3] == EdgeActionOverlay.colour(action: 0.9))
            #expect(drawn[r, 1].y > drawn[r, 1].x && drawn[r, 3].x > drawn[r, 3].y)
        }
    }

    @Test func inconsistentEdgesAreTypedErrors() throws {
        let missing = #expect(throws: ReportError.self) {
            try EdgeActionOverlay.draw(on: base, superpixels: superpixels, edges: [Edge(0, 1)], actions: [0])
        }
        #expect(missing == .missingEdge(u: 1, v: 2))
        let count = #expect(throws: ReportError.self) {
            try EdgeActionOverlay.draw(on: base, superpixels: superpixels, edges: [Edge(0, 1), Edge(1, 2)], actions: [0])
        }
        #expect(count == .mismatchedActions(edges: 2, actions: 1))
        let unordered = #expect(throws: ReportError.self) {
            try EdgeActionOverlay.draw(on: base, superpixels: superpixels, edges: [Edge(1, 2), Edge(0, 1)], actions: [0, 1])
        }
        #expect(unordered == .unorderedEdges(index: 1))
        #expect(throws: ReportError.self) {
            try EdgeActionOverlay.draw(on: ColourImage(rows: 3, cols: 6, repeating: .zero), superpixels: superpixels,
                                       edges: [Edge(0, 1), Edge(1, 2)], actions: [0, 1])
        }
    }
}
