import Foundation

/// The files of a run folder (the shared contract between `train`, `segment`, `example` and `report`):
/// `config.yaml`, `manifest.yaml`, `split.json`, `metrics.jsonl`, `curves.svg`, `checkpoints/{last,best}.{safetensors,json}`,
/// `segmentations/<method>/<image>.tif`. Documented in Documentation/ExperimentReference.md.
public struct RunFolder: Sendable, Equatable {
    public let url: URL

    public init(path: String) {
        url = URL(fileURLWithPath: path).standardizedFileURL
    }

    public var path: String { url.path }
    public var configuration: URL { url.appendingPathComponent("config.yaml") }
    public var manifest: URL { url.appendingPathComponent("manifest.yaml") }
    /// The copy of the experiment's `supervision.manifest` (mixed supervision only).
    public var supervisionManifest: URL { url.appendingPathComponent("supervision-manifest.yaml") }
    public var split: URL { url.appendingPathComponent("split.json") }
    public var metrics: URL { url.appendingPathComponent("metrics.jsonl") }
    public var curves: URL { url.appendingPathComponent("curves.svg") }
    public var checkpoints: URL { url.appendingPathComponent("checkpoints") }
    public var segmentations: URL { url.appendingPathComponent("segmentations") }

    /// `checkpoints/<name>.safetensors` and `checkpoints/<name>.json`.
    public func checkpoint(_ name: CheckpointName) -> (tensors: URL, info: URL) {
        (checkpoints.appendingPathComponent("\(name.rawValue).safetensors"),
         checkpoints.appendingPathComponent("\(name.rawValue).json"))
    }

    /// The default folder of a new run: `runs/<name>-<yyyyMMdd-HHmmss>` (UTC) under `base`.
    public static func defaultPath(name: String, base: String = "runs", date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return URL(fileURLWithPath: base).appendingPathComponent("\(name)-\(formatter.string(from: date))").path
    }

    /// Writes `data` atomically: a temporary file beside the target, then a rename over it, so a reader (or a
    /// resumed run after a crash) sees the old or the new file, never half of one.
    public static func writeAtomically(_ data: Data, to url: URL) throws(ExperimentError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw .runFolder(path: url.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .runFolder(path: url.path, reason: reason)
        }
    }
}

/// The two checkpoints of a run.
public enum CheckpointName: String, Sendable, CaseIterable {
    /// The latest state (every `checkpoint_every` steps, at the end and on Ctrl-C): what `--resume` continues.
    case last
    /// The state with the best validation mean reward (model selection without ground truth, paper A.5).
    case best
}
