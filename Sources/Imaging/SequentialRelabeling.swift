/// `skimage.segmentation.relabel_sequential`: the distinct nonzero labels, sorted by value, become
/// `offset, offset + 1, …`; 0 stays 0.
public struct SequentialRelabeling: Sendable, Equatable {
    /// The relabelled image.
    public let labels: LabelImage
    /// Old label → new label for every label present, including `0 → 0`.
    public let forward: [UInt32: UInt32]

    /// Relabels `labels` with new labels starting at `offset` (≥ 1).
    public init(_ labels: LabelImage, offset: UInt32 = 1) throws(ImagingError) {
        guard offset >= 1 else { throw .invalidArgument("relabel offset must be at least 1, got \(offset)") }
        let present = Set(labels.values).subtracting([0]).sorted()
        guard UInt64(offset) + UInt64(present.count) - 1 <= UInt64(UInt32.max) else {
            throw .invalidArgument("relabelling \(present.count) labels from offset \(offset) overflows UInt32")
        }
        var forward: [UInt32: UInt32] = [0: 0]
        for (i, old) in present.enumerated() { forward[old] = offset + UInt32(i) }
        var values = labels.values
        // A dense table when the labels are small, a dictionary otherwise.
        if let top = present.last, Int(top) <= 4 * labels.count + 1024 {
            var table = [UInt32](repeating: 0, count: Int(top) + 1)
            for (old, new) in forward { table[Int(old)] = new }
            for i in values.indices { values[i] = table[Int(values[i])] }
        } else {
            for i in values.indices { values[i] = forward[values[i]] ?? 0 }
        }
        self.labels = LabelImage(uncheckedRows: labels.rows, cols: labels.cols, values: values)
        self.forward = forward
    }
}
