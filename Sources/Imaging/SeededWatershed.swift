/// Marker-based watershed on a 4-connected grid, reproducing `skimage.segmentation.watershed(image, markers,
/// connectivity=1, mask=mask)` exactly, ties included.
///
/// A min-priority queue of `(priority, age, pixel)`: marker pixels enter first with their image value; popping a
/// pixel visits its neighbours up, left, right, down, and each unlabelled one (inside the mask) is labelled at once
/// with the popped label and queued with `max(image value, popped priority)` and the next age. O(n log n).
public enum SeededWatershed {
    /// Floods `image` from the nonzero `markers`. Pixels outside `mask` (where given) and pixels no marker reaches
    /// stay 0. NaN values are an error.
    public static func flood(_ image: Image, markers: LabelImage, mask: Grid<Bool>? = nil) throws(ImagingError) -> LabelImage {
        try image.requireSameShape(as: markers, "watershed image vs markers")
        if let mask { try image.requireSameShape(as: mask, "watershed image vs mask") }
        if let bad = image.values.firstIndex(where: { $0.isNaN }) {
            throw .invalidArgument("watershed image has NaN at (row \(bad / image.cols), col \(bad % image.cols))")
        }
        let rows = image.rows, cols = image.cols
        // Pixels outside the mask carry a sentinel label while flooding, so the inner loop tests one value.
        let outside = UInt32.max
        var labels = markers.values
        if let mask {
            for i in labels.indices where !mask.values[i] { labels[i] = outside }
        }
        let queue = PriorityQueue(capacity: rows * cols)
        image.values.withUnsafeBufferPointer { f in
            labels.withUnsafeMutableBufferPointer { out in
                // scikit-image gives every marker age 0 and leaves their order to its heap; we number them in raster
                // order instead, so equal-valued markers of different labels flood in a defined order. Every marker
                // is still older than every flooded pixel, so all other ties resolve exactly as in scikit-image.
                var age: UInt32 = 0
                for i in 0..<(rows * cols) where out[i] != 0 && out[i] != outside {
                    queue.push(key: PriorityQueue.key(f[i], age: age), pixel: UInt32(i))
                    age += 1
                }
                while let (key, pixel) = queue.pop() {
                    let p = Int(pixel)
                    let label = out[p], priority = PriorityQueue.priority(of: key)
                    let r = p / cols, c = p - r * cols
                    @inline(__always) func visit(_ q: Int) {
                        guard out[q] == 0 else { return }
                        age += 1
                        out[q] = label
                        queue.push(key: PriorityQueue.key(max(f[q], priority), age: age), pixel: UInt32(q))
                    }
                    if r > 0 { visit(p - cols) }
                    if c > 0 { visit(p - 1) }
                    if c + 1 < cols { visit(p + 1) }
                    if r + 1 < rows { visit(p + cols) }
                }
                if mask != nil {
                    for i in 0..<(rows * cols) where out[i] == outside { out[i] = 0 }
                }
            }
        }
        return LabelImage(uncheckedRows: rows, cols: cols, values: labels)
    }
}

/// A binary min-heap of `(key, pixel)` where the key packs an order-preserving encoding of a Float priority (high 32
/// bits) and an age (low 32 bits), so one integer comparison orders by priority, then age. A class owning raw storage
/// of a fixed capacity (every pixel enters at most once).
final class PriorityQueue {
    private struct Entry {
        var key: UInt64
        var pixel: UInt32
    }

    private let heap: UnsafeMutablePointer<Entry>
    private let capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        heap = .allocate(capacity: self.capacity)
    }

    deinit { heap.deallocate() }

    /// A key ordering by priority, then age.
    @inline(__always) static func key(_ priority: Float, age: UInt32) -> UInt64 {
        UInt64(SortableFloat.bits(priority)) << 32 | UInt64(age)
    }

    @inline(__always) static func priority(of key: UInt64) -> Float {
        SortableFloat.value(UInt32(truncatingIfNeeded: key >> 32))
    }

    @inline(__always) func push(key: UInt64, pixel: UInt32) {
        precondition(count < capacity, "priority queue capacity exceeded")
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if heap[parent].key <= key { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = Entry(key: key, pixel: pixel)
    }

    @inline(__always) func pop() -> (UInt64, UInt32)? {
        guard count > 0 else { return nil }
        let top = heap[0]
        count -= 1
        if count > 0 {
            // Floyd's variant: sink the hole to a leaf along smaller children, then sift the last entry up.
            let last = heap[count]
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= count { break }
                if child + 1 < count && heap[child + 1].key < heap[child].key { child += 1 }
                heap[i] = heap[child]
                i = child
            }
            while i > 0 {
                let parent = (i - 1) >> 1
                if heap[parent].key <= last.key { break }
                heap[i] = heap[parent]
                i = parent
            }
            heap[i] = last
        }
        return (top.key, top.pixel)
    }
}
