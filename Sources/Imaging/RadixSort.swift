/// Least-significant-digit radix sort of 64-bit keys, 16 bits per pass: linear time for the millions of keys that
/// pixel and edge orderings produce.
enum RadixSort {
    static func sort(_ keys: inout [UInt64], significantBits: Int = 64) {
        let n = keys.count
        guard n > 1 else { return }
        var scratch = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 65537)
        var shift: UInt64 = 0
        while shift < UInt64(significantBits) {
            for b in counts.indices { counts[b] = 0 }
            keys.withUnsafeBufferPointer { k in
                scratch.withUnsafeMutableBufferPointer { s in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for key in k { counts[Int((key >> shift) & 0xFFFF) + 1] += 1 }
                        for b in 1...65536 { counts[b] += counts[b - 1] }
                        for key in k {
                            let b = Int((key >> shift) & 0xFFFF)
                            s[counts[b]] = key
                            counts[b] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
            shift += 16
        }
    }
}
