import Foundation

/// A spatial weight profile for a rule: a Gaussian kernel of the distance from an edge's position to a point,
/// a ring or the image border (paper Eqs. 5–7 and Fig. 9 / A.6).
///
/// The edge position is the mean of its two superpixels' centroids. Distances and σ are fractions of the
/// image's shorter side, so one manifest fits images of any size.
public struct WeightProfile: Sendable, Equatable {
    public enum Anchor: Sendable, Equatable {
        /// Distance to the centre.
        case centre
        /// Distance to the circle of `radius` around the centre.
        case ring(radius: Double)
        /// Distance to the nearest image border.
        case border
    }

    /// Where the centre is: the image centre, a fixed position, or estimated from the image as the
    /// intensity-weighted centroid (for images where the object of interest is off-centre).
    public enum Centre: Sendable, Equatable {
        case imageCentre
        case fixed(row: Double, col: Double)
        case estimated
    }

    public let anchor: Anchor
    public let centre: Centre
    public let sigma: Double

    public init(anchor: Anchor, centre: Centre = .imageCentre, sigma: Double) {
        self.anchor = anchor
        self.centre = centre
        self.sigma = sigma
    }

    /// `K(d / σ) = exp(−(d / σ)² / 2)` for each position (x = row, y = col) in pixels on an image of `rows × cols`.
    /// `estimatedCentre` is used when `centre == .estimated`.
    public func weights(at positions: [SIMD2<Double>], rows: Int, cols: Int,
                        estimatedCentre: SIMD2<Double>) -> [Float] {
        let scale = Double(max(1, min(rows, cols)))
        let c: SIMD2<Double> = switch centre {
        case .imageCentre: SIMD2(Double(rows - 1) / 2, Double(cols - 1) / 2)
        case let .fixed(row, col): SIMD2(row * Double(rows - 1), col * Double(cols - 1))
        case .estimated: estimatedCentre
        }
        return positions.map { p in
            let radial = ((p - c) * (p - c)).sum().squareRoot() / scale
            let distance: Double = switch anchor {
            case .centre: radial
            case let .ring(radius): abs(radial - radius)
            case .border: min(p.x, p.y, Double(rows - 1) - p.x, Double(cols - 1) - p.y) / scale
            }
            let z = distance / sigma
            return Float(exp(-0.5 * z * z))
        }
    }
}
