/// An integer point `(row, col)`: a pixel centre, or (in doubled coordinates) a pixel-edge midpoint.
public struct PixelPoint: Sendable, Hashable, Comparable {
    public var row: Int
    public var col: Int

    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }

    public static func < (a: PixelPoint, b: PixelPoint) -> Bool {
        a.row != b.row ? a.row < b.row : a.col < b.col
    }
}
