import Graphs
import Imaging
import Tensors

/// The panels of one shown image, in the form of the paper's Fig. 4: ground truth, raw image, superpixels, the
/// actions on the superpixel edges, the segmentation, the reward map and the learned pixel features (Fig. 5).
public struct ImageFigure: Sendable {
    public var image: String
    public var panels: [FigurePanel]

    public init(image: String, panels: [FigurePanel]) {
        self.image = image
        self.panels = panels
    }

    /// What the Fig. 4 panels are drawn from. Optional parts (no ground truth on unannotated data, no learned
    /// features with handcrafted ones only) simply leave their panel out.
    public struct Inputs {
        public var image: String
        public var raw: Image
        public var groundTruth: LabelImage?
        public var superpixels: LabelImage
        /// The region adjacency graph's edges (`u < v`, lexicographic) and the agent's action on each.
        public var edges: [Edge]
        public var actions: [Float]
        public var segmentation: LabelImage
        /// The per-pixel reward picture (`RewardReport.map`), red (0) → green (1).
        public var rewardMap: ColourImage?
        /// Learned per-pixel features, [D, H, W].
        public var pixelFeatures: Tensor?

        public init(image: String, raw: Image, groundTruth: LabelImage?, superpixels: LabelImage, edges: [Edge],
                    actions: [Float], segmentation: LabelImage, rewardMap: ColourImage?, pixelFeatures: Tensor?) {
            self.image = image
            self.raw = raw
            self.groundTruth = groundTruth
            self.superpixels = superpixels
            self.edges = edges
            self.actions = actions
            self.segmentation = segmentation
            self.rewardMap = rewardMap
            self.pixelFeatures = pixelFeatures
        }
    }

    /// Draws the panels; every input must have the raw image's shape.
    public init(_ inputs: Inputs) throws(ReportError) {
        let shape = inputs.raw.shape
        func require(_ other: Shape2D?, _ what: String) throws(ReportError) {
            guard let other, other != shape else { return }
            throw .inconsistentInput(image: inputs.image, reason: "\(what) is \(other) but the raw image is \(shape)")
        }
        try require(inputs.groundTruth?.shape, "the ground truth")
        try require(inputs.superpixels.shape, "the superpixel image")
        try require(inputs.segmentation.shape, "the segmentation")
        try require(inputs.rewardMap?.shape, "the reward map")
        if let features = inputs.pixelFeatures {
            let featureShape = features.rank == 3 ? Shape2D(rows: features.shape[1], cols: features.shape[2]) : nil
            guard featureShape == shape else {
                throw .inconsistentInput(image: inputs.image,
                                         reason: "pixel features of shape \(features.shape) do not cover the \(shape) image")
            }
        }

        let grey = Overlay.grey(inputs.raw)
        var panels: [FigurePanel] = []
        if let truth = inputs.groundTruth {
            panels.append(FigurePanel(title: "Ground truth", caption: "annotated objects, one colour each",
                                      image: Overlay.labels(truth)))
        }
        panels.append(FigurePanel(title: "Raw image", caption: "intensities stretched to the image's range", image: grey))
        let superpixelCount = Int(inputs.superpixels.values.max() ?? 0) + 1
        do {
            let outlined = try Overlay.drawBoundaries(on: grey, labels: inputs.superpixels, bothSides: false) { _, _ in
                Self.outline
            }
            panels.append(FigurePanel(title: "Superpixels",
                                      caption: "\(superpixelCount) superpixels, boundaries on the raw image",
                                      image: outlined))
        } catch {
            throw .imaging(error)
        }
        let dimmed = grey.map { $0 * 0.45 }
        let actions = try EdgeActionOverlay.draw(on: dimmed, superpixels: inputs.superpixels, edges: inputs.edges,
                                                 actions: inputs.actions)
        let splits = inputs.actions.count { $0 >= 0.5 }
        panels.append(FigurePanel(title: "Actions",
                                  caption: "\(inputs.edges.count) edges: \(inputs.edges.count - splits) merge, \(splits) split",
                                  image: actions, legend: .actions))
        let objects = Set(inputs.segmentation.values).subtracting([0]).count
        panels.append(FigurePanel(title: "Segmentation", caption: "multicut of the actions: \(objects) objects",
                                  image: Overlay.labels(inputs.segmentation)))
        if let rewardMap = inputs.rewardMap {
            panels.append(FigurePanel(title: "Reward", caption: "object reward per pixel, cut boundaries in their edge reward",
                                      image: rewardMap, legend: .reward))
        }
        if let features = inputs.pixelFeatures {
            panels.append(FigurePanel(title: "Pixel features",
                                      caption: "first 3 principal components of \(features.shape[0]) feature channels as RGB",
                                      image: try PrincipalComponentImage.colours(of: features)))
        }
        self.init(image: inputs.image, panels: panels)
    }

    /// Superpixel boundaries: a light cyan that reads on dark and bright backgrounds alike.
    static let outline = SIMD3<Float>(0.3, 0.85, 1)
}
