import Foundation

/// `metrics.json`: the report's table as data (one row per method with its mean metrics and time per image),
/// and every method's metrics per image. Keys of the metrics follow `MetricsSummary` (`mAP`, `iou50`, `vi`, …).
public struct ReportMetrics: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var method: String
        public var kind: MethodEvaluation.Kind
        public var images: Int
        /// The mean over the images; nil for a method without images.
        public var mean: MetricsSummary?
        public var secondsPerImage: Double?

        enum CodingKeys: String, CodingKey {
            case method, kind, images, mean, secondsPerImage = "seconds_per_image"
        }
    }

    public var title: String
    public var run: String
    /// ISO 8601, UTC.
    public var created: String
    public var table: [Row]
    /// Per method, the metrics of every image.
    public var methods: [MethodEvaluation]

    public init(title: String, run: String, created: String, methods: [MethodEvaluation]) {
        self.title = title
        self.run = run
        self.created = created
        self.methods = methods
        table = methods.map {
            Row(method: $0.name, kind: $0.kind, images: $0.images.count, mean: $0.mean, secondsPerImage: $0.secondsPerImage)
        }
    }

    /// Pretty-printed JSON with sorted keys (stable diffs between runs).
    public func encoded() throws(ReportError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return try encoder.encode(self)
        } catch {
            throw .writeFailed(path: "metrics.json", reason: "cannot encode the metrics (\(error))")
        }
    }

    /// Reads a `metrics.json` written by `RunReport.write`.
    public static func read(_ path: String) throws(ReportError) -> ReportMetrics {
        do {
            return try JSONDecoder().decode(ReportMetrics.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadableMetrics(path: path, reason: "\(error)")
        }
    }
}
