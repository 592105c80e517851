import Foundation
import Imaging
import Randomness

/// Synthetic "circles on structured ground" (paper §4.1, Fig. 4): textured disks of a known radius range on a
/// background with gradients, waves and non-circular clutter, plus noise. The mask holds only the circles.
///
/// Image: Float in [0, 1]. Background = base level + a linear gradient in a random direction + three low-frequency
/// waves. Clutter (label 0): rotated bars, triangles and irregular star-shaped blobs of circle-like brightness,
/// drawn first so circles cover them. Circles: level drawn per circle, with an internal texture (a random oblique
/// stripe pattern plus concentric rings); centres keep `minimumSeparation · (r₁ + r₂)` apart, so with the default
/// 0.85 circles may touch and overlap slightly, the later one drawn on top. Every circle lies inside the image.
/// Finally Gaussian noise of `noise` standard deviation, then clipping to [0, 1].
public struct SyntheticCircles: Sendable, Hashable {
    /// Radii are drawn uniformly from this range (pixels). Default 10…19, the radii the circle rule looks for.
    public var radius: ClosedRange<Double> = 10...19
    /// Circles per image, drawn uniformly. Default 10…20.
    public var circles: ClosedRange<Int> = 10...20
    /// Non-circular distractor shapes per image. Default 4…10.
    public var distractors: ClosedRange<Int> = 4...10
    /// Standard deviation of the additive Gaussian noise. Default 0.05.
    public var noise: Double = 0.05
    /// Minimum centre distance as a fraction of the two radii's sum (1 = no overlap). Default 0.85.
    public var minimumSeparation: Double = 0.85

    public init() {}

    /// One placed circle of the mask (label = its index + 1).
    public struct Circle: Sendable, Hashable {
        public let row: Double
        public let col: Double
        public let radius: Double
        public let label: UInt32
    }

    /// A generated image with its instance mask and the circles drawn.
    public struct Sample: Sendable, Equatable {
        public let image: Image
        public let mask: LabelImage
        public let circles: [Circle]
    }

    /// Checks the parameters against an image size.
    public func validate(size: Int) throws(SyntheticDataError) {
        guard size >= 16 else { throw .invalidParameter(name: "size", value: "\(size)", expected: "at least 16 pixels") }
        guard radius.lowerBound >= 1, 2 * radius.upperBound < Double(size) else {
            throw .invalidParameter(name: "radius", value: "\(radius)", expected: "radii ≥ 1 whose diameter fits in \(size) px")
        }
        guard circles.lowerBound >= 0 else { throw .invalidParameter(name: "circles", value: "\(circles)", expected: "counts ≥ 0") }
        guard distractors.lowerBound >= 0 else {
            throw .invalidParameter(name: "distractors", value: "\(distractors)", expected: "counts ≥ 0")
        }
        guard noise >= 0, noise.isFinite else { throw .invalidParameter(name: "noise", value: "\(noise)", expected: "≥ 0") }
        guard minimumSeparation > 0.5, minimumSeparation.isFinite else {
            throw .invalidParameter(name: "minimumSeparation", value: "\(minimumSeparation)",
                                    expected: "> 0.5 (so no circle can hide another)")
        }
    }

    /// Generates one `size × size` sample from `generator`.
    public func generate(size: Int, using generator: inout SplitMix64) throws(SyntheticDataError) -> Sample {
        try validate(size: size)
        var image = Image(rows: size, cols: size, repeating: 0)
        var mask = LabelImage(rows: size, cols: size, repeating: 0)
        drawBackground(&image, using: &generator)
        let distractorCount = generator.nextInt(in: distractors)
        for _ in 0..<distractorCount { drawDistractor(&image, using: &generator) }
        let placed = try placeCircles(size: size, using: &generator)
        for circle in placed {
            let level = generator.nextUniform(0.55, 0.8)
            let stripeAngle = generator.nextUniform(0, .pi)
            let (stripeRow, stripeCol) = (sin(stripeAngle), cos(stripeAngle))
            let stripePeriod = generator.nextUniform(4, 8), stripePhase = generator.nextUniform(0, 2 * .pi)
            let ringPeriod = generator.nextUniform(4, 7)
            ShapeRaster.disk(centerRow: circle.row, centerCol: circle.col, radius: circle.radius, rows: size, cols: size) { r, c in
                let dr = Double(r) - circle.row, dc = Double(c) - circle.col
                let stripes = 0.07 * sin(2 * .pi * (dr * stripeRow + dc * stripeCol) / stripePeriod + stripePhase)
                let rings = 0.05 * cos(2 * .pi * (dr * dr + dc * dc).squareRoot() / ringPeriod)
                image[r, c] = Float(level + stripes + rings)
                mask[r, c] = circle.label
            }
        }
        addNoise(&image, sigma: noise, using: &generator)
        return Sample(image: image, mask: mask, circles: placed)
    }

    /// Rejection sampling of centres and radii, everything inside the image.
    private func placeCircles(size: Int, using generator: inout SplitMix64) throws(SyntheticDataError) -> [Circle] {
        let count = generator.nextInt(in: circles)
        var placed: [Circle] = []
        var attempts = 0
        while placed.count < count {
            attempts += 1
            guard attempts <= 2000 * max(count, 1) else {
                throw .cannotPlace(objects: count, size: size,
                                   reason: "only \(placed.count) circles of radius \(radius) fit; lower the count or radius")
            }
            let r = generator.nextUniform(radius.lowerBound, radius.upperBound)
            let row = generator.nextUniform(r, Double(size - 1) - r), col = generator.nextUniform(r, Double(size - 1) - r)
            let fits = placed.allSatisfy { other in
                let d = ((row - other.row) * (row - other.row) + (col - other.col) * (col - other.col)).squareRoot()
                return d >= minimumSeparation * (r + other.radius)
            }
            if fits { placed.append(Circle(row: row, col: col, radius: r, label: UInt32(placed.count + 1))) }
        }
        return placed
    }

    private func drawBackground(_ image: inout Image, using generator: inout SplitMix64) {
        let size = Double(image.rows)
        let base = generator.nextUniform(0.15, 0.3), slope = generator.nextUniform(0.1, 0.25)
        let gradientAngle = generator.nextUniform(0, 2 * .pi)
        let waves = (0..<3).map { _ in
            (amplitude: generator.nextUniform(0.03, 0.07), angle: generator.nextUniform(0, 2 * .pi),
             cycles: generator.nextUniform(1, 4), phase: generator.nextUniform(0, 2 * .pi))
        }
        for r in 0..<image.rows {
            for c in 0..<image.cols {
                let y = Double(r) / size, x = Double(c) / size
                var value = base + slope * ((y - 0.5) * sin(gradientAngle) + (x - 0.5) * cos(gradientAngle))
                for w in waves {
                    value += w.amplitude * sin(2 * .pi * w.cycles * (y * sin(w.angle) + x * cos(w.angle)) + w.phase)
                }
                image[r, c] = Float(value)
            }
        }
    }

    /// A bar, a triangle or a star-shaped blob, of circle-like brightness.
    private func drawDistractor(_ image: inout Image, using generator: inout SplitMix64) {
        let size = Double(image.rows)
        let row = generator.nextUniform(0, size), col = generator.nextUniform(0, size)
        let scale = generator.nextUniform(radius.lowerBound, radius.upperBound * 1.3)
        let angle = generator.nextUniform(0, 2 * .pi)
        let level = Float(generator.nextUniform(0.45, 0.8))
        var vertices: [(row: Double, col: Double)] = []
        func add(_ along: Double, _ across: Double) {
            vertices.append((row + along * sin(angle) + across * cos(angle), col + along * cos(angle) - across * sin(angle)))
        }
        switch generator.nextInt(in: 0...2) {
        case 0: // elongated bar
            let width = scale * generator.nextUniform(0.2, 0.4)
            for (a, b) in [(-scale, -width), (scale, -width), (scale, width), (-scale, width)] { add(a, b) }
        case 1: // triangle
            for k in 0..<3 {
                let t = 2 * Double.pi * Double(k) / 3 + generator.nextUniform(-0.4, 0.4)
                add(scale * cos(t), scale * sin(t))
            }
        default: // irregular star-shaped blob
            let corners = generator.nextInt(in: 5...9)
            for k in 0..<corners {
                let t = 2 * Double.pi * Double(k) / Double(corners)
                let reach = scale * generator.nextUniform(0.45, 1.1)
                add(reach * cos(t), reach * sin(t))
            }
        }
        ShapeRaster.polygon(vertices, rows: image.rows, cols: image.cols) { r, c in image[r, c] = level }
    }
}
