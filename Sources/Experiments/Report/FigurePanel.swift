import Imaging

/// One picture of a figure: a colour image with a title, a caption and, for colour-coded values, a legend.
public struct FigurePanel: Sendable {
    public var title: String
    public var caption: String
    public var image: ColourImage
    public var legend: PanelLegend?

    public init(title: String, caption: String, image: ColourImage, legend: PanelLegend? = nil) {
        self.title = title
        self.caption = caption
        self.image = image
        self.legend = legend
    }
}

/// A colour bar under a panel: the colours from low to high and what the two ends mean.
public struct PanelLegend: Sendable, Equatable {
    public var stops: [SIMD3<Float>]
    public var low: String
    public var high: String

    public init(stops: [SIMD3<Float>], low: String, high: String) {
        self.stops = stops
        self.low = low
        self.high = high
    }

    /// The reward colours of `RewardReport.map`: dark red (0) → yellow → green (1).
    public static let reward = PanelLegend(stops: [0, 0.25, 0.5, 0.75, 1].map(ColourMap.redGreen),
                                           low: "0 · low reward", high: "1 · high reward")

    /// The action colours of `EdgeActionOverlay`: green (merge, a = 0) → yellow → red (split, a = 1).
    public static let actions = PanelLegend(stops: [0, 0.25, 0.5, 0.75, 1].map { EdgeActionOverlay.colour(action: $0) },
                                            low: "a = 0 · merge", high: "a = 1 · split")
}
