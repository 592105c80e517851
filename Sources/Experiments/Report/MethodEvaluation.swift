/// The metrics of one method on every evaluated image: one row of the report's table (paper Table 1).
public struct MethodEvaluation: Sendable, Hashable, Codable {
    /// What a row stands for; the upper bound is a reference, not a competitor, and is never marked best.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The agent after training (the selected checkpoint).
        case trainedAgent = "trained_agent"
        /// The same pipeline with the agent's initial weights (step 0).
        case untrainedAgent = "untrained_agent"
        /// A method that does not learn from the rules (Otsu, watersheds, multicut on the boundary map).
        case baseline
        /// The superpixels projected to the ground truth ("sp gt"): the best any merge of these superpixels can do.
        case upperBound = "upper_bound"
    }

    public var name: String
    public var kind: Kind
    public var images: [ImageEvaluation]

    public init(name: String, kind: Kind, images: [ImageEvaluation]) {
        self.name = name
        self.kind = kind
        self.images = images
    }

    /// The mean of every metric over the images (each image weighs the same); nil without images.
    public var mean: MetricsSummary? { MetricsSummary.mean(images.map(\.metrics)) }

    /// The mean wall time per image over the images that were timed; nil when none was.
    public var secondsPerImage: Double? {
        let times = images.compactMap(\.seconds)
        return times.isEmpty ? nil : times.reduce(0, +) / Double(times.count)
    }
}

/// One method's metrics on one image, and the time it took to segment it (nil where timing means nothing, e.g.
/// the upper bound).
public struct ImageEvaluation: Sendable, Hashable, Codable {
    public var image: String
    public var metrics: MetricsSummary
    public var seconds: Double?

    public init(image: String, metrics: MetricsSummary, seconds: Double?) {
        self.image = image
        self.metrics = metrics
        self.seconds = seconds
    }
}
