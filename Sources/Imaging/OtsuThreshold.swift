/// Otsu's threshold with scikit-image's semantics (`skimage.filters.threshold_otsu`); foreground is `value > threshold`.
public enum OtsuThreshold {
    /// The threshold of float intensities: `bins` equal bins between the minimum and maximum (edges in Float32, as
    /// `numpy.histogram` makes them), threshold = centre of the bin maximising the between-class variance.
    /// A constant image returns its value. Non-finite values are an error.
    public static func threshold(_ values: [Float], bins: Int = 256) throws(ImagingError) -> Float {
        guard bins >= 2 else { throw .invalidArgument("Otsu needs at least 2 bins, got \(bins)") }
        guard let first = values.first else { throw .invalidArgument("Otsu threshold of an empty image") }
        var low = first, high = first
        for v in values {
            guard v.isFinite else { throw .invalidArgument("Otsu threshold of an image with a non-finite value (\(v))") }
            low = min(low, v)
            high = max(high, v)
        }
        if low == high { return first }
        // numpy.linspace in float64, rounded to float32; the last edge is exactly the maximum.
        let step = (Double(high) - Double(low)) / Double(bins)
        var edges = (0...bins).map { Float(Double($0) * step + Double(low)) }
        edges[bins] = high
        var counts = [Int](repeating: 0, count: bins)
        let scale = Float(bins) / (high - low)
        for v in values {
            var k = min(bins - 1, Int((v - low) * scale))
            while k > 0 && v < edges[k] { k -= 1 }
            while k < bins - 1 && v >= edges[k + 1] { k += 1 }
            counts[k] += 1
        }
        let centers = (0..<bins).map { (edges[$0] + edges[$0 + 1]) / 2 }
        return centers[bestSplit(counts: counts, centers: centers.map(Double.init))]
    }

    /// The threshold of 8-bit samples: one bin per integer value from the minimum to the maximum (scikit-image ignores
    /// `nbins` for integer images). Foreground is `value > threshold`.
    public static func threshold(_ values: [UInt8]) throws(ImagingError) -> UInt8 {
        guard let low = values.min(), let high = values.max() else { throw .invalidArgument("Otsu threshold of an empty image") }
        if low == high { return low }
        var counts = [Int](repeating: 0, count: Int(high - low) + 1)
        for v in values { counts[Int(v - low)] += 1 }
        let centers = (0...Int(high - low)).map { Double(Int(low) + $0) }
        return low + UInt8(bestSplit(counts: counts, centers: centers))
    }

    /// The foreground `image > threshold(image)`.
    public static func foreground(_ image: Image) throws(ImagingError) -> Grid<Bool> {
        let t = try threshold(image.values)
        return image.map { $0 > t }
    }

    /// `argmax_k w1[k] w2[k+1] (m1[k] − m2[k+1])²` over cumulative class weights and means (first maximum).
    /// Both classes are never empty: the first bin holds the minimum and the last the maximum.
    static func bestSplit(counts: [Int], centers: [Double]) -> Int {
        let n = counts.count
        var w2 = [Double](repeating: 0, count: n), s2 = [Double](repeating: 0, count: n)
        var weight = 0.0, sum = 0.0
        for k in stride(from: n - 1, through: 0, by: -1) {
            weight += Double(counts[k]); sum += Double(counts[k]) * centers[k]
            w2[k] = weight; s2[k] = sum
        }
        var best = 0, bestValue = -Double.infinity
        var w1 = 0.0, s1 = 0.0
        for k in 0..<(n - 1) {
            w1 += Double(counts[k]); s1 += Double(counts[k]) * centers[k]
            let m1 = s1 / w1, m2 = s2[k + 1] / w2[k + 1]
            let value = w1 * w2[k + 1] * (m1 - m2) * (m1 - m2)
            if value > bestValue { best = k; bestValue = value }
        }
        return best
    }
}
