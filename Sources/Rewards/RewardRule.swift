/// A reward rule: what objects should look like, as a score the critic learns to predict.
///
/// Rules need not be differentiable (paper §1, A.2). A rule reads the `RewardContext` — image, superpixels,
/// graph, actions, the predicted objects with cached descriptors, their classes — and returns scores at one
/// level; the framework maps every level to subgraph rewards in the same way (`RewardMapping`, paper §3.2).
///
/// Scores should lie in [0, 1]: 1 for an object exactly as expected. Parameters are declared in
/// `parameters`, so manifests are validated (types, ranges, unknown keys) before a rule is built, and
/// `priorcut rules` can list them.
public protocol RewardRule: Sendable {
    /// Unique name used in manifests, `plugin.rule` style: "circles.hough", "nuclei.shape-similarity".
    static var identifier: String { get }
    /// One line for `priorcut rules`.
    static var summary: String { get }
    /// The parameters a manifest may set under `with:`.
    static var parameters: [RuleParameter] { get }
    /// The level the rule scores at; `scores(in:)` must return that case of `RuleScores`.
    static var level: RuleLevel { get }
    /// Builds the rule from validated parameters (every declared parameter present, in range). Throw for
    /// constraints between parameters (e.g. a radius range whose lower end exceeds its upper end).
    init(parameters: RuleParameters) throws
    /// Scores the current segmentation.
    func scores(in context: RewardContext) throws -> RuleScores
}

/// Where a rule's scores live.
public enum RuleLevel: String, Sendable, CaseIterable {
    case objects, superpixels, edges, image, subgraphs
}

/// A rule's output; each array is indexed by object, superpixel or edge of the context.
public enum RuleScores: Sendable, Equatable {
    /// One score per predicted object (`context.objectCount`), or nil for an object the rule does not judge
    /// (e.g. a foreground-shape rule and the background object). Per object, the framework combines the
    /// object rules that judge it as their weighted mean; an object nobody judges, and every discarded
    /// object, scores 0.
    case objects([Float?])
    /// One score per superpixel (graph node).
    case superpixels([Float])
    /// One score per graph edge, in the graph's edge order.
    case edges([Float])
    /// One score for the whole image, given to every edge.
    case image(Float)
    /// One score per subgraph of every size, in `context.subgraphs` order (for rules defined directly on
    /// subgraphs, such as the Dice rule of paper A.10).
    case subgraphs([[Float]])
}

/// A bundle of rules, registered with the CLI as one unit.
///
/// A user's own package declares `enum MyPlugin: RulePlugin { static let rules: [any RewardRule.Type] = [...] }`
/// and runs `PriorCutCLI.main(plugins: BundledPlugins.all + [MyPlugin.self])`.
public protocol RulePlugin: Sendable {
    /// Short name shown by `priorcut rules` ("circles", "nuclei", "embryo").
    static var name: String { get }
    static var rules: [any RewardRule.Type] { get }
}
