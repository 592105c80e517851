import Dispatch

/// The best circle supported by one object's own outline: paper A.11's per-object CHT value `c ∈ [0, 1]`
/// (Eqs. 12–14 threshold and shape it into the object reward).
public struct ObjectCircleFit: Sendable, Hashable {
    public var label: UInt32
    /// The largest fraction `votes / n_offsets(radius)` over all centres in the image and all radii: the share of
    /// that circle's Bresenham perimeter covered by the object's outline pixels, in [0, 1] (the correctly rounded
    /// quotient, so a perfect circle scores exactly 1, unlike scikit-image's summed `1/n` that can exceed it by
    /// ulps). 0 for an object without outline.
    public var score: Double
    public var row: Int
    public var col: Int
    public var radius: Int
    /// Raw vote count behind `score`.
    public var votes: Int
    /// Intersection over union of the object with the fitted disc (pixels within `radius` of the centre, clipped to
    /// the image). The outline score alone cannot tell one circle from two touching circles merged — their union's
    /// outline still covers most of either perimeter — nor from a circle with background attached; this can.
    /// 0 for an object without outline.
    public var discIoU: Double = 0
}

extension ObjectTable {
    /// Fits a circle to every object's outline by a circle Hough transform of that outline alone, so neighbouring
    /// objects never lend each other votes (unlike a transform of the whole edge image). Votes are counted exactly
    /// as by `CircleHoughTransform` (scikit-image's offsets, duplicates included); centres are restricted to the image. Ties keep the smaller
    /// radius, then the first centre in row-major order. An object without outline pixels (it covers the image)
    /// gets score 0 at its bounding-box centre with the first radius. Objects are processed in parallel.
    ///
    /// `only` (one flag per object) restricts the work to the flagged objects; the others get that same empty fit
    /// (score 0). Reward rules pass it to skip the background, whose outline is every other object's.
    public func circleFits(radii: [Int], neighbourhood: OutlineNeighbourhood = .eight, only: [Bool]? = nil)
        throws(DescriptorsError) -> [ObjectCircleFit] {
        guard !radii.isEmpty else { throw .invalidArgument("circle fitting needs at least one radius") }
        if let only, only.count != count {
            throw .invalidArgument("circle fitting got \(only.count) object flags for \(count) objects")
        }
        if let bad = radii.first(where: { $0 < 1 }) { throw .invalidArgument("circle radii must be at least 1, got \(bad)") }
        let offsets = radii.map(CirclePerimeter.bresenhamOffsets(radius:))
        let maxRadius = radii.max() ?? 0
        var fits = statistics.map { object in
            ObjectCircleFit(label: object.label, score: 0, row: (object.boundingBox.minRow + object.boundingBox.maxRow - 1) / 2,
                            col: (object.boundingBox.minCol + object.boundingBox.maxCol - 1) / 2, radius: radii[0], votes: 0)
        }
        let workers = Swift.min(count, 16)
        fits.withUnsafeMutableBufferPointer { out in
            let shared = SharedBuffer(out)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var scratch: [UInt32] = []
                for position in stride(from: worker, to: count, by: workers) where only?[position] ?? true {
                    shared.buffer[position] = fitCircle(position, offsets: offsets, radii: radii,
                                                        maxRadius: maxRadius, neighbourhood: neighbourhood,
                                                        scratch: &scratch)
                }
            }
        }
        return fits
    }

    private func fitCircle(_ position: Int, offsets: [[PixelPoint]], radii: [Int], maxRadius: Int,
                           neighbourhood: OutlineNeighbourhood, scratch: inout [UInt32]) -> ObjectCircleFit {
        let object = statistics[position]
        let outline = outline(position, neighbourhood: neighbourhood)
        let box = object.boundingBox
        var best = ObjectCircleFit(label: object.label, score: 0, row: (box.minRow + box.maxRow - 1) / 2,
                                   col: (box.minCol + box.maxCol - 1) / 2, radius: radii[0], votes: 0)
        guard !outline.isEmpty else { return best }
        // Every vote lands within maxRadius of the outline's box; the window is that box clipped to the image.
        let top = Swift.max(0, box.minRow - maxRadius), bottom = Swift.min(labels.rows, box.maxRow + maxRadius)
        let left = Swift.max(0, box.minCol - maxRadius), right = Swift.min(labels.cols, box.maxCol + maxRadius)
        let width = right - left
        if scratch.count < (bottom - top) * width { scratch = [UInt32](repeating: 0, count: (bottom - top) * width) }
        let window = (bottom - top) * width
        var bestOffsetCount = 1
        scratch.withUnsafeMutableBufferPointer { scratch in
            let votes = UnsafeMutableBufferPointer(rebasing: scratch[0..<window])
            for (index, radiusOffsets) in offsets.enumerated() {
                let radius = radii[index]
                let linear = radiusOffsets.map { $0.row * width + $0.col }
                for p in outline {
                    let r0 = p.row - top, c0 = p.col - left
                    if p.row - radius >= top, p.row + radius < bottom, p.col - radius >= left, p.col + radius < right {
                        let base = r0 * width + c0
                        for o in linear { votes[base + o] &+= 1 }
                    } else {
                        for o in radiusOffsets {
                            let r = r0 + o.row, c = c0 + o.col
                            if r >= 0, r < bottom - top, c >= 0, c < width { votes[r * width + c] &+= 1 }
                        }
                    }
                }
                var most: UInt32 = 0
                for v in votes { most = Swift.max(most, v) }
                // Exact comparison of the rationals votes / n_offsets; equal fractions keep the smaller radius.
                if compareRatios(Int(most), radiusOffsets.count, best.votes, bestOffsetCount) > 0,
                   let cell = votes.firstIndex(of: most) {
                    bestOffsetCount = radiusOffsets.count
                    best.score = Double(most) / Double(radiusOffsets.count)
                    best.votes = Int(most)
                    best.radius = radius
                    best.row = top + cell / width
                    best.col = left + cell % width
                }
                votes.update(repeating: 0)
            }
        }
        best.discIoU = discIoU(of: object, centre: PixelPoint(row: best.row, col: best.col), radius: best.radius)
        return best
    }

    /// |object ∩ disc| / |object ∪ disc| for the disc of all pixels within `radius` of `centre`.
    private func discIoU(of object: ObjectStatistics, centre: PixelPoint, radius: Int) -> Double {
        let top = Swift.max(0, centre.row - radius), bottom = Swift.min(labels.rows - 1, centre.row + radius)
        let left = Swift.max(0, centre.col - radius), right = Swift.min(labels.cols - 1, centre.col + radius)
        var discArea = 0, inside = 0
        labels.values.withUnsafeBufferPointer { values in
            for r in stride(from: top, through: bottom, by: 1) {
                let dr = r - centre.row
                for c in stride(from: left, through: right, by: 1) {
                    let dc = c - centre.col
                    guard dr * dr + dc * dc <= radius * radius else { continue }
                    discArea += 1
                    if values[r * labels.cols + c] == object.label { inside += 1 }
                }
            }
        }
        let union = object.area + discArea - inside
        return union > 0 ? Double(inside) / Double(union) : 0
    }
}
