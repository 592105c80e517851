import Descriptors
import Foundation
import Imaging
import Rewards

/// Background edges near the foreground are rewarded for merging in proportion to how circular the overall
/// foreground contour is (paper §4.3): `circularity · (1 − a)` on edges between two background superpixels,
/// where circularity is `4π · area / perimeter²` of the union of all foreground objects (filled), clipped to 1.
///
/// Give it a ring profile around the expected embryo radius so it acts only near the foreground.
public struct ContourCircularityRule: RewardRule {
    public static let identifier = "embryo.contour-circularity"
    public static let summary = "Background edges: (1 − a) scaled by the circularity of the whole foreground (§4.3)"
    public static let level = RuleLevel.edges
    public static let parameters: [RuleParameter] = []

    public init(parameters: RuleParameters) throws {}

    public func scores(in context: RewardContext) throws -> RuleScores {
        let foreground = context.classes.map { $0 == .foreground }
        // Fill the union first: the cells form a ring, and the yolk inside is part of the embryo's contour.
        let filled = HoleFilling.fill(context.segmentation.map { foreground[Int($0) - 1] })
        var circularity = 0.0
        if let union = try ObjectTable(labels: filled.map { $0 ? UInt32(1) : 0 }).first {
            circularity = min(1, union.circularity)
        }
        return .edges(zip(context.graph.edges, context.actions).map { edge, action in
            let u = context.classes[context.objectOfSuperpixel[edge.u]]
            let v = context.classes[context.objectOfSuperpixel[edge.v]]
            return u == .background && v == .background ? Float(circularity) * (1 - action) : 0
        })
    }
}
