import ArgumentParser
import Rewards

/// The `priorcut` command line. A library, so that a user's executable can add rule plugins:
/// `PriorCutCLI.main(plugins: BundledPlugins.all + [MyPlugin.self])`.
public enum PriorCutCLI {
    /// The plugins visible to commands in this process (set once by `main`).
    nonisolated(unsafe) public private(set) static var plugins: [any RulePlugin.Type] = []

    public static func main(plugins: [any RulePlugin.Type], arguments: [String]? = nil) {
        self.plugins = plugins
        PriorCut.main(arguments)
    }
}

struct PriorCut: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priorcut",
        abstract: "Segment every object in microscopy images from reward rules, without annotated training data.",
        discussion: """
            Rules describe what objects look like; a stateless actor-critic learns superpixel edge weights,
            a multicut turns them into objects, and the rules score the result.
            """,
        version: "0.1.0",
        subcommands: CommandRegistry.all
    )
}
