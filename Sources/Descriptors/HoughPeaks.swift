/// A circle found by `CircleHoughTransform.peaks`.
public struct CirclePeak: Sendable, Hashable {
    /// The normalised accumulator value (fraction of the circle's perimeter on edge pixels).
    public var value: Double
    public var row: Int
    public var col: Int
    public var radius: Int
    /// The raw vote count behind `value`.
    public var votes: Int

    public init(value: Double, row: Int, col: Int, radius: Int, votes: Int) {
        self.value = value
        self.row = row
        self.col = col
        self.radius = radius
        self.votes = votes
    }
}

/// Options of `CircleHoughTransform.peaks`, with scikit-image's `hough_circle_peaks` defaults.
public struct HoughPeakOptions: Sendable, Hashable {
    /// Peaks closer than this in rows *and* columns suppress each other (`min_ydistance`).
    public var minRowDistance: Int
    /// `min_xdistance`.
    public var minColDistance: Int
    /// Minimum accumulator value of a peak; nil means half the maximum of each radius's plane.
    public var threshold: Double?
    /// At most this many peaks overall (`total_num_peaks`); nil for all.
    public var totalPeaks: Int?

    public init(minRowDistance: Int = 1, minColDistance: Int = 1, threshold: Double? = nil, totalPeaks: Int? = nil) {
        self.minRowDistance = minRowDistance
        self.minColDistance = minColDistance
        self.threshold = threshold
        self.totalPeaks = totalPeaks
    }
}

extension CircleHoughTransform {
    /// The strongest circles, as scikit-image's `hough_circle_peaks(hspaces, radii, …)` (normalize=False,
    /// num_peaks=inf) returns them: per radius, local maxima of the plane above the threshold, one per connected
    /// plateau (its centroid rounded half-to-even), with neighbourhood suppression (row 0 is never suppressed and
    /// columns wrap with the row mirrored — a quirk kept for identical results); then all radii sorted by value,
    /// and, with distances above 1, peaks too close to a stronger one dropped. Ties between exactly equal values
    /// keep radius order.
    public func peaks(_ options: HoughPeakOptions = HoughPeakOptions()) throws(DescriptorsError) -> [CirclePeak] {
        guard options.minRowDistance >= 0, options.minColDistance >= 0 else {
            throw .invalidArgument("peak distances must be non-negative, got \(options.minRowDistance) rows and "
                + "\(options.minColDistance) columns")
        }
        if let total = options.totalPeaks, total < 0 {
            throw .invalidArgument("the number of peaks must be non-negative, got \(total)")
        }
        var all: [CirclePeak] = []
        for index in radii.indices { all += planePeaks(index, options) }
        // Stable: equal values stay in radius order.
        let sorted = all.enumerated().sorted { a, b in
            a.element.value != b.element.value ? a.element.value > b.element.value : a.offset < b.offset
        }.map(\.element)
        let limit = min(options.totalPeaks ?? sorted.count, sorted.count)
        if options.minRowDistance == 1 && options.minColDistance == 1 { return Array(sorted.prefix(limit)) }
        // Keep a peak unless a kept, stronger one lies within the distances in both directions.
        var kept: [CirclePeak] = []
        var isNeighbour = [Bool](repeating: false, count: sorted.count)
        for i in sorted.indices where kept.count < limit && !isNeighbour[i] {
            kept.append(sorted[i])
            for j in (i + 1)..<sorted.count
            where abs(sorted[j].row - sorted[i].row) <= options.minRowDistance
                && abs(sorted[j].col - sorted[i].col) <= options.minColDistance {
                isNeighbour[j] = true
            }
        }
        return kept
    }

    /// scikit-image's `_prominent_peaks` on one radius's plane, on integer votes (the normalised value is a
    /// strictly increasing function of the votes within a plane).
    private func planePeaks(_ radiusIndex: Int, _ options: HoughPeakOptions) -> [CirclePeak] {
        let plane = votes(radiusIndex: radiusIndex)
        let values = (0...offsetCounts[radiusIndex]).map { value(votes: UInt32($0), radiusIndex: radiusIndex) }
        let threshold = options.threshold ?? 0.5 * values[Int(plane.max() ?? 0)]
        // Smallest vote count whose value exceeds the threshold.
        guard let minimumVotes = values.firstIndex(where: { $0 > threshold }) else { return [] }
        let dy = options.minRowDistance, dx = options.minColDistance
        let rows = self.rows, cols = self.cols

        return plane.withUnsafeBufferPointer { h in
            /// The (2dy+1)×(2dx+1) maximum filter at (r, c), clipped to the plane (values are ≥ 0, so this equals
            /// a zero-padded filter).
            func windowMax(_ r: Int, _ c: Int) -> UInt32 {
                var m: UInt32 = 0
                for rr in max(0, r - dy)...min(rows - 1, r + dy) {
                    for cc in max(0, c - dx)...min(cols - 1, c + dx) { m = max(m, h[rr * cols + cc]) }
                }
                return m
            }
            // 1. Candidates: plateau-or-peak pixels above the threshold, in row-major order.
            var candidates: [Int] = []
            for i in 0..<h.count where h[i] >= UInt32(minimumVotes) && h[i] == windowMax(i / cols, i % cols) {
                candidates.append(i)
            }
            // 2. 8-connected regions, numbered in row-major order of their first pixel.
            var position: [Int: Int] = [:]
            var parent = Array(candidates.indices)
            func root(_ a: Int) -> Int {
                var a = a
                while parent[a] != a { parent[a] = parent[parent[a]]; a = parent[a] }
                return a
            }
            for (k, i) in candidates.enumerated() {
                position[i] = k
                let r = i / cols, c = i % cols
                for (nr, nc) in [(r - 1, c - 1), (r - 1, c), (r - 1, c + 1), (r, c - 1)]
                where nr >= 0 && nc >= 0 && nc < cols {
                    if let other = position[nr * cols + nc] { parent[root(other)] = root(k) }
                }
            }
            struct Region { var count = 0, rowSum = 0, colSum = 0, votes: UInt32 = 0 }
            var regionOfRoot: [Int: Int] = [:]
            var regions: [Region] = []
            for (k, i) in candidates.enumerated() {
                let id: Int
                if let existing = regionOfRoot[root(k)] { id = existing } else {
                    id = regions.count
                    regionOfRoot[root(k)] = id
                    regions.append(Region())
                }
                regions[id].count += 1
                regions[id].rowSum += i / cols
                regions[id].colSum += i % cols
                regions[id].votes = max(regions[id].votes, h[i])
            }
            // 3. Strongest first; equal values in reverse label order (a stable ascending sort, reversed).
            let order = regions.indices.sorted { a, b in
                regions[a].votes != regions[b].votes ? regions[a].votes > regions[b].votes : a > b
            }
            // 4. Accept at the rounded centroid unless suppressed by a stronger accepted peak.
            var suppressed = Set<Int>()
            var peaks: [CirclePeak] = []
            for id in order {
                let row = roundHalfToEven(regions[id].rowSum, regions[id].count)
                let col = roundHalfToEven(regions[id].colSum, regions[id].count)
                let m = suppressed.contains(row * cols + col) ? 0 : windowMax(row, col)
                guard values[Int(m)] > threshold else { continue }
                peaks.append(CirclePeak(value: values[Int(m)], row: row, col: col, radius: radii[radiusIndex],
                                        votes: Int(m)))
                for sr in (row - dy)...(row + dy) where sr > 0 && sr < rows {
                    for sc in (col - dx)...(col + dx) {
                        if sc < 0 {
                            suppressed.insert((rows - sr) * cols + sc + cols)
                        } else if sc >= cols {
                            suppressed.insert((rows - sr) * cols + sc - cols)
                        } else {
                            suppressed.insert(sr * cols + sc)
                        }
                    }
                }
            }
            return peaks
        }
    }
}

/// `numerator / denominator` rounded to the nearest integer, ties to even (NumPy's `round`); both non-negative.
func roundHalfToEven(_ numerator: Int, _ denominator: Int) -> Int {
    let q = numerator / denominator, twiceRemainder = 2 * (numerator % denominator)
    if twiceRemainder > denominator || (twiceRemainder == denominator && q % 2 != 0) { return q + 1 }
    return q
}
