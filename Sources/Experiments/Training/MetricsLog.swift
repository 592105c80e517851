import Foundation

/// One line of `metrics.jsonl`.
public enum MetricsRecord: Sendable, Equatable {
    /// One environment step: its mean subgraph reward and the means of its updates' statistics.
    case train(step: Int, reward: Double, criticLoss: Double?, actorLoss: Double?, alpha: Double?, entropy: Double?,
               seconds: Double)
    /// A validation: mean reward over the validation images, and our metrics where they have ground truth.
    case validation(step: Int, reward: Double, metrics: ValidationScores?)

    public var step: Int {
        switch self {
        case let .train(step, _, _, _, _, _, _), let .validation(step, _, _): step
        }
    }

    /// The JSON line, keys in a fixed order, numbers in their shortest exact form (non-finite values as null).
    public var line: String {
        func number(_ value: Double?) -> String {
            guard let value, value.isFinite else { return "null" }
            return "\(value)"
        }
        switch self {
        case let .train(step, reward, critic, actor, alpha, entropy, seconds):
            return "{\"kind\":\"train\",\"step\":\(step),\"reward\":\(number(reward)),\"critic_loss\":\(number(critic)),"
                + "\"actor_loss\":\(number(actor)),\"alpha\":\(number(alpha)),\"entropy\":\(number(entropy)),"
                + "\"seconds\":\(number(seconds))}"
        case let .validation(step, reward, metrics):
            var text = "{\"kind\":\"validation\",\"step\":\(step),\"reward\":\(number(reward))"
            if let metrics {
                text += ",\"map\":\(number(metrics.meanAveragePrecision)),\"iou50\":\(number(metrics.iou50)),"
                    + "\"iou75\":\(number(metrics.iou75)),\"vi\":\(number(metrics.variationOfInformation)),"
                    + "\"vi_merge\":\(number(metrics.viMerge)),\"vi_split\":\(number(metrics.viSplit))"
            }
            return text + "}"
        }
    }

    /// Parses a line written by `line` (for resuming and for reports); nil for anything else.
    public init?(line: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let kind = object["kind"] as? String, let step = object["step"] as? Int else { return nil }
        func value(_ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue }
        switch kind {
        case "train":
            self = .train(step: step, reward: value("reward") ?? .nan, criticLoss: value("critic_loss"),
                          actorLoss: value("actor_loss"), alpha: value("alpha"), entropy: value("entropy"),
                          seconds: value("seconds") ?? 0)
        case "validation":
            var metrics: ValidationScores?
            if let map = value("map") {
                metrics = ValidationScores(meanAveragePrecision: map, iou50: value("iou50") ?? .nan,
                                           iou75: value("iou75") ?? .nan, variationOfInformation: value("vi") ?? .nan,
                                           viMerge: value("vi_merge") ?? .nan, viSplit: value("vi_split") ?? .nan)
            }
            self = .validation(step: step, reward: value("reward") ?? .nan, metrics: metrics)
        default:
            return nil
        }
    }
}

/// The ground-truth metrics of a validation (means over the validation images).
public struct ValidationScores: Sendable, Equatable {
    public var meanAveragePrecision, iou50, iou75, variationOfInformation, viMerge, viSplit: Double

    public init(meanAveragePrecision: Double, iou50: Double, iou75: Double, variationOfInformation: Double,
                viMerge: Double, viSplit: Double) {
        (self.meanAveragePrecision, self.iou50, self.iou75) = (meanAveragePrecision, iou50, iou75)
        (self.variationOfInformation, self.viMerge, self.viSplit) = (variationOfInformation, viMerge, viSplit)
    }

    public init(_ summary: MetricsSummary) {
        self.init(meanAveragePrecision: summary.meanAveragePrecision, iou50: summary.iou50, iou75: summary.iou75,
                  variationOfInformation: summary.variationOfInformation, viMerge: summary.viMerge,
                  viSplit: summary.viSplit)
    }
}

/// `metrics.jsonl`: one record per line, each written (unbuffered) as it happens, so a crash loses nothing already
/// logged.
public final class MetricsLog {
    public let url: URL
    public private(set) var records: [MetricsRecord]
    private let handle: FileHandle

    /// Opens the log of a run. With `keepingThrough` (a resumed run's checkpoint step), the records up to that step
    /// are kept (rewritten atomically) and later ones, logged after the checkpoint, are dropped; otherwise the file
    /// starts empty.
    public init(url: URL, keepingThrough step: Int? = nil) throws(ExperimentError) {
        var kept: [MetricsRecord] = []
        if let step, let text = try? String(contentsOf: url, encoding: .utf8) {
            kept = text.split(separator: "\n").compactMap { MetricsRecord(line: String($0)) }.filter { $0.step <= step }
            let lines = text.split(separator: "\n").filter { line in
                MetricsRecord(line: String(line)).map { $0.step <= step } ?? false
            }
            try RunFolder.writeAtomically(Data(lines.map { $0 + "\n" }.joined().utf8), to: url)
        } else {
            try RunFolder.writeAtomically(Data(), to: url)
        }
        do {
            handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
        } catch {
            throw .runFolder(path: url.path, reason: error.localizedDescription)
        }
        self.url = url
        records = kept
    }

    deinit { try? handle.close() }

    public func append(_ record: MetricsRecord) throws(ExperimentError) {
        records.append(record)
        do { try handle.write(contentsOf: Data((record.line + "\n").utf8)) } catch {
            throw .runFolder(path: url.path, reason: error.localizedDescription)
        }
    }
}
