/// Drawing on images: grey backgrounds, colour blending and label boundaries, for reward maps and reports.
public enum Overlay {
    /// A grey colour image of intensities, stretched so the image's own minimum is black and maximum white
    /// (dim microscopy images stay readable).
    public static func grey(_ image: Image) -> ColourImage {
        let low = image.values.min() ?? 0, high = image.values.max() ?? 1
        let scale: Float = high > low ? 1 / (high - low) : 0
        return image.map { ColourMap.grey(($0 - low) * scale) }
    }

    /// `(1 − alpha) · base + alpha · colour` per pixel where `colour` is non-nil; other pixels keep `base`.
    public static func blend(_ base: ColourImage, with colours: Grid<SIMD3<Float>?>, alpha: Float) throws(ImagingError) -> ColourImage {
        try base.requireSameShape(as: colours, "base vs colours")
        var values = base.values
        for (i, colour) in colours.values.enumerated() {
            if let colour { values[i] = (1 - alpha) * values[i] + alpha * colour }
        }
        return ColourImage(uncheckedRows: base.rows, cols: base.cols, values: values)
    }

    /// The boundary pixels of a label image: a pixel whose right or lower 4-neighbour has another label, reported as
    /// `(pixel index, neighbour index)` pairs in row-major order, so callers can colour by the two labels.
    public static func boundaryPairs(_ labels: LabelImage) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        let rows = labels.rows, cols = labels.cols
        labels.values.withUnsafeBufferPointer { v in
            for r in 0..<rows {
                for c in 0..<cols {
                    let i = r * cols + c
                    if c + 1 < cols, v[i] != v[i + 1] { pairs.append((i, i + 1)) }
                    if r + 1 < rows, v[i] != v[i + cols] { pairs.append((i, i + cols)) }
                }
            }
        }
        return pairs
    }

    /// Paints both pixels of every boundary pair with the colour `colour(a, b)` returns for its labels (nil: unpainted).
    /// With `bothSides: false` only the upper or left pixel of each pair is painted: lines one pixel wide, for
    /// small images with many regions.
    public static func drawBoundaries(on image: ColourImage, labels: LabelImage, bothSides: Bool = true,
                                      colour: (UInt32, UInt32) -> SIMD3<Float>?) throws(ImagingError) -> ColourImage {
        try image.requireSameShape(as: labels, "image vs labels")
        var values = image.values
        for (p, q) in boundaryPairs(labels) {
            guard let paint = colour(labels.values[p], labels.values[q]) else { continue }
            values[p] = paint
            if bothSides { values[q] = paint }
        }
        return ColourImage(uncheckedRows: image.rows, cols: image.cols, values: values)
    }
}

extension Raster {
    /// An 8-bit RGB raster of a colour image (channels clipped to [0, 1]), ready for `PNGFile.write`.
    public init(colour image: ColourImage) throws(ImagingError) {
        var bytes = [UInt8](repeating: 0, count: image.values.count * 3)
        for (i, pixel) in image.values.enumerated() {
            let clipped = (pixel.replacing(with: 0, where: .!(pixel .== pixel)).clamped(lowerBound: .zero, upperBound: .one)) * 255
            bytes[3 * i] = UInt8(clipped.x.rounded())
            bytes[3 * i + 1] = UInt8(clipped.y.rounded())
            bytes[3 * i + 2] = UInt8(clipped.z.rounded())
        }
        try self.init(rows: image.rows, cols: image.cols, channels: 3, samples: .uint8(bytes))
    }
}
