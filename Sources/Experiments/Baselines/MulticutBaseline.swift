import Graphs
import Imaging

/// The paper's "UNet + MC" kind of baseline with our boundary map instead of a trained UNet: a multicut on the
/// region adjacency graph of the agent's superpixels, each edge's split probability the mean of
/// `GradientBoundaryMap` across its boundary pixel pairs, costs `ln((1 − p)/p) + ln((1 − β)/β)` (`MulticutCosts`),
/// optionally weighted by boundary length as elf does; then `DarkSegmentRemoval`.
public struct MulticutBaseline: Sendable, Equatable {
    public var boundary: GradientBoundaryMap
    /// β in (0, 1): above 0.5 favours merging, below favours cutting.
    public var boundaryBias: Double
    /// Multiply each cost by its boundary length over the longest one (elf's `edge_sizes`, exponent 1).
    public var weightByBoundaryLength: Bool
    public var solver: MulticutSolver

    public init(boundary: GradientBoundaryMap? = nil, boundaryBias: Double = 0.5, weightByBoundaryLength: Bool = true,
                solver: MulticutSolver = .gaecKernighanLin) throws(BaselineError) {
        guard boundaryBias > 0, boundaryBias < 1 else {
            throw .invalidParameter("boundary bias β must be in (0, 1), got \(boundaryBias)")
        }
        if let boundary { self.boundary = boundary } else { self.boundary = try GradientBoundaryMap() }
        self.boundaryBias = boundaryBias
        self.weightByBoundaryLength = weightByBoundaryLength
        self.solver = solver
    }

    /// Objects 1…N (row-major order of first pixel), background 0. `superpixels` are numbered 0, 1, … without gaps
    /// (as `SuperpixelRecipe` writes them) and have the image's shape.
    public func segment(_ image: Image, superpixels: LabelImage) throws(BaselineError) -> LabelImage {
        try BaselineError.validate(image)
        guard image.shape == superpixels.shape else {
            throw .invalidSuperpixels("superpixels are \(superpixels.shape) but the image is \(image.shape)")
        }
        let probabilities = try boundary.probabilities(of: image)
        let rag: RegionAdjacencyGraph
        do { rag = try RegionAdjacencyGraph(labels: superpixels, boundaries: probabilities) } catch {
            throw .invalidSuperpixels(error.description)
        }
        var clusters = [Int](repeating: 0, count: rag.nodeCount)
        if let edgeProbabilities = rag.meanBoundaryValues, rag.graph.edgeCount > 0 {
            let sizes = weightByBoundaryLength ? rag.boundaryLengths.map(Double.init) : nil
            let costs = try graphs { () throws(GraphError) in
                try MulticutCosts.fromProbabilities(edgeProbabilities, boundaryBias: boundaryBias, edgeSizes: sizes)
            }
            let problem = try graphs { () throws(GraphError) in try Multicut(graph: rag.graph, costs: costs) }
            clusters = problem.solve(solver, decompose: true).nodeLabels
        }
        let segments = superpixels.map { UInt32(clusters[Int($0)]) }
        return try DarkSegmentRemoval.apply(segments, intensities: image)
    }
}
