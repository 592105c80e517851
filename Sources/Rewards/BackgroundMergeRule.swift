/// Rewards merging, `1 − a` per edge (paper Eq. 5): with a weight profile that is high where the background
/// certainly is (near the border, the centre of an embryo), it teaches the agent to merge there.
public struct BackgroundMergeRule: RewardRule {
    public static let identifier = "core.background-merge"
    public static let summary = "Edge reward 1 − a (favours merging); weight it with a profile where background is certain (Eq. 5)"
    public static let level = RuleLevel.edges
    public static let parameters = [
        RuleParameter("region", .choice(["all", "background"]), default: .text("all"),
                      "all edges, or only edges whose two superpixels lie in background objects"),
    ]

    public let backgroundOnly: Bool

    public init(parameters: RuleParameters) throws {
        backgroundOnly = try parameters.text("region") == "background"
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        .edges(zip(context.graph.edges, context.actions).map { edge, action in
            if backgroundOnly {
                let a = context.classes[context.objectOfSuperpixel[edge.u]]
                let b = context.classes[context.objectOfSuperpixel[edge.v]]
                guard a == .background, b == .background else { return 0 }
            }
            return 1 - action
        })
    }
}
