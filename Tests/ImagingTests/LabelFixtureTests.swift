import Foundation
import Imaging
import TestSupport
import Testing

/// `fixtures/labels` (README §5): connected components and sequential relabelling, exact.
@Suite("Connected components and relabelling against scikit-image")
struct LabelFixtureTests {
    @Test("4- and 8-connected components numbered like skimage.measure.label",
          arguments: ["noise", "shapes", "dsb_otsu"])
    func components(name: String) throws {
        let binary = try ImageFile.readLabels(Fixtures.fixture("labels/\(name)_binary.tif")).map { $0 != 0 }
        for (connectivity, suffix) in [(Connectivity.four, "cc1"), (.eight, "cc2")] {
            let expected = try ImageFile.readLabels(Fixtures.fixture("labels/\(name)_\(suffix).tif"))
            #expect(ConnectedComponents.label(binary, connectivity: connectivity) == expected)
        }
    }

    @Test("relabel_sequential with offsets and the forward map",
          arguments: ["gaps_offset1", "gaps_offset5", "dsb_sparse_offset1", "large_reversed_offset1"])
    func relabel(name: String) throws {
        let input = try ImageFile.readLabels(Fixtures.fixture("labels/relabel_\(name)_input.tif"))
        let expected = try ImageFile.readLabels(Fixtures.fixture("labels/relabel_\(name)_output.tif"))
        let offset = UInt32(try #require(name.split(separator: "offset").last.flatMap { UInt32($0) }))
        let result = try SequentialRelabeling(input, offset: offset)
        #expect(result.labels == expected)
        var map: [UInt32: UInt32] = [:]
        for row in try Fixtures.csv(Fixtures.fixture("labels/relabel_\(name)_map.csv")) {
            let old = try #require(UInt32(row["old_label"] ?? ""))
            let new = try #require(UInt32(row["new_label"] ?? ""))
            map[old] = new
        }
        #expect(result.forward == map)
    }

    @Test("Labelling equal-valued regions of a label image, and offset 0 is rejected")
    func equalValues() throws {
        let grid = try LabelImage(rows: 2, cols: 4, values: [5, 5, 0, 5,
                                                              7, 5, 0, 5])
        let four = ConnectedComponents.label(grid, connectivity: .four, background: nil)
        #expect(four.values == [1, 1, 2, 3, 4, 1, 2, 3])
        #expect(ConnectedComponents.label(grid, connectivity: .four).values == [1, 1, 0, 2, 3, 1, 0, 2])
        #expect(throws: ImagingError.self) { try SequentialRelabeling(grid, offset: 0) }
    }
}
