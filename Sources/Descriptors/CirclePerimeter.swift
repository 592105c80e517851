/// The offsets of scikit-image's Bresenham circle (`skimage.draw.circle_perimeter(0, 0, radius)`), in its order,
/// **duplicates included**: the circle Hough transform votes once per offset and normalises by their count, so the
/// duplicates (e.g. `(8, 0)` twice for radius 8) are part of its definition.
public enum CirclePerimeter {
    /// `(Δrow, Δcol)` offsets; `radius ≥ 0` (radius 0 gives eight copies of `(0, 0)`).
    public static func bresenhamOffsets(radius: Int) -> [PixelPoint] {
        var offsets: [PixelPoint] = []
        var r = 0, c = radius, d = 3 - 2 * radius
        while r <= c {
            for (dr, dc) in [(c, r), (-c, r), (c, -r), (-c, -r), (r, c), (-r, c), (r, -c), (-r, -c)] {
                offsets.append(PixelPoint(row: dr, col: dc))
            }
            if d < 0 {
                d += 4 * r + 6
            } else {
                d += 4 * (r - c) + 10
                c -= 1
            }
            r += 1
        }
        return offsets
    }
}
