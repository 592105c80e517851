import Imaging

/// How many pixels carry each pair of labels `(first[p], second[p])` in two label images of the same shape —
/// the sparse contingency table every overlap metric is computed from.
///
/// Built in one pass over the pixels: runs of equal pairs along the row-major order are counted first and only
/// each run touches a hash table, so the cost is O(pixels + runs); the non-zero pairs are then sorted once
/// (O(pairs log pairs), pairs ≪ pixels) so that every sum over the table happens in the same order on every run.
public struct ContingencyTable: Sendable, Equatable {
    /// One non-zero cell: `count` pixels have label `first` in the first image and `second` in the second.
    public struct Entry: Sendable, Hashable {
        public let first: UInt32
        public let second: UInt32
        public let count: Int

        public init(first: UInt32, second: UInt32, count: Int) {
            self.first = first
            self.second = second
            self.count = count
        }
    }

    /// The non-zero cells, sorted by `(first, second)`.
    public let entries: [Entry]
    /// Pixels per label of the first image (its row sums), every label including 0.
    public let firstSizes: [UInt32: Int]
    /// Pixels per label of the second image (its column sums), every label including 0.
    public let secondSizes: [UInt32: Int]
    /// All pixels (the sum of every cell).
    public let pixelCount: Int

    /// Counts the label pairs of `first` and `second`; the names appear in the shape-mismatch error.
    public init(_ first: LabelImage, _ second: LabelImage,
                names: (first: String, second: String) = ("first image", "second image")) throws(MetricsError) {
        guard first.rows == second.rows, first.cols == second.cols else {
            throw .shapeMismatch(first: names.first, firstShape: first.shape, second: names.second, secondShape: second.shape)
        }
        guard !first.isEmpty else { throw .emptyImages(first.shape) }
        var counts: [UInt64: Int] = [:]
        first.values.withUnsafeBufferPointer { a in
            second.values.withUnsafeBufferPointer { b in
                var runKey = UInt64(a[0]) << 32 | UInt64(b[0])
                var runLength = 0
                for p in 0..<a.count {
                    let key = UInt64(a[p]) << 32 | UInt64(b[p])
                    if key != runKey {
                        counts[runKey, default: 0] += runLength
                        runKey = key
                        runLength = 0
                    }
                    runLength += 1
                }
                counts[runKey, default: 0] += runLength
            }
        }
        let sorted = counts.sorted { $0.key < $1.key }
        var entries: [Entry] = []
        entries.reserveCapacity(sorted.count)
        var firstSizes: [UInt32: Int] = [:], secondSizes: [UInt32: Int] = [:]
        for (key, count) in sorted {
            let entry = Entry(first: UInt32(truncatingIfNeeded: key >> 32), second: UInt32(truncatingIfNeeded: key), count: count)
            entries.append(entry)
            firstSizes[entry.first, default: 0] += count
            secondSizes[entry.second, default: 0] += count
        }
        self.entries = entries
        self.firstSizes = firstSizes
        self.secondSizes = secondSizes
        self.pixelCount = first.count
    }
}
