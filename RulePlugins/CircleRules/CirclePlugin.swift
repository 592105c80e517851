import Rewards

/// Rules for round objects of a known radius range (paper §4.1, A.11).
public enum CirclePlugin: RulePlugin {
    public static let name = "circles"
    public static let rules: [any RewardRule.Type] = [CircleHoughRule.self]
}
