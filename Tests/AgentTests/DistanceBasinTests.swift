import Agent
import Imaging
import Testing

@Suite("Distance basins")
struct DistanceBasinTests {
    /// Two equally bright disks of radius 10 on a dark ground, centres 17 px apart (0.85 × the radii's sum, as the
    /// synthetic circles may be): they overlap, and no intensity boundary separates them. Superpixels: 0 the
    /// ground, 1 the left disk (columns ≤ 26), 2 and 3 the upper and lower halves of the right disk.
    static func touchingDisks() throws -> EnvironmentImage {
        var image = Image(rows: 40, cols: 60, repeating: 0.2)
        var labels = LabelImage(rows: 40, cols: 60, repeating: 0)
        for r in 0..<40 {
            for c in 0..<60 {
                let left = (r - 20) * (r - 20) + (c - 18) * (c - 18) <= 100
                let right = (r - 20) * (r - 20) + (c - 35) * (c - 35) <= 100
                guard left || right else { continue }
                image[r, c] = 0.7
                labels[r, c] = c <= 26 ? 1 : (r < 20 ? 2 : 3)
            }
        }
        return try EnvironmentImage(image: image, superpixels: labels)
    }

    @Test("Touching disks of equal brightness fall into two basins that meet at the neck")
    func twoBasins() throws {
        let basins = try DistanceBasins.basins(of: try Self.touchingDisks().image)
        #expect(basins.values.max() == 2)
        #expect(basins[20, 18] != 0 && basins[20, 35] != 0 && basins[20, 18] != basins[20, 35])
        #expect(basins[0, 0] == 0 && basins[20, 50] == 0)
        // The basins meet within a pixel of the neck (column 26.5).
        for c in 0..<60 where basins[20, c] != 0 {
            #expect(basins[20, c] == (c <= 26 ? basins[20, 18] : basins[20, 35]) || abs(Double(c) - 26.5) <= 1)
        }
    }

    @Test("The basins edge feature separates the disks and joins the halves of one disk")
    func edgeFeature() throws {
        let image = try Self.touchingDisks()
        let features = HandcraftedFeatures.edgeFeatures(of: image)
        let column = HandcraftedFeatures.edgeFeatureNames.firstIndex(of: "basins")
        #expect(column == 4)
        for (e, edge) in image.rag.edges.enumerated() {
            let pair = Set([edge.u, edge.v]), value = features[e, 4]
            if pair == [2, 3] {
                #expect(value < 0.05)
            } else {
                #expect(value > 0.9, "edge \(edge.u)–\(edge.v): \(value)")
            }
        }
    }

    @Test("A constant image has no foreground and no basins")
    func constant() throws {
        let basins = try DistanceBasins.basins(of: Image(rows: 8, cols: 8, repeating: 0.5))
        #expect(basins.values.allSatisfy { $0 == 0 })
    }
}
