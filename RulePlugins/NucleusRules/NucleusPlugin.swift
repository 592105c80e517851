import Rewards

/// Rules for fluorescence nuclei (paper §4.2, A.12).
public enum NucleusPlugin: RulePlugin {
    public static let name = "nuclei"
    public static let rules: [any RewardRule.Type] = [ShapeSimilarityRule.self]
}
