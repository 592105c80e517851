import Foundation
import Imaging
import Randomness

/// Synthetic embryo-like cross-sections, standing in for the light-sheet drosophila data of paper §4.3: one
/// elliptical ring of radially elongated cells with bright membranes, a dark interior (yolk) and exterior, uneven
/// illumination and noise. The mask labels the cells 1…n; interior and exterior are 0.
///
/// Geometry, in the ellipse's own frame (`u = x/a`, `v = y/b` after rotating by `rotation`): the ring spans the
/// normalised radius `ρ = √(u² + v²)` from about `innerRadius` to 1, and is cut into cells by rays at jittered
/// angles of `atan2(v, u)`; each cell's inner and outer edge are jittered a little. Rays through the centre make
/// every cell longer along the radius than across it (the ring is thicker than a cell is wide).
/// Image: exterior 0.05, yolk 0.12 with soft texture, cell bodies about 0.3, membranes (pixels next to another
/// label, on both sides, so also just outside the ring) 0.85, smoothed by a 3×3 box filter; times an illumination ramp falling from 1 to 0.55
/// across the image in a random direction; plus Gaussian noise, clipped to [0, 1].
public struct SyntheticEmbryo: Sendable, Hashable {
    /// Cells in the ring, drawn uniformly. Default 32…44 (with the default ring these are 2–4 times longer than wide).
    public var cells: ClosedRange<Int> = 32...44
    /// Inner edge of the ring as a fraction of the outer ellipse. Default 0.55…0.62.
    public var innerRadius: ClosedRange<Double> = 0.55...0.62
    /// Outer semi-major axis as a fraction of the image size. Default 0.36…0.42.
    public var semiMajor: ClosedRange<Double> = 0.36...0.42
    /// Minor / major axis ratio. Default 0.75…0.9.
    public var aspect: ClosedRange<Double> = 0.75...0.9
    /// Standard deviation of the additive Gaussian noise. Default 0.05.
    public var noise: Double = 0.05

    public init() {}

    /// A generated cross-section with its instance mask and geometry.
    public struct Sample: Sendable, Equatable {
        public let image: Image
        public let mask: LabelImage
        /// Centre of the ellipse `(row, col)`.
        public let centerRow: Double
        public let centerCol: Double
        /// Outer semi-axes in pixels (`semiMajor ≥ semiMinor`) and the major axis angle from +col towards +row.
        public let semiMajor: Double
        public let semiMinor: Double
        public let rotation: Double
        /// The number of cells drawn (labels 1…cellCount).
        public let cellCount: Int
    }

    public func validate(size: Int) throws(SyntheticDataError) {
        guard size >= 32 else { throw .invalidParameter(name: "size", value: "\(size)", expected: "at least 32 pixels") }
        guard cells.lowerBound >= 3 else { throw .invalidParameter(name: "cells", value: "\(cells)", expected: "at least 3 cells") }
        guard innerRadius.lowerBound >= 0.2, innerRadius.upperBound <= 0.9 else {
            throw .invalidParameter(name: "innerRadius", value: "\(innerRadius)", expected: "within 0.2…0.9")
        }
        guard semiMajor.lowerBound > 0.05, semiMajor.upperBound <= 0.45 else {
            throw .invalidParameter(name: "semiMajor", value: "\(semiMajor)", expected: "within 0.05…0.45 of the size")
        }
        guard aspect.lowerBound >= 0.3, aspect.upperBound <= 1 else {
            throw .invalidParameter(name: "aspect", value: "\(aspect)", expected: "within 0.3…1")
        }
        guard noise >= 0, noise.isFinite else { throw .invalidParameter(name: "noise", value: "\(noise)", expected: "≥ 0") }
    }

    /// Generates one `size × size` cross-section from `generator`.
    public func generate(size: Int, using generator: inout SplitMix64) throws(SyntheticDataError) -> Sample {
        try validate(size: size)
        let s = Double(size)
        let centerRow = s / 2 + generator.nextUniform(-0.03, 0.03) * s, centerCol = s / 2 + generator.nextUniform(-0.03, 0.03) * s
        let a = generator.nextUniform(semiMajor.lowerBound, semiMajor.upperBound) * s
        let b = a * generator.nextUniform(aspect.lowerBound, aspect.upperBound)
        let rotation = generator.nextUniform(0, .pi)
        let inner = generator.nextUniform(innerRadius.lowerBound, innerRadius.upperBound)
        let count = generator.nextInt(in: cells)
        // Cell k spans angles [bounds[k], bounds[k + 1]) after the offset, with jittered radial extent.
        let spacing = 2 * Double.pi / Double(count)
        var bounds = (0..<count).map { Double($0) * spacing + (($0 == 0) ? 0 : generator.nextUniform(-0.15, 0.15) * spacing) }
        bounds.append(2 * .pi)
        let offset = generator.nextUniform(0, spacing)
        let innerEdges = (0..<count).map { _ in inner + generator.nextUniform(-0.03, 0.03) }
        let outerEdges = (0..<count).map { _ in 1 + generator.nextUniform(-0.03, 0.03) }
        let cellLevels = (0..<count).map { _ in generator.nextUniform(0.25, 0.35) }

        var mask = LabelImage(rows: size, cols: size, repeating: 0)
        var ringRadius = [Double](repeating: 0, count: size * size)
        let (cosR, sinR) = (cos(rotation), sin(rotation))
        for r in 0..<size {
            for c in 0..<size {
                let dr = Double(r) - centerRow, dc = Double(c) - centerCol
                let u = (dc * cosR + dr * sinR) / a, v = (-dc * sinR + dr * cosR) / b
                let rho = (u * u + v * v).squareRoot()
                ringRadius[r * size + c] = rho
                var theta = atan2(v, u) - offset
                theta -= 2 * .pi * (theta / (2 * .pi)).rounded(.down) // into [0, 2π)
                let k = min(Self.cellIndex(of: theta, bounds: bounds), count - 1)
                if rho >= innerEdges[k], rho <= outerEdges[k] { mask[r, c] = UInt32(k + 1) }
            }
        }

        var image = Image(rows: size, cols: size, repeating: 0)
        let yolkWaves = (0..<2).map { _ in (generator.nextUniform(0, 2 * .pi), generator.nextUniform(3, 7), generator.nextUniform(0, 2 * .pi)) }
        for r in 0..<size {
            for c in 0..<size {
                let label = mask[r, c]
                let value: Double
                if Self.isBoundary(mask, r, c) {
                    value = 0.85
                } else if label != 0 {
                    value = cellLevels[Int(label) - 1]
                } else if ringRadius[r * size + c] < inner {
                    let y = Double(r) / s, x = Double(c) / s
                    value = 0.12 + yolkWaves.reduce(0) { $0 + 0.025 * sin(2 * .pi * $1.1 * (y * sin($1.0) + x * cos($1.0)) + $1.2) }
                } else {
                    value = 0.05
                }
                image[r, c] = Float(value)
            }
        }
        image = Self.boxSmoothed(image)
        let lightAngle = generator.nextUniform(0, 2 * .pi)
        for r in 0..<size {
            for c in 0..<size {
                let projection = ((Double(r) - s / 2) * sin(lightAngle) + (Double(c) - s / 2) * cos(lightAngle)) / (s / 2)
                let light = 1 - 0.45 * (min(max(projection, -1), 1) + 1) / 2
                image[r, c] = Float(Double(image[r, c]) * light)
            }
        }
        addNoise(&image, sigma: noise, using: &generator)
        return Sample(image: image, mask: mask, centerRow: centerRow, centerCol: centerCol, semiMajor: a, semiMinor: b,
                      rotation: rotation, cellCount: count)
    }

    /// The cell whose angular interval holds `theta` (binary search in the sorted bounds).
    private static func cellIndex(of theta: Double, bounds: [Double]) -> Int {
        var low = 0, high = bounds.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if bounds[mid] <= theta { low = mid } else { high = mid }
        }
        return low
    }

    /// True when a 4-neighbour inside the image has another label: membranes lie on both sides of every edge.
    private static func isBoundary(_ mask: LabelImage, _ r: Int, _ c: Int) -> Bool {
        let label = mask[r, c]
        return (r > 0 && mask[r - 1, c] != label) || (r + 1 < mask.rows && mask[r + 1, c] != label)
            || (c > 0 && mask[r, c - 1] != label) || (c + 1 < mask.cols && mask[r, c + 1] != label)
    }

    /// 3×3 mean with edge replication, to soften membranes the way optics would.
    private static func boxSmoothed(_ image: Image) -> Image {
        var out = image
        for r in 0..<image.rows {
            for c in 0..<image.cols {
                var sum: Float = 0
                for dr in -1...1 {
                    for dc in -1...1 {
                        sum += image[min(max(r + dr, 0), image.rows - 1), min(max(c + dc, 0), image.cols - 1)]
                    }
                }
                out[r, c] = sum / 9
            }
        }
        return out
    }
}
