/// Intensity contrast across an edge (paper Eq. 18): `|(1 − a) − min(1, s·|μ_i − μ_j|)|`.
///
/// High when the agent splits (a → 1) where the two superpixels differ in mean intensity, or merges (a → 0)
/// where they look alike. `s` scales intensity differences, which are small in dim images.
public struct IntensityContrastRule: RewardRule {
    public static let identifier = "core.intensity-contrast"
    public static let summary = "Edge reward |(1 − a) − s·|μi − μj||: split where intensities differ, merge where alike (Eq. 18)"
    public static let level = RuleLevel.edges
    public static let parameters = [
        RuleParameter("scale", .number(0.01...1000), default: .number(1),
                      "factor s on the mean-intensity difference (clipped to 1)"),
    ]

    public let scale: Float

    public init(parameters: RuleParameters) throws {
        scale = Float(try parameters.double("scale"))
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        .edges(zip(context.graph.edges, context.actions).map { edge, action in
            let difference = min(1, scale * abs(context.superpixelMeans[edge.u] - context.superpixelMeans[edge.v]))
            return abs((1 - action) - difference)
        })
    }
}
