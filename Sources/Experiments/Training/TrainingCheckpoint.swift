import Agent
import Foundation
import Tensors

/// A checkpoint of a run: the agent's learned state (networks, target critic, feature extractor, log α, Adam
/// moments and step counts) in `<name>.safetensors`, and what a reader needs to know in `<name>.json`.
///
/// Both files are written atomically (temporary file + rename). The safetensors file is self-contained: its
/// metadata holds the same JSON as the companion file, and loading reads the state from there, so a crash
/// between the two renames can leave a `.json` one checkpoint behind but never a state that does not load.
public struct TrainingCheckpoint: Sendable, Equatable, Codable {
    /// The environment steps completed when the checkpoint was written.
    public var step: Int
    /// The experiment's master seed.
    public var seed: UInt64
    /// The validation mean reward at `step` (for `best`), if validated then.
    public var validationReward: Double?
    /// The best validation mean reward so far and its step (carried by `last` so a resumed run keeps selecting).
    public var bestStep: Int?
    public var bestReward: Double?
    /// The agent's counters (`environment_steps`, `updates`, optimiser steps).
    public var counters: [String: Int]

    public init(step: Int, seed: UInt64, validationReward: Double?, bestStep: Int?, bestReward: Double?,
                counters: [String: Int]) {
        self.step = step
        self.seed = seed
        self.validationReward = validationReward
        self.bestStep = bestStep
        self.bestReward = bestReward
        self.counters = counters
    }

    enum CodingKeys: String, CodingKey {
        case step, seed, counters
        case validationReward = "validation_reward", bestStep = "best_step", bestReward = "best_reward"
    }

    static let metadataKey = "priorcut.checkpoint"

    private func json() throws(ExperimentError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do { return try encoder.encode(self) } catch {
            throw .checkpoint(path: "", reason: "cannot encode: \(error)")
        }
    }

    /// Writes the agent's state and this description as checkpoint `name` of `run`.
    public func save(_ agent: SoftActorCritic, as name: CheckpointName, in run: RunFolder) throws(ExperimentError) {
        let (tensorsURL, infoURL) = run.checkpoint(name)
        do {
            try FileManager.default.createDirectory(at: run.checkpoints, withIntermediateDirectories: true)
        } catch {
            throw .runFolder(path: run.checkpoints.path, reason: error.localizedDescription)
        }
        var description = self
        let state = agent.state
        description.counters = state.counters
        let json = try description.json()
        do {
            try SafeTensorsFile.write(state.tensors, metadata: [Self.metadataKey: String(decoding: json, as: UTF8.self)],
                                      to: tensorsURL)
        } catch {
            throw .checkpoint(path: tensorsURL.path, reason: error.description)
        }
        try RunFolder.writeAtomically(json + Data("\n".utf8), to: infoURL)
    }

    /// Reads checkpoint `name` of `run`: its description and the agent's state.
    public static func load(_ name: CheckpointName, in run: RunFolder) throws(ExperimentError)
        -> (checkpoint: TrainingCheckpoint, state: AgentState) {
        let url = run.checkpoint(name).tensors
        guard FileManager.default.fileExists(atPath: url.path) else {
            let hint = name == .best ? "the run has no validation images or has not validated yet; use the last checkpoint"
                : "the run has not written a checkpoint yet"
            throw .checkpoint(path: url.path, reason: "no such file (\(hint))")
        }
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(contentsOf: url) } catch { throw .checkpoint(path: url.path, reason: error.description) }
        guard let text = file.metadata[metadataKey] else {
            throw .checkpoint(path: url.path, reason: "no '\(metadataKey)' metadata: not a checkpoint written by priorcut train")
        }
        let checkpoint: TrainingCheckpoint
        do { checkpoint = try JSONDecoder().decode(TrainingCheckpoint.self, from: Data(text.utf8)) } catch {
            throw .checkpoint(path: url.path, reason: "unreadable metadata: \(error)")
        }
        var tensors: [String: Tensor] = [:]
        for name in file.names {
            do { tensors[name] = try file.tensor(name) } catch { throw .checkpoint(path: url.path, reason: error.description) }
        }
        return (checkpoint, AgentState(tensors: tensors, counters: checkpoint.counters))
    }
}
