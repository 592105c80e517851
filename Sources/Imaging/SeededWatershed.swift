/// Marker-based watershed on a 4-connected grid, reproducing `skimage.segmentation.watershed(image, markers,
/// connectivity=1, mask=mask)` exactly, ties included.
///
/// A min-priority queue of `(priority, age, pixel)`: marker pixels enter with their image value and age 0; popping a
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
        var labels = markers.values
        if let mask {
            for i in labels.indices where !mask.values[i] { labels[i] = 0 }
        }
        var queue = PriorityQueue(capacity: rows * cols)
        image.values.withUnsafeBufferPointer { f in
            labels.withUnsafeMutableBufferPointer { out in
                let allowed: (Int) -> Bool
                if let maskValues = mask?.values { allowed = { maskValues[$0] } } else { allowed = { _ in true } }
                for i in 0..<(rows * cols) where out[i] != 0 {
                    queue.push(key: PriorityQueue.key(f[i], age: 0), pixel: UInt32(i))
                }
                var age: UInt32 = 0
                while let (key, pixel) = queue.pop() {
                    let p = Int(pixel)
                    let label = out[p], priority = PriorityQueue.priority(of: key)
                    let r = p / cols, c = p - r * cols
                    @inline(__always) func visit(_ q: Int) {
                        guard out[q] == 0, allowed(q) else { return }
                        age += 1
                        out[q] = label
                        queue.push(key: PriorityQueue.key(max(f[q], priority), age: age), pixel: UInt32(q))
                    }
                    if r > 0 { visit(p - cols) }
                    if c > 0 { visit(p - 1) }
                    if c + 1 < cols { visit(p + 1) }
                    if r + 1 < rows { visit(p + cols) }
                }
            }
        }
        return LabelImage(uncheckedRows: rows, cols: cols, values: labels)
    }
}

/// A binary min-heap of `(key, pixel)` where the key packs an order-preserving encoding of a Float priority (high 32
/// bits) and an age (low 32 bits), so one integer comparison orders by priority, then age.
struct PriorityQueue {
    private var keys: [UInt64] = []
    private var pixels: [UInt32] = []

    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        pixels.reserveCapacity(capacity)
    }

    /// A key ordering by priority, then age.
    @inline(__always) static func key(_ priority: Float, age: UInt32) -> UInt64 {
        UInt64(orderedBits(priority)) << 32 | UInt64(age)
    }

    /// Bits of a non-NaN Float whose unsigned order is the Float order (−0 is treated as +0).
    @inline(__always) static func orderedBits(_ value: Float) -> UInt32 {
        let bits = (value + 0).bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    @inline(__always) static func priority(of key: UInt64) -> Float {
        let ordered = UInt32(truncatingIfNeeded: key >> 32)
        return Float(bitPattern: ordered & 0x8000_0000 != 0 ? ordered & 0x7FFF_FFFF : ~ordered)
    }

    mutating func push(key: UInt64, pixel: UInt32) {
        keys.append(key)
        pixels.append(pixel)
        var i = keys.count - 1
        keys.withUnsafeMutableBufferPointer { k in
            pixels.withUnsafeMutableBufferPointer { p in
                while i > 0 {
                    let parent = (i - 1) >> 1
                    if k[parent] <= key { break }
                    k[i] = k[parent]; p[i] = p[parent]
                    i = parent
                }
                k[i] = key; p[i] = pixel
            }
        }
    }

    mutating func pop() -> (UInt64, UInt32)? {
        guard let lastKey = keys.last, let lastPixel = pixels.last else { return nil }
        let top = (keys[0], pixels[0])
        keys.removeLast(); pixels.removeLast()
        let n = keys.count
        if n == 0 { return top }
        keys.withUnsafeMutableBufferPointer { k in
            pixels.withUnsafeMutableBufferPointer { p in
                var i = 0
                while true {
                    var child = 2 * i + 1
                    if child >= n { break }
                    if child + 1 < n && k[child + 1] < k[child] { child += 1 }
                    if k[child] >= lastKey { break }
                    k[i] = k[child]; p[i] = p[child]
                    i = child
                }
                k[i] = lastKey; p[i] = lastPixel
            }
        }
        return top
    }
}
