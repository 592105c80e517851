import Imaging

/// The region adjacency graph of a superpixel image (4-connectivity): one node per superpixel, one edge per pair of
/// superpixels that touch across at least one pair of 4-adjacent pixels, in the project's edge order (`u < v`,
/// lexicographic).
public struct RegionAdjacencyGraph: Sendable, Equatable {
    /// Per-superpixel measurements. Coordinates are `(row, col)` of pixel centres.
    public struct Node: Sendable, Equatable {
        public var pixelCount: Int
        public var centroidRow: Double
        public var centroidCol: Double
        /// Mean, minimum and maximum of the intensity image over the superpixel; nil without an intensity image.
        public var intensity: IntensityStatistics?

        public init(pixelCount: Int, centroidRow: Double, centroidCol: Double, intensity: IntensityStatistics?) {
            self.pixelCount = pixelCount
            self.centroidRow = centroidRow
            self.centroidCol = centroidCol
            self.intensity = intensity
        }
    }

    public struct IntensityStatistics: Sendable, Equatable {
        public var mean: Float
        public var min: Float
        public var max: Float

        public init(mean: Float, min: Float, max: Float) {
            self.mean = mean
            self.min = min
            self.max = max
        }
    }

    public let graph: Graph
    public let nodes: [Node]
    /// Per edge: the number of 4-adjacent pixel pairs `(p, q)` with `p` in one superpixel and `q` in the other.
    public let boundaryLengths: [Int]
    /// Per edge: the mean over those pixel pairs of `(b[p] + b[q]) / 2`, `b` the boundary map; nil without one.
    /// Averaging both sides makes the value symmetric and independent of which side a boundary ridge was drawn on.
    public let meanBoundaryValues: [Float]?

    public var nodeCount: Int { graph.nodeCount }
    public var edges: [Edge] { graph.edges }

    /// Builds the graph in one pass over the pixels, then orders the boundary pixel pairs by a counting sort on `u`
    /// and a small sort on `v` within each `u`.
    ///
    /// - Parameters:
    ///   - labels: superpixel ids, consecutive from 0 (every id `0...max` present), else `.nonConsecutiveLabels`.
    ///   - intensities: optional image of the same shape for the node intensity statistics.
    ///   - boundaries: optional boundary map (e.g. a gradient magnitude) of the same shape for the edge values.
    public init(labels: LabelImage, intensities: Image? = nil, boundaries: Image? = nil) throws(GraphError) {
        if let intensities { try Self.requireShape(intensities, of: labels, "intensity image") }
        if let boundaries { try Self.requireShape(boundaries, of: labels, "boundary map") }
        let rows = labels.rows, cols = labels.cols
        let maximum = labels.values.max()
        let nodeCount = maximum.map { Int($0) + 1 } ?? 0
        // More ids than pixels: some id is surely missing. Find the smallest without allocating per id.
        if let maximum, nodeCount > labels.count {
            var present = [Bool](repeating: false, count: labels.count + 1)
            for label in labels.values where Int(label) <= labels.count { present[Int(label)] = true }
            throw .nonConsecutiveLabels(maximum: maximum, missing: UInt32(present.firstIndex(of: false) ?? labels.count))
        }

        var counts = [Int](repeating: 0, count: nodeCount)
        var rowSums = [Double](repeating: 0, count: nodeCount)
        var colSums = [Double](repeating: 0, count: nodeCount)
        var intensitySums = [Double](repeating: 0, count: intensities == nil ? 0 : nodeCount)
        var intensityMins = [Float](repeating: .infinity, count: intensities == nil ? 0 : nodeCount)
        var intensityMaxs = [Float](repeating: -.infinity, count: intensities == nil ? 0 : nodeCount)
        // Boundary pixel pairs as (u << 32 | v) with u < v, and their boundary values.
        var pairs: [UInt64] = []
        var pairValues: [Float] = []
        pairs.reserveCapacity(rows * cols / 4)
        if boundaries != nil { pairValues.reserveCapacity(rows * cols / 4) }

        let intensityValues = intensities?.values ?? []
        let boundaryValues = boundaries?.values ?? []
        labels.values.withUnsafeBufferPointer { label in
            intensityValues.withUnsafeBufferPointer { intensity in
                boundaryValues.withUnsafeBufferPointer { boundary in
                    let hasIntensity = !intensity.isEmpty, hasBoundary = !boundary.isEmpty
                    for r in 0..<rows {
                        let base = r * cols
                        for c in 0..<cols {
                            let p = base + c
                            let a = Int(label[p])
                            counts[a] += 1
                            rowSums[a] += Double(r)
                            colSums[a] += Double(c)
                            if hasIntensity {
                                let x = intensity[p]
                                intensitySums[a] += Double(x)
                                intensityMins[a] = Swift.min(intensityMins[a], x)
                                intensityMaxs[a] = Swift.max(intensityMaxs[a], x)
                            }
                            if c + 1 < cols, label[p + 1] != label[p] {
                                let b = Int(label[p + 1])
                                pairs.append(UInt64(Swift.min(a, b)) << 32 | UInt64(Swift.max(a, b)))
                                if hasBoundary { pairValues.append((boundary[p] + boundary[p + 1]) / 2) }
                            }
                            if r + 1 < rows, label[p + cols] != label[p] {
                                let b = Int(label[p + cols])
                                pairs.append(UInt64(Swift.min(a, b)) << 32 | UInt64(Swift.max(a, b)))
                                if hasBoundary { pairValues.append((boundary[p] + boundary[p + cols]) / 2) }
                            }
                        }
                    }
                }
            }
        }
        if let missing = counts.firstIndex(of: 0), let maximum {
            throw .nonConsecutiveLabels(maximum: maximum, missing: UInt32(missing))
        }

        nodes = (0..<nodeCount).map { n in
            Node(pixelCount: counts[n], centroidRow: rowSums[n] / Double(counts[n]),
                 centroidCol: colSums[n] / Double(counts[n]),
                 intensity: intensities == nil ? nil
                     : IntensityStatistics(mean: Float(intensitySums[n] / Double(counts[n])),
                                           min: intensityMins[n], max: intensityMaxs[n]))
        }
        let (edges, lengths, means) = Self.aggregate(pairs: pairs, values: pairValues, nodeCount: nodeCount)
        graph = Graph(validatedNodeCount: nodeCount, edges: edges)
        boundaryLengths = lengths
        meanBoundaryValues = boundaries == nil ? nil : means
    }

    /// Groups equal pixel pairs into edges in lexicographic order: counting sort by `u`, then sort by `v` per bucket.
    private static func aggregate(pairs: [UInt64], values: [Float], nodeCount: Int)
        -> (edges: [Edge], lengths: [Int], means: [Float]) {
        let hasValues = !values.isEmpty
        var bucketStart = [Int](repeating: 0, count: nodeCount + 1)
        for key in pairs { bucketStart[Int(key >> 32) + 1] += 1 }
        for n in 0..<nodeCount { bucketStart[n + 1] += bucketStart[n] }
        var cursor = bucketStart
        var sortedV = [UInt32](repeating: 0, count: pairs.count)
        var sortedValues = [Float](repeating: 0, count: hasValues ? pairs.count : 0)
        for (i, key) in pairs.enumerated() {
            let u = Int(key >> 32)
            sortedV[cursor[u]] = UInt32(truncatingIfNeeded: key)
            if hasValues { sortedValues[cursor[u]] = values[i] }
            cursor[u] += 1
        }
        var edges: [Edge] = [], lengths: [Int] = [], means: [Float] = []
        var order: [Int] = []
        for u in 0..<nodeCount where bucketStart[u] < bucketStart[u + 1] {
            let bucket = bucketStart[u]..<bucketStart[u + 1]
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: bucket)
            order.sort { sortedV[$0] < sortedV[$1] }
            var i = 0
            while i < order.count {
                let v = sortedV[order[i]]
                var j = i, sum = 0.0
                while j < order.count, sortedV[order[j]] == v {
                    if hasValues { sum += Double(sortedValues[order[j]]) }
                    j += 1
                }
                edges.append(Edge(u, Int(v)))
                lengths.append(j - i)
                if hasValues { means.append(Float(sum / Double(j - i))) }
                i = j
            }
        }
        return (edges, lengths, means)
    }

    private static func requireShape(_ image: Image, of labels: LabelImage, _ what: String) throws(GraphError) {
        guard image.rows == labels.rows, image.cols == labels.cols else {
            throw .shapeMismatch(what: what, expected: "\(labels.shape)", actual: "\(image.shape)")
        }
    }
}
