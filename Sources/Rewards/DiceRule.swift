/// Supervised reward (paper A.10): the Dice score between the predicted split probabilities and the
/// ground-truth splits over each subgraph, smoothed: `(2 Σ a â + ε) / (Σ a + Σ â + ε)`.
///
/// The smoothing ε keeps a subgraph without true splits meaningful: soft actions are never exactly 0, so the
/// unsmoothed score of such a subgraph would be 0 however well it merges.
/// Used for full supervision and, on the annotated images only, for mixed supervision. Dice is robust to the
/// imbalance between the few split edges and the many merge edges.
public struct DiceRule: RewardRule {
    public static let identifier = "core.dice"
    public static let summary = "Supervised: Dice of actions vs ground-truth splits per subgraph (A.10); needs ground truth"
    public static let level = RuleLevel.subgraphs
    public static let parameters = [
        RuleParameter("smoothing", .number(1e-6...100), default: .number(1), "ε added to numerator and denominator"),
    ]

    public let smoothing: Float

    public init(parameters: RuleParameters) throws {
        smoothing = Float(try parameters.double("smoothing"))
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        guard let truth = context.groundTruth else {
            throw RewardError.missingInput(rule: Self.identifier, what: "ground truth")
        }
        return .subgraphs(context.subgraphs.map { list in
            list.map { subgraph in
                var overlap: Float = 0, predicted: Float = 0, expected: Float = 0
                for e in subgraph {
                    overlap += context.actions[e] * truth.edgeSplits[e]
                    predicted += context.actions[e]
                    expected += truth.edgeSplits[e]
                }
                return (2 * overlap + smoothing) / (predicted + expected + smoothing)
            }
        })
    }
}
