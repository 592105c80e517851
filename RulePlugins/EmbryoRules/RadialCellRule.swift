import Foundation
import Rewards

/// The object reward `r_o` of paper §4.3 (Eq. 6): fit a rotated bounding box to each foreground object and
/// compare its side lengths with a template and its long side's direction with the radial direction.
///
/// Score = `exp(−½ (Δlong² + Δshort²) / t²) · exp(−½ (Δθ / τ)²)`, with relative side-length errors Δ, tolerance t,
/// and Δθ the angle between the long side and the line from the centre to the object's centre (cells point at
/// the embryo centre).
public struct RadialCellRule: RewardRule {
    public static let identifier = "embryo.radial-cell"
    public static let summary = "Foreground objects: rotated box close to a template size and pointing at the centre (§4.3, Eq. 6)"
    public static let level = RuleLevel.objects
    public static let parameters = [
        RuleParameter("cell_size", .numbers(count: 2...2, each: 1...10_000), default: nil,
                      "[long, short] side of a cell's rotated box in pixels (pixel-centre extents)"),
        RuleParameter("size_tolerance", .number(0.01...10), default: .number(0.35),
                      "t: relative side-length error at which the size factor drops to e^-1/2"),
        RuleParameter("angle_tolerance", .number(0.01...3.2), default: .number(0.4),
                      "τ: angle error in radians at which the orientation factor drops to e^-1/2"),
        RuleParameter("centre", .choice(["image", "estimated"]), default: .text("estimated"),
                      "the embryo centre: image centre, or intensity-weighted centroid"),
    ]

    public let long: Double
    public let short: Double
    public let sizeTolerance: Double
    public let angleTolerance: Double
    public let estimatedCentre: Bool

    public init(parameters: RuleParameters) throws {
        let size = try parameters.doubles("cell_size")
        long = max(size[0], size[1])
        short = min(size[0], size[1])
        sizeTolerance = try parameters.double("size_tolerance")
        angleTolerance = try parameters.double("angle_tolerance")
        estimatedCentre = try parameters.text("centre") == "estimated"
    }

    /// The score of a box of sides `width ≥ height` whose long side makes `angleError` radians with the radius.
    public func score(width: Double, height: Double, angleError: Double) -> Float {
        let dl = (width - long) / long, ds = (height - short) / short
        let size = exp(-0.5 * (dl * dl + ds * ds) / (sizeTolerance * sizeTolerance))
        let orientation = exp(-0.5 * (angleError / angleTolerance) * (angleError / angleTolerance))
        return Float(size * orientation)
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        let table = try context.objects
        let centre = estimatedCentre ? context.estimatedCentre
            : SIMD2(Double(context.image.rows - 1) / 2, Double(context.image.cols - 1) / 2)
        return .objects(context.classes.enumerated().map { index, objectClass in
            guard objectClass == .foreground else { return nil }
            let box = table[index].minimumAreaRectangle
            let radial = atan2(box.centerRow - centre.x, box.centerCol - centre.y)
            // Both directions are lines (modulo π): fold the difference into [0, π/2].
            var difference = abs(box.angle - radial).truncatingRemainder(dividingBy: .pi)
            if difference > .pi / 2 { difference = .pi - difference }
            return score(width: box.width, height: box.height, angleError: difference)
        })
    }
}
