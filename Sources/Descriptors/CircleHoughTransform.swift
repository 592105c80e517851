import Dispatch
import Imaging

/// The circle Hough transform of a binary edge image over a set of radii, as scikit-image's
/// `hough_circle(edges, radii, normalize=True)`.
///
/// Every edge pixel `p` votes at `p + o` for every Bresenham offset `o` of the radius (duplicates vote twice;
/// targets outside the image are dropped). The normalised accumulator is `votes / n_offsets(R)` — the fraction of
/// the circle's perimeter covered by edge pixels — and is reproduced bit for bit: scikit-image adds `1/n_offsets`
/// once per vote in float64, so `value(k)` is that k-fold sum, not the correctly rounded quotient.
public struct CircleHoughTransform: Sendable {
    public let rows: Int
    public let cols: Int
    /// The radii, one accumulator plane each, in the given order.
    public let radii: [Int]
    /// Raw vote counts, plane after plane: `votes[(radiusIndex * rows + row) * cols + col]`.
    public let votes: [UInt32]
    /// `offsetCounts[radiusIndex]` = number of Bresenham offsets (with duplicates) of that radius.
    public let offsetCounts: [Int]
    /// `normalisedValues[radiusIndex][k]` = scikit-image's accumulator value for `k` votes.
    private let normalisedValues: [[Double]]

    /// Transforms an edge image (e.g. an `Image`, or `Outline.edgeImage`): every non-zero pixel is an edge pixel.
    @inlinable
    public init<Element: Sendable & Equatable & ExpressibleByIntegerLiteral>(edges: Grid<Element>, radii: [Int])
        throws(DescriptorsError) {
        var points: [PixelPoint] = []
        for r in 0..<edges.rows {
            for c in 0..<edges.cols where edges[r, c] != 0 { points.append(PixelPoint(row: r, col: c)) }
        }
        try self.init(edgePixels: points, rows: edges.rows, cols: edges.cols, radii: radii)
    }

    /// Transforms a list of edge pixels of a `rows × cols` image. The radii are processed in parallel.
    public init(edgePixels: [PixelPoint], rows: Int, cols: Int, radii: [Int]) throws(DescriptorsError) {
        guard !radii.isEmpty else { throw .invalidArgument("the circle Hough transform needs at least one radius") }
        if let bad = radii.first(where: { $0 < 1 }) {
            throw .invalidArgument("circle radii must be at least 1, got \(bad)")
        }
        guard rows >= 0, cols >= 0 else { throw .invalidArgument("image size \(rows)×\(cols) is negative") }
        if let outside = edgePixels.first(where: { !(0..<rows).contains($0.row) || !(0..<cols).contains($0.col) }) {
            throw .invalidArgument("edge pixel (\(outside.row), \(outside.col)) lies outside the \(rows)×\(cols) image")
        }
        self.rows = rows
        self.cols = cols
        self.radii = radii
        let offsets = radii.map(CirclePerimeter.bresenhamOffsets(radius:))
        offsetCounts = offsets.map(\.count)
        normalisedValues = offsets.map { Self.repeatedSums(increment: 1 / Double($0.count), upTo: $0.count) }
        let planeSize = rows * cols
        var votes = [UInt32](repeating: 0, count: radii.count * planeSize)
        votes.withUnsafeMutableBufferPointer { all in
            let shared = SharedBuffer(all)
            DispatchQueue.concurrentPerform(iterations: radii.count) { index in
                let plane = UnsafeMutableBufferPointer(rebasing: shared.buffer[(index * planeSize)..<((index + 1) * planeSize)])
                Self.vote(edgePixels, offsets: offsets[index], radius: radii[index], rows: rows, cols: cols, into: plane)
            }
        }
        self.votes = votes
    }

    /// scikit-image's normalised accumulator value of `count` votes at radius index `radiusIndex`.
    @inline(__always)
    public func value(votes count: UInt32, radiusIndex: Int) -> Double {
        normalisedValues[radiusIndex][Int(count)]
    }

    /// The raw votes of one radius, row-major.
    public func votes(radiusIndex: Int) -> ArraySlice<UInt32> {
        votes[(radiusIndex * rows * cols)..<((radiusIndex + 1) * rows * cols)]
    }

    /// The normalised accumulator plane of one radius, row-major.
    public func accumulator(radiusIndex: Int) -> [Double] {
        votes(radiusIndex: radiusIndex).map { normalisedValues[radiusIndex][Int($0)] }
    }

    /// `[0, x, x + x, …]`: the float64 values scikit-image reaches by adding `x` once per vote.
    static func repeatedSums(increment: Double, upTo count: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: count + 1)
        for k in stride(from: 1, through: count, by: 1) { sums[k] = sums[k - 1] + increment }
        return sums
    }

    /// Adds one radius's votes; pixels at least `radius` from every border skip the bounds checks.
    static func vote(_ edgePixels: [PixelPoint], offsets: [PixelPoint], radius: Int, rows: Int, cols: Int,
                     into plane: UnsafeMutableBufferPointer<UInt32>) {
        let linear = offsets.map { $0.row * cols + $0.col }
        linear.withUnsafeBufferPointer { linear in
            for p in edgePixels {
                if p.row >= radius, p.row + radius < rows, p.col >= radius, p.col + radius < cols {
                    let base = p.row * cols + p.col
                    for o in linear { plane[base + o] &+= 1 }
                } else {
                    for o in offsets {
                        let r = p.row + o.row, c = p.col + o.col
                        if r >= 0, r < rows, c >= 0, c < cols { plane[r * cols + c] &+= 1 }
                    }
                }
            }
        }
    }
}

/// A buffer handed to `concurrentPerform` iterations that write disjoint parts of it.
/// `@unchecked Sendable`: the caller guarantees the parts do not overlap and the buffer outlives the loop.
struct SharedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
