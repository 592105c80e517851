/// Filling the holes of a binary mask: background regions that do not touch the image border become foreground.
public enum HoleFilling {
    /// The mask with every hole filled (holes found as 4-connected background components, as in
    /// `scipy.ndimage.binary_fill_holes` with its default structure).
    public static func fill(_ mask: Grid<Bool>) -> Grid<Bool> {
        let background = ConnectedComponents.label(mask.map { !$0 }, connectivity: .four)
        var touchesBorder = [Bool](repeating: false, count: ConnectedComponents.count(background) + 1)
        let rows = mask.rows, cols = mask.cols
        for r in 0..<rows {
            for c in 0..<cols where r == 0 || c == 0 || r == rows - 1 || c == cols - 1 {
                touchesBorder[Int(background[r, c])] = true
            }
        }
        return background.map { $0 == 0 || !touchesBorder[Int($0)] }
    }
}
