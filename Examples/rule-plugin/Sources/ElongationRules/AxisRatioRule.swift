import Foundation
import Rewards

/// Scores every foreground object by how close its axis ratio (major / minor axis of the equivalent ellipse) is
/// to an expected elongation: `exp(−½ ((ratio − expected) / tolerance)²)`.
public struct AxisRatioRule: RewardRule {
    public static let identifier = "elongation.axis-ratio"
    public static let summary = "Foreground objects: axis ratio (major / minor) close to the expected elongation"
    public static let level = RuleLevel.objects
    public static let parameters = [
        RuleParameter("ratio", .number(1...100), default: nil, "expected major / minor axis ratio"),
        RuleParameter("tolerance", .number(0.01...100), default: .number(0.5),
                      "ratio error at which the score drops to e^-1/2 ≈ 0.61"),
    ]

    public let ratio: Double
    public let tolerance: Double

    public init(parameters: RuleParameters) throws {
        ratio = try parameters.double("ratio")
        tolerance = try parameters.double("tolerance")
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        let objects = try context.objects          // descriptors are computed once and shared by all rules
        return .objects(context.classes.enumerated().map { index, objectClass in
            guard objectClass == .foreground else { return nil }  // nil: this rule does not judge the object
            let object = objects[index]
            guard object.axisMinorLength > 0 else { return 0 }    // a one-pixel-wide line: no ellipse to speak of
            let error = (object.axisMajorLength / object.axisMinorLength - ratio) / tolerance
            return Float(exp(-0.5 * error * error))
        })
    }
}
