import Imaging

/// Every object of a label image, measured in one pass over the pixels, with the expensive descriptors
/// (perimeters and Euler number, convex area, minimum-area rectangle) computed on first use and cached per object.
///
/// Objects are ordered by label value; labels need not be consecutive, and an object may consist of several
/// disjoint pieces (all pixels with its label). A final class rather than a struct because the lazy caches are
/// shared state: rules that each ask for solidity pay for the convex hull once. Thread-safe (see `LazyCache`).
public final class ObjectTable: Sendable, RandomAccessCollection {
    /// The measured label image.
    public let labels: LabelImage
    /// The label that is not an object (nil: every label, including 0, is an object).
    public let background: UInt32?
    /// One-pass statistics per object, in increasing label order.
    public let statistics: [ObjectStatistics]

    private let boundaryCache: LazyCache<BoundaryMeasures>
    private let convexCache: LazyCache<ConvexMeasures>
    private let rectangleCache: LazyCache<RotatedRectangle>

    /// Measures every object of `labels`. `intensity`, if given, must have the same shape; its values are used as
    /// they are (pass raw sample values to reproduce scikit-image on integer images).
    public init(labels: LabelImage, intensity: Image? = nil, background: UInt32? = 0) throws(DescriptorsError) {
        if let intensity, intensity.rows != labels.rows || intensity.cols != labels.cols {
            throw .shapeMismatch(what: "the intensity image (same as the labels)", expected: labels.shape,
                                 actual: intensity.shape)
        }
        self.labels = labels
        self.background = background
        let index = LabelIndex(labels: labels, background: background)
        statistics = Self.measure(labels: labels, intensity: intensity, index: index)
        boundaryCache = LazyCache(count: index.labels.count)
        convexCache = LazyCache(count: index.labels.count)
        rectangleCache = LazyCache(count: index.labels.count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { statistics.count }

    /// All descriptors of the object at `position` (0-based, in label order).
    public subscript(position: Int) -> ObjectDescriptors {
        ObjectDescriptors(table: self, index: position)
    }

    /// The position of the object with label `label`, or nil if there is none.
    public func index(ofLabel label: UInt32) -> Int? {
        var low = 0, high = statistics.count
        while low < high {
            let mid = (low + high) / 2
            if statistics[mid].label < label { low = mid + 1 } else { high = mid }
        }
        return low < statistics.count && statistics[low].label == label ? low : nil
    }

    /// Perimeter, Crofton perimeter and Euler number of the object at `position` (computed once, then cached).
    public func boundaryMeasures(_ position: Int) -> BoundaryMeasures {
        boundaryCache.value(at: position) { BoundaryMeasures(mask: mask(position)) }
    }

    /// Convex area and the midpoint hull of the object at `position` (computed once, then cached).
    public func convexMeasures(_ position: Int) -> ConvexMeasures {
        convexCache.value(at: position) { ConvexMeasures(mask: mask(position)) }
    }

    /// The convex hull of the object's pixel centres (collinear points removed).
    public func pixelHull(_ position: Int) -> [PixelPoint] {
        let object = mask(position)
        var points: [PixelPoint] = []
        for (r, extremes) in object.rowExtremes().enumerated() {
            guard let (first, last) = extremes else { continue }
            let row = object.box.minRow + r
            points.append(PixelPoint(row: row, col: object.box.minCol + first))
            if last != first { points.append(PixelPoint(row: row, col: object.box.minCol + last)) }
        }
        return ConvexHull.vertices(of: points)
    }

    /// The minimum-area rectangle around the object's pixel centres (computed once, then cached).
    public func minimumAreaRectangle(_ position: Int) -> RotatedRectangle {
        rectangleCache.value(at: position) {
            let hull = pixelHull(position)
            // An object always has a pixel, so its hull is never empty.
            return RotatedRectangle(hull: hull) ?? RotatedRectangle(point: PixelPoint(
                row: statistics[position].boundingBox.minRow, col: statistics[position].boundingBox.minCol))
        }
    }

    private func mask(_ position: Int) -> ObjectMask {
        ObjectMask(labels: labels, label: statistics[position].label, box: statistics[position].boundingBox)
    }

    /// The single pass: integer coordinate sums relative to each object's first pixel (exact), intensity sums
    /// relative to its first value (less cancellation in the variance).
    private static func measure(labels: LabelImage, intensity: Image?, index: LabelIndex) -> [ObjectStatistics] {
        struct Sums {
            var count = 0
            var minRow = Int.max, maxRow = Int.min, minCol = Int.max, maxCol = Int.min
            var originRow = 0, originCol = 0
            var sr = 0, sc = 0, srr = 0, scc = 0, src = 0
            var shift: Float = 0, low: Float = .infinity, high: Float = -.infinity
            var sum = 0.0, sumSquares = 0.0
        }
        var sums = [Sums](repeating: Sums(), count: index.labels.count)
        let cols = labels.cols
        sums.withUnsafeMutableBufferPointer { acc in
            index.positions.withUnsafeBufferPointer { positions in
                for r in 0..<labels.rows {
                    for c in 0..<cols {
                        let p = Int(positions[r * cols + c])
                        guard p >= 0 else { continue }
                        if acc[p].count == 0 {
                            acc[p].originRow = r
                            acc[p].originCol = c
                        }
                        acc[p].count += 1
                        acc[p].minRow = Swift.min(acc[p].minRow, r); acc[p].maxRow = Swift.max(acc[p].maxRow, r)
                        acc[p].minCol = Swift.min(acc[p].minCol, c); acc[p].maxCol = Swift.max(acc[p].maxCol, c)
                        let dr = r - acc[p].originRow, dc = c - acc[p].originCol
                        acc[p].sr += dr; acc[p].sc += dc
                        acc[p].srr += dr * dr; acc[p].scc += dc * dc; acc[p].src += dr * dc
                    }
                }
                if let intensity {
                    intensity.values.withUnsafeBufferPointer { values in
                        for i in 0..<positions.count {
                            let p = Int(positions[i])
                            guard p >= 0 else { continue }
                            let v = values[i]
                            if acc[p].low > acc[p].high { acc[p].shift = v }
                            acc[p].low = Swift.min(acc[p].low, v); acc[p].high = Swift.max(acc[p].high, v)
                            let d = Double(v) - Double(acc[p].shift)
                            acc[p].sum += d
                            acc[p].sumSquares += d * d
                        }
                    }
                }
            }
        }
        return zip(index.labels, sums).map { label, s in
            let n = Double(s.count)
            var stats = ObjectStatistics(
                label: label, area: s.count,
                boundingBox: BoundingBox(minRow: s.minRow, minCol: s.minCol, maxRow: s.maxRow + 1, maxCol: s.maxCol + 1),
                centroidRow: Double(s.originRow) + Double(s.sr) / n,
                centroidCol: Double(s.originCol) + Double(s.sc) / n,
                mu20: centralMoment(s.count, s.sr, s.sr, s.srr),
                mu11: centralMoment(s.count, s.sr, s.sc, s.src),
                mu02: centralMoment(s.count, s.sc, s.sc, s.scc),
                intensity: nil)
            if intensity != nil {
                let meanDeviation = s.sum / n
                let variance = Swift.max(s.sumSquares / n - meanDeviation * meanDeviation, 0)
                stats.intensity = IntensityStatistics(mean: Double(s.shift) + meanDeviation, min: Double(s.low),
                                                      max: Double(s.high), standardDeviation: variance.squareRoot())
            }
            return stats
        }
    }
}

/// `Σ(x − x̄)(y − ȳ) = (n·Σxy − Σx·Σy) / n`, with the numerator exact in integers unless it overflows.
private func centralMoment(_ n: Int, _ sx: Int, _ sy: Int, _ sxy: Int) -> Double {
    let (a, o1) = n.multipliedReportingOverflow(by: sxy)
    let (b, o2) = sx.multipliedReportingOverflow(by: sy)
    let (numerator, o3) = a.subtractingReportingOverflow(b)
    if !(o1 || o2 || o3) { return Double(numerator) / Double(n) }
    return Double(sxy) - Double(sx) * Double(sy) / Double(n)
}
