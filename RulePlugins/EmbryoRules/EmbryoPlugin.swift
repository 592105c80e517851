import Rewards

/// Rules for cells arranged radially in an embryo cross-section (paper §4.3, Eqs. 5–7).
///
/// The background-merge part of Eq. 5 is `core.background-merge` with border and centre profiles in the manifest;
/// this plugin adds the object reward `r_o` of Eq. 6 and the contour-circularity modulation of §4.3.
public enum EmbryoPlugin: RulePlugin {
    public static let name = "embryo"
    public static let rules: [any RewardRule.Type] = [RadialCellRule.self, ContourCircularityRule.self]
}
