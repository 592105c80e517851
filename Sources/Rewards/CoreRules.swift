/// The generic rules every manifest can use, registered under the plugin name "core".
public enum CoreRules: RulePlugin {
    public static let name = "core"
    public static let rules: [any RewardRule.Type] = [
        ObjectCountRule.self, BackgroundMergeRule.self, IntensityContrastRule.self, DiceRule.self,
    ]
}
