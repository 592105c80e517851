import ArgumentParser
import Rewards

struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Work with rule manifests.",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate manifests: unknown rules and keys, wrong types, out-of-range values, with line numbers.",
            discussion: "Exits with status 1 and lists every problem (file:line:column: message) if any manifest is invalid.")

        @Argument(help: "One or more manifest files (YAML).")
        var files: [String]

        func run() throws {
            let registry = try PriorCutCLI.registry()
            var failed = false
            for file in files {
                do {
                    let manifest = try RewardManifest.load(path: file, registry: registry)
                    let rules = manifest.entries.map { "\($0.identifier)×\($0.weight)" }.joined(separator: ", ")
                    print("\(file): ok — manifest '\(manifest.name)', sizes \(manifest.subgraphSizes), rules \(rules)")
                } catch {
                    failed = true
                    printError(error.description)
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
