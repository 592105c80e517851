import Imaging

/// The distinct object labels of a label image in increasing order, and every pixel's position in that list
/// (−1 for background).
struct LabelIndex {
    let labels: [UInt32]
    let positions: [Int32]

    init(labels image: LabelImage, background: UInt32?) {
        let values = image.values
        var maxLabel: UInt32 = 0
        for v in values where v > maxLabel { maxLabel = v }
        var positions = [Int32](repeating: -1, count: values.count)
        if Int(maxLabel) <= 2 * values.count + 65_536 {
            // Dense lookup table.
            var table = [Int32](repeating: -1, count: Int(maxLabel) + 1)
            for v in values { table[Int(v)] = 0 }
            if let background, background <= maxLabel { table[Int(background)] = -1 }
            var present: [UInt32] = []
            for label in 0...Int(maxLabel) where table[label] == 0 {
                table[label] = Int32(present.count)
                present.append(UInt32(label))
            }
            table.withUnsafeBufferPointer { t in
                positions.withUnsafeMutableBufferPointer { out in
                    for i in 0..<values.count { out[i] = t[Int(values[i])] }
                }
            }
            self.labels = present
        } else {
            // Sparse, huge label values: sort the distinct labels, look up runs through a dictionary.
            var distinct = Set<UInt32>()
            var last: UInt32? = nil
            for v in values where v != last {
                distinct.insert(v)
                last = v
            }
            if let background { distinct.remove(background) }
            let sorted = distinct.sorted()
            let lookup = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
            var lastLabel: UInt32? = nil, lastPosition: Int32 = -1
            for i in 0..<values.count {
                if values[i] != lastLabel {
                    lastLabel = values[i]
                    lastPosition = lookup[values[i]] ?? -1
                }
                positions[i] = lastPosition
            }
            self.labels = sorted
        }
        self.positions = positions
    }
}
