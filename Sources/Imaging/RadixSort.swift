/// Least-significant-digit radix sort of 64-bit keys, 8 bits per pass (256 buckets stay in cache): linear time for
/// the millions of keys that pixel and edge orderings produce.
enum RadixSort {
    /// Sorts by the bits from `lowestBit` up (a multiple of 8); lower bits keep their input order (stable), so keys
    /// whose low bits are already ascending need only the high passes.
    static func sort(_ keys: inout [UInt64], lowestBit: Int = 0) {
        let n = keys.count
        guard n > 1 else { return }
        var scratch = [UInt64](repeating: 0, count: n)
        var shift = UInt64(lowestBit)
        while shift < 64 {
            keys.withUnsafeBufferPointer { k in
                scratch.withUnsafeMutableBufferPointer { s in
                    var counts = (0..<257).map { _ in 0 }
                    counts.withUnsafeMutableBufferPointer { counts in
                        for key in k { counts[Int((key >> shift) & 0xFF) + 1] += 1 }
                        for b in 1...256 { counts[b] += counts[b - 1] }
                        for key in k {
                            let b = Int((key >> shift) & 0xFF)
                            s[counts[b]] = key
                            counts[b] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
            shift += 8
        }
    }
}

/// Floats as unsigned integers in the same order, so that value-then-index keys sort as one integer.
enum SortableFloat {
    /// Bits of a non-NaN Float whose unsigned order is the Float order (−0 is treated as +0).
    @inline(__always) static func bits(_ value: Float) -> UInt32 {
        let bits = (value + 0).bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    /// The Float whose `bits(_:)` are `ordered`.
    @inline(__always) static func value(_ ordered: UInt32) -> Float {
        Float(bitPattern: ordered & 0x8000_0000 != 0 ? ordered & 0x7FFF_FFFF : ~ordered)
    }
}
