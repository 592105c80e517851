import Foundation
import TestSupport

/// Tiny experiments for the training tests: 32 × 32 synthetic circles, networks of width 8, the supervised Dice
/// manifest (core rules only), written to a fresh temporary folder.
enum TrainingFixtures {
    static let manifest = TestManifests.dice

    /// The experiment text; `agent` lines are appended to its section.
    static func experiment(seed: Int = 3, steps: Int = 50, checkpointEvery: Int = 10, agent: [String] = []) -> String {
        """
        name: tiny
        seed: \(seed)
        manifest: manifest.yaml
        data:
          synthetic: circles
          count: 6
          size: 32
          radius: [4, 7]
          circles: [2, 4]
          distractors: [0, 1]
          seed: 7
          validation: 2
        networks:
          actor: { depth: 1, width: 8 }
          critic: { depth: 1, width: 8 }
        agent:
          actor_learning_rate: 0.003
          critic_learning_rate: 0.003
          warmup_steps: 5
          replay: { capacity: 8, sampling: prioritised, exponent: 0.5 }
        \(agent.map { "  " + $0 + "\n" }.joined())training:
          steps: \(steps)
          batch_size: 2
          validation_every: 10
          checkpoint_every: \(checkpointEvery)

        """
    }

    /// A folder holding `manifest.yaml` and `experiment.yaml`; returns the experiment's path.
    static func write(_ experiment: String, manifest: String = manifest) throws -> String {
        let folder = Fixtures.temporaryDirectory("experiment")
        try manifest.write(to: folder.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("experiment.yaml")
        try experiment.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// `metrics.jsonl` without the `seconds` field (wall time, the only non-deterministic value).
    static func metricsWithoutTime(_ run: URL) throws -> [String] {
        let text = try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        return text.split(separator: "\n").map { line in
            line.replacingOccurrences(of: #","seconds":[^,}]*"#, with: "", options: .regularExpression)
        }
    }
}
