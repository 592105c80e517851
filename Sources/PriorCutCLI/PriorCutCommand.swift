import ArgumentParser
import CircleRules
import EmbryoRules
import NucleusRules
import Rewards
import Synchronization

/// The `priorcut` command line. A library, so that a user's executable can add rule plugins:
/// `PriorCutCLI.main(plugins: BundledPlugins.all + [MyPlugin.self])`.
public enum PriorCutCLI {
    private static let installed = Mutex<[any RulePlugin.Type]>([])

    /// The plugins visible to commands in this process (set by `main`).
    public static var plugins: [any RulePlugin.Type] { installed.withLock { $0 } }

    /// The rules of the core and of every installed plugin.
    static func registry() throws -> RuleRegistry { try RuleRegistry(plugins: plugins) }

    /// Runs the command line with these plugins' rules available to manifests.
    public static func main(plugins: [any RulePlugin.Type], arguments: [String]? = nil) {
        // Only a process started with these arguments can be re-executed with them.
        if arguments == nil { BLASThreadTuning.sleepIdleThreads() }
        installed.withLock { $0 = plugins }
        AllocatorTuning.keepFreedMemory()
        PriorCut.main(arguments)
    }
}

/// The plugins that ship with PriorCut (paper A.11, A.12, §4.3).
public enum BundledPlugins {
    public static let all: [any RulePlugin.Type] = [CirclePlugin.self, NucleusPlugin.self, EmbryoPlugin.self]
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
