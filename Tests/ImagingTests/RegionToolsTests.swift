import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Small-region merging and ground-truth intersection")
struct RegionToolsTests {
    @Test("A small region folds into the neighbour across its weakest boundary")
    func weakestBoundary() throws {
        // Region 9 (2 px) lies between 1 (boundary mean 0.7) and 2 (boundary mean 0.3).
        let labels = try LabelImage(rows: 2, cols: 5, values: [1, 1, 9, 2, 2,
                                                                1, 1, 9, 2, 2])
        let boundary = try Image(rows: 2, cols: 5, values: [0, 0.9, 0.5, 0.1, 0,
                                                            0, 0.9, 0.5, 0.1, 0])
        let merged = try SmallRegionMerging.merge(labels, boundary: boundary, minimumSize: 3)
        #expect(merged.values == [1, 1, 2, 2, 2, 1, 1, 2, 2, 2])
        // Flip the boundary: now region 1 is across the weaker boundary.
        let flipped = try Image(rows: 2, cols: 5, values: [0, 0.1, 0.5, 0.9, 0,
                                                           0, 0.1, 0.5, 0.9, 0])
        let other = try SmallRegionMerging.merge(labels, boundary: flipped, minimumSize: 3)
        #expect(other.values == [1, 1, 1, 2, 2, 1, 1, 1, 2, 2])
        // Regions already large enough are untouched.
        #expect(try SmallRegionMerging.merge(labels, boundary: boundary, minimumSize: 2) == labels)
    }

    @Test("After merging every region has at least the minimum size, and no pixel changes to a non-neighbour label")
    func minimumSizeProperty() throws {
        let image = try ImageFile.readImage(Fixtures.fixture("watershed/local_minima_image.tif"))
        let markers = try ImageFile.readLabels(Fixtures.fixture("watershed/local_minima_markers.tif"))
        let regions = try SeededWatershed.flood(image, markers: markers)
        let merged = try SmallRegionMerging.merge(regions, boundary: image, minimumSize: 150)
        var sizes: [UInt32: Int] = [:]
        for v in merged.values { sizes[v, default: 0] += 1 }
        #expect(sizes.values.allSatisfy { $0 >= 150 })
        #expect(sizes.count < Set(regions.values).count)
        // Merging only unions whole regions: each original region maps to exactly one merged label.
        var image2merged: [UInt32: Set<UInt32>] = [:]
        for (a, b) in zip(regions.values, merged.values) { image2merged[a, default: []].insert(b) }
        #expect(image2merged.values.allSatisfy { $0.count == 1 })
        #expect(throws: ImagingError.self) { try SmallRegionMerging.merge(regions, boundary: image, minimumSize: -1) }
    }

    @Test("Ground-truth intersection splits superpixels at object boundaries; merging pieces recovers the ground truth")
    func groundTruthIntersection() throws {
        let superpixels = try LabelImage(rows: 3, cols: 4, values: [0, 0, 1, 1,
                                                                     0, 0, 1, 1,
                                                                     0, 0, 0, 1])
        let truth = try LabelImage(rows: 3, cols: 4, values: [0, 5, 5, 0,
                                                               0, 5, 5, 0,
                                                               0, 0, 0, 0])
        let pieces = try GroundTruthIntersection.split(superpixels, groundTruth: truth)
        #expect(pieces.values == [0, 1, 2, 3,
                                  0, 1, 2, 3,
                                  0, 0, 0, 3])
        // Every piece lies inside one ground-truth object and one superpixel.
        var owner: [UInt32: Set<[UInt32]>] = [:]
        for i in pieces.values.indices { owner[pieces.values[i], default: []].insert([superpixels.values[i], truth.values[i]]) }
        #expect(owner.values.allSatisfy { $0.count == 1 })
        let wrong = LabelImage(rows: 4, cols: 3, repeating: 0)
        #expect(throws: ImagingError.self) { try GroundTruthIntersection.split(superpixels, groundTruth: wrong) }
    }
}

@Suite("Mutex watershed")
struct MutexWatershedTests {
    /// Two flat halves separated by a bright vertical line at column 10.
    func twoHalves() throws -> Image {
        var values = [Float](repeating: 0.05, count: 20 * 21)
        for r in 0..<20 { values[r * 21 + 10] = 1 }
        return try Image(rows: 20, cols: 21, values: values)
    }

    @Test("Splits two regions separated by a boundary, and nothing else")
    func twoRegions() throws {
        let labels = try MutexWatershed().segment(try twoHalves())
        let left = labels[5, 2], right = labels[5, 18]
        #expect(left != right)
        for r in 0..<20 {
            for c in 0..<21 where c != 10 { #expect(labels[r, c] == (c < 10 ? left : right)) }
        }
        #expect(Set(labels.values).count == 2)
    }

    @Test("Without repulsive edges everything joins one cluster")
    func noRepulsion() throws {
        let labels = try MutexWatershed(repulsive: []).segment(try twoHalves())
        #expect(Set(labels.values) == [0])
    }

    @Test("Clusters are 4-connected and numbered 0… in first-pixel order on a real gradient map")
    func connectedClusters() throws {
        let image = try ImageFile.readImage(Fixtures.fixture("watershed/local_minima_image.tif"))
        let top = image.values.max() ?? 1
        let labels = try MutexWatershed().segment(image.map { $0 / top })
        let components = ConnectedComponents.label(labels, connectivity: .four, background: nil)
        #expect(components.values == labels.values.map { $0 + 1 })
        #expect(Set(labels.values).count > 1)
        // Deterministic.
        #expect(try MutexWatershed().segment(image.map { $0 / top }) == labels)
    }

    @Test("Invalid offsets are rejected")
    func invalidOffsets() {
        #expect(throws: ImagingError.self) { try MutexWatershed(attractive: []) }
        #expect(throws: ImagingError.self) { try MutexWatershed(repulsive: [.init(0, 0)]) }
    }
}
