/// A bundle of reward rules that the CLI and manifests can use by identifier.
///
/// A user's own package adds rules by declaring a `RulePlugin` and passing it to `PriorCutCLI.main(plugins:)`.
public protocol RulePlugin {
    /// Short name shown by `priorcut rules` ("circles", "nuclei", "embryo").
    static var name: String { get }
}
