import Experiments
import Imaging
import Testing

@Suite("Classical baselines")
struct BaselineTests {
    /// A dark (0.1) image with bright (0.9) disks of the given centres and radius.
    static func disks(rows: Int, cols: Int, centres: [(Double, Double)], radius: Double) -> (Image, Grid<Bool>) {
        var image = Image(rows: rows, cols: cols, repeating: 0.1)
        var inside = Grid(rows: rows, cols: cols, repeating: false)
        for r in 0..<rows {
            for c in 0..<cols where centres.contains(where: { (Double(r) - $0.0) * (Double(r) - $0.0) + (Double(c) - $0.1) * (Double(c) - $0.1) <= radius * radius }) {
                image[r, c] = 0.9
                inside[r, c] = true
            }
        }
        return (image, inside)
    }

    /// Pixels of each nonzero label.
    static func objects(_ labels: LabelImage) -> [UInt32: Set<Int>] {
        var result: [UInt32: Set<Int>] = [:]
        for (i, label) in labels.values.enumerated() where label != 0 { result[label, default: []].insert(i) }
        return result
    }

    static func iou(_ a: Set<Int>, _ b: Set<Int>) -> Double {
        Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    static func pixels(_ mask: Grid<Bool>) -> Set<Int> { Set(mask.values.indices.filter { mask.values[$0] }) }

    @Test("Distance watershed splits two touching disks that Otsu + components keep as one")
    func touchingDisks() throws {
        let centres = [(20.0, 20.0), (20.0, 37.0)]
        let (image, _) = Self.disks(rows: 40, cols: 58, centres: centres, radius: 10)
        let otsu = ConnectedComponents.label(try OtsuThreshold.foreground(image), connectivity: .four)
        #expect(ConnectedComponents.count(otsu) == 1)
        let labels = try DistanceWatershedBaseline().segment(image)
        let found = Self.objects(labels)
        #expect(found.count == 2)
        // Each found object is one disk (the neck pixels may go either way).
        for (centre, label) in zip(centres, [labels[20, 20], labels[20, 37]]) {
            let (_, disk) = Self.disks(rows: 40, cols: 58, centres: [centre], radius: 10)
            #expect(label != 0)
            #expect(Self.iou(found[label] ?? [], Self.pixels(disk)) > 0.9)
        }
        #expect(labels[20, 20] != labels[20, 37])
        // A marker depth larger than the smaller disk's height above the neck keeps unequal disks together.
        // (Twin disks of equal size keep two markers at any h, as scikit-image's h_minima does: each centre is a
        // minimum of exactly the same depth.)
        let (big, _) = Self.disks(rows: 40, cols: 58, centres: [(20, 20)], radius: 10)
        let (small, _) = Self.disks(rows: 40, cols: 58, centres: [(20, 35)], radius: 7)
        let unequal = try Image(rows: 40, cols: 58, values: zip(big.values, small.values).map { max($0, $1) })
        #expect(Self.objects(try DistanceWatershedBaseline(h: 1).segment(unequal)).count == 2)
        #expect(Self.objects(try DistanceWatershedBaseline(h: 4).segment(unequal)).count == 1)
    }

    @Test("Each baseline finds one bright disk on dark ground")
    func brightDisk() throws {
        let (sharp, disk) = Self.disks(rows: 48, cols: 52, centres: [(23, 27)], radius: 12)
        let image = try GaussianFilter.smooth(sharp, sigma: 1)
        let superpixels = try SuperpixelRecipe.raw.superpixels(of: image)
        let results = [
            ("watershed", try DistanceWatershedBaseline().segment(image)),
            ("mutex", try MutexWatershedBaseline().segment(image)),
            ("multicut", try MulticutBaseline().segment(image, superpixels: superpixels)),
        ]
        for (name, labels) in results {
            let found = Self.objects(labels)
            #expect(found.count == 1, "\(name): \(found.count) objects")
            #expect(Self.iou(found.values.first ?? [], Self.pixels(disk)) > 0.85, "\(name)")
            #expect(labels[0, 0] == 0 && labels[47, 51] == 0, "\(name): corners are background")
        }
    }

    @Test("Multicut merges superpixels inside an object and cuts at its boundary")
    func multicutMergesInterior() throws {
        let (sharp, disk) = Self.disks(rows: 40, cols: 40, centres: [(20, 20)], radius: 11)
        let image = try GaussianFilter.smooth(sharp, sigma: 1)
        // Four quadrants, each split again at the disk outline: 8 superpixels, 4 inside the disk.
        let superpixels = try LabelImage(rows: 40, cols: 40, values: (0..<1600).map { i in
            let r = i / 40, c = i % 40
            return UInt32((r < 20 ? 0 : 2) + (c < 20 ? 0 : 1) + (disk.values[i] ? 4 : 0))
        })
        let labels = try MulticutBaseline().segment(image, superpixels: superpixels)
        let found = Self.objects(labels)
        #expect(found.count == 1)
        #expect(found.values.first == Self.pixels(disk))
    }

    @Test("Dark segments become background and the rest are numbered 1…N")
    func darkSegmentRemoval() throws {
        let image = try Image(rows: 2, cols: 4, values: [0.9, 0.9, 0.1, 0.8,
                                                         0.9, 0.1, 0.1, 0.8])
        let segments = try LabelImage(rows: 2, cols: 4, values: [7, 7, 3, 0,
                                                                 7, 3, 3, 0])
        let labels = try DarkSegmentRemoval.apply(segments, intensities: image)
        #expect(labels.values == [1, 1, 0, 2,
                                  1, 0, 0, 2])
    }

    @Test("Bad input: empty, non-finite, constant and 1×1 images, wrong superpixels, bad parameters")
    func badInput() throws {
        let empty = try Image(rows: 0, cols: 5, values: [])
        let emptyError = #expect(throws: BaselineError.self) { try DistanceWatershedBaseline().segment(empty) }
        #expect(emptyError == .emptyImage(empty.shape))
        #expect(throws: BaselineError.self) { try MutexWatershedBaseline().segment(empty) }
        #expect(throws: BaselineError.self) {
            try MulticutBaseline().segment(empty, superpixels: try LabelImage(rows: 0, cols: 5, values: []))
        }
        var withNaN = Image(rows: 3, cols: 3, repeating: 0.5)
        withNaN[1, 2] = .nan
        let nanError = #expect(throws: BaselineError.self) { try MutexWatershedBaseline().segment(withNaN) }
        #expect(nanError == .nonFiniteValue(row: 1, col: 2))
        // Constant images (all zero, a single pixel) have no foreground.
        for image in [Image(rows: 6, cols: 5, repeating: 0), Image(rows: 1, cols: 1, repeating: 0.7)] {
            let zeros = LabelImage(rows: image.rows, cols: image.cols, repeating: 0)
            #expect(try DistanceWatershedBaseline().segment(image) == zeros)
            #expect(try MutexWatershedBaseline().segment(image) == zeros)
            // One superpixel covering the image.
            #expect(try MulticutBaseline().segment(image, superpixels: zeros) == zeros)
        }
        let image = Image(rows: 4, cols: 4, repeating: 0.2)
        #expect(throws: BaselineError.self) {
            try MulticutBaseline().segment(image, superpixels: LabelImage(rows: 4, cols: 3, repeating: 0))
        }
        // Ids 0 and 2 without 1.
        let gap = try LabelImage(rows: 4, cols: 4, values: [UInt32](repeating: 0, count: 8) + [UInt32](repeating: 2, count: 8))
        #expect(throws: BaselineError.self) { try MulticutBaseline().segment(image, superpixels: gap) }
        #expect(throws: BaselineError.self) { try DistanceWatershedBaseline(sigma: -1) }
        #expect(throws: BaselineError.self) { try DistanceWatershedBaseline(h: 0) }
        #expect(throws: BaselineError.self) { try MulticutBaseline(boundaryBias: 1) }
        #expect(throws: BaselineError.self) { try MutexWatershedBaseline(minimumSize: -1) }
        #expect(throws: BaselineError.self) { try GradientBoundaryMap(sigma: 0) }
        #expect(throws: BaselineError.self) { try GradientBoundaryMap(percentile: 1.5) }
    }
}
