/// An axis-aligned pixel box `minRow..<maxRow × minCol..<maxCol` (max exclusive, as scikit-image's `bbox`).
public struct BoundingBox: Sendable, Hashable {
    public var minRow: Int
    public var minCol: Int
    public var maxRow: Int
    public var maxCol: Int

    public init(minRow: Int, minCol: Int, maxRow: Int, maxCol: Int) {
        self.minRow = minRow
        self.minCol = minCol
        self.maxRow = maxRow
        self.maxCol = maxCol
    }

    public var height: Int { maxRow - minRow }
    public var width: Int { maxCol - minCol }
    public var area: Int { height * width }
}
