import Rewards

/// The plugin: every rule of this package, registered with the command line as one unit.
public enum ElongationPlugin: RulePlugin {
    public static let name = "elongation"
    public static let rules: [any RewardRule.Type] = [AxisRatioRule.self]
}
