import Descriptors
import Foundation
import Rewards

/// The local circle reward of paper A.11 (Eq. 12) for every foreground object.
///
/// `c ∈ [0, 1]` is the object's circle Hough value: the largest share of a circle's perimeter (radius in the
/// given range) covered by the object's own outline. Below the threshold γ the object scores 0; above it,
/// `σ(((c − γ)/(1 − γ) − 0.5) · 6)`, a sigmoid whose input spans [−3, 3]. Give this rule weight 0.4 and
/// `core.object-count` weight 0.6 to obtain Eqs. 12–15 exactly; the background is judged by the count rule only.
///
/// `disc_overlap: true` (not in the paper) uses `c · IoU(object, fitted disc)` instead of `c`: the outline alone
/// scores two touching circles merged into one object, or a circle with background attached, nearly as high as a
/// single circle, because their outline still covers most of a circle's perimeter.
public struct CircleHoughRule: RewardRule {
    public static let identifier = "circles.hough"
    public static let summary = "Foreground objects: sigmoid of how well the outline fits a circle, 0 below threshold γ (A.11, Eq. 12)"
    public static let level = RuleLevel.objects
    public static let parameters = [
        RuleParameter("radii", .numbers(count: 2...2, each: 1...1000), default: nil,
                      "[smallest, largest] circle radius in pixels"),
        RuleParameter("threshold", .number(0...0.999), default: .number(0.8),
                      "γ: Hough value below which an object scores 0"),
        RuleParameter("disc_overlap", .boolean, default: .boolean(false),
                      "multiply the Hough value by the object's IoU with its fitted disc (penalises merged circles)"),
    ]

    public let radii: ClosedRange<Int>
    public let threshold: Double
    public let discOverlap: Bool

    public init(parameters: RuleParameters) throws {
        let range = try parameters.doubles("radii")
        guard range[0] <= range[1], range[0] == range[0].rounded(), range[1] == range[1].rounded() else {
            throw RewardError.ruleContract(rule: Self.identifier,
                                           message: "radii must be two whole numbers [low, high] with low ≤ high, got \(range)")
        }
        radii = Int(range[0])...Int(range[1])
        threshold = try parameters.double("threshold")
        discOverlap = try parameters.bool("disc_overlap")
    }

    /// Eq. 12 without its factor 0.4 (that is the manifest weight).
    public static func localReward(houghValue c: Double, threshold γ: Double) -> Float {
        guard c >= γ else { return 0 }
        let x = ((c - γ) / (1 - γ) - 0.5) * 6
        return Float(1 / (1 + exp(-x)))
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        let fits = try context.objects.circleFits(radii: Array(radii), only: context.classes.map { $0 == .foreground })
        return .objects(context.classes.enumerated().map { index, objectClass in
            guard objectClass == .foreground else { return nil }
            let fit = fits[index]
            return Self.localReward(houghValue: discOverlap ? fit.score * fit.discIoU : fit.score, threshold: threshold)
        })
    }
}
