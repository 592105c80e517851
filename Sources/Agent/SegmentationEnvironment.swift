import Dispatch
import Graphs
import Imaging
import Randomness
import Rewards
import Synchronization
import Tensors

/// The environment of the stateless actor-critic (paper §3, DESIGN.md §3): a batch of images as one disjoint-union
/// graph. `step(actions:)` turns edge actions into costs, solves one multicut per image, scores the segmentation
/// with the manifest's rules (once per step) and returns the reward of every subgraph of every size.
///
/// Pure: `step` never modifies anything, so the same actions give the same result; the subgraphs are drawn once, at
/// construction, from the seed (the reference redraws them with unseeded C `rand()`).
public struct SegmentationEnvironment {
    public let images: [EnvironmentImage]
    public let manifest: RewardManifest
    public let batch: GraphBatch
    public let solver: MulticutSolver
    /// Per image, per manifest size: subgraphs in that image's own edge ids.
    public let subgraphs: [[Subgraphs]]
    public let observation: Observation

    /// - Parameters:
    ///   - solver: the multicut solver per image (GAEC as the reference code by default; `.gaecKernighanLin` as
    ///     the paper says).
    ///   - seed: draws the subgraphs (one independent stream per image).
    ///   - handcraftedNodeFeatures: when false the observation's node features have no columns, so the networks
    ///     see only learned features (the agent then needs a feature extractor and `nodeFeatureCount: 0`).
    public init(images: [EnvironmentImage], manifest: RewardManifest, solver: MulticutSolver = .gaec,
                seed: UInt64, handcraftedNodeFeatures: Bool = true) throws(AgentError) {
        guard !images.isEmpty else { throw .inconsistentInput("an environment needs at least one image") }
        var seeds = SplitMix64(seed: seed)
        var subgraphs: [[Subgraphs]] = []
        for (index, image) in images.enumerated() {
            do {
                subgraphs.append(try DenseSubgraphSampler(graph: image.rag.graph)
                    .sample(sizes: manifest.subgraphSizes, seed: seeds.next()))
            } catch {
                throw .graph(image: index, error.description)
            }
        }
        let batch = GraphBatch(images.map(\.rag.graph))
        var flat = [[Int]](repeating: [], count: manifest.subgraphSizes.count)
        for (index, perSize) in subgraphs.enumerated() {
            let offset = batch.edgeOffsets[index]
            for (i, list) in perSize.enumerated() { flat[i] += list.edgeIDs.map { $0 + offset } }
        }
        self.images = images
        self.manifest = manifest
        self.batch = batch
        self.solver = solver
        self.subgraphs = subgraphs
        observation = Observation(
            batch: batch,
            nodeFeatures: handcraftedNodeFeatures
                ? Tensor.concatenate(images.map(HandcraftedFeatures.nodeFeatures(of:)), axis: 0)
                : Tensor(shape: [batch.graph.nodeCount, 0], values: []),
            edgeFeatures: Tensor.concatenate(images.map(HandcraftedFeatures.edgeFeatures(of:)), axis: 0),
            subgraphSizes: manifest.subgraphSizes, subgraphEdges: flat, images: images)
    }

    /// The outcome of one step.
    public struct StepResult: Sendable {
        /// Per manifest size, the reward of every subgraph of the batch (image 0's first, in sampler order): the
        /// targets `r_sg` of the critic (Eq. 4).
        public let subgraphRewards: [[Float]]
        /// Per image, the multicut's object id of every superpixel.
        public let nodeLabels: [[Int]]
        /// Per image, the segmentation: foreground objects (by the manifest's classing) 1, 2, …; background and
        /// discarded objects (too small to judge, `objects.discard`) and rejected ones (`objects.reject`) 0 — a
        /// fragment the rules do not call an object is not reported as one.
        public let segmentations: [LabelImage]
        /// Per image, the full reward report.
        public let reports: [RewardReport]

        /// The mean over sizes of the mean subgraph reward of the batch.
        public var meanReward: Float {
            let means = subgraphRewards.filter { !$0.isEmpty }.map { $0.reduce(0, +) / Float($0.count) }
            return means.isEmpty ? 0 : means.reduce(0, +) / Float(means.count)
        }
    }

    /// Costs `ln((1 − a)/a)` with `a` clipped to [0.001, 0.999] (never ±∞; actions are split probabilities, not
    /// min–max normalised) → multicut per image → rewards. Images run in parallel.
    public func step(actions: [Float]) throws(AgentError) -> StepResult {
        guard actions.count == batch.graph.edgeCount else {
            throw .inconsistentInput("\(actions.count) actions for \(batch.graph.edgeCount) edges")
        }
        let images = images, manifest = manifest, batch = batch, solver = solver, subgraphs = subgraphs
        let outcomes = Mutex([Result<(labels: [Int], segmentation: LabelImage, report: RewardReport), AgentError>?](
            repeating: nil, count: images.count))
        DispatchQueue.concurrentPerform(iterations: images.count) { index in
            let outcome = Result { () throws(AgentError) in
                try Self.solve(images[index], index: index, actions: Array(actions[batch.edges(of: index)]),
                               manifest: manifest, solver: solver, subgraphs: subgraphs[index])
            }
            outcomes.withLock { $0[index] = outcome }
        }
        var perSize = [[Float]](repeating: [], count: manifest.subgraphSizes.count)
        var labels: [[Int]] = [], segmentations: [LabelImage] = [], reports: [RewardReport] = []
        for outcome in outcomes.withLock({ $0 }) {
            guard let outcome else { continue }
            let (nodeLabels, segmentation, report) = try outcome.get()
            for i in perSize.indices { perSize[i] += report.subgraphRewards[i] }
            labels.append(nodeLabels)
            segmentations.append(segmentation)
            reports.append(report)
        }
        return StepResult(subgraphRewards: perSize, nodeLabels: labels, segmentations: segmentations, reports: reports)
    }

    private static func solve(_ image: EnvironmentImage, index: Int, actions: [Float], manifest: RewardManifest,
                              solver: MulticutSolver, subgraphs: [Subgraphs])
        throws(AgentError) -> (labels: [Int], segmentation: LabelImage, report: RewardReport) {
        let labelling = try multicut(image, index: index, actions: actions, solver: solver)
        let context: RewardContext
        let report: RewardReport
        do {
            context = try RewardContext(
                image: image.image, superpixels: image.superpixels, rag: image.rag, actions: actions,
                objectOfSuperpixel: labelling.nodeLabels, classing: manifest.classing,
                subgraphSizes: manifest.subgraphSizes,
                subgraphs: subgraphs.map { list in (0..<list.count).map { Array(list[$0]) } },
                groundTruth: image.groundTruth)
            report = try manifest.rewards(for: context)
        } catch {
            throw .reward(image: index, "\(error)")
        }
        let segmentation = try outputSegmentation(image, index: index, context: context, manifest: manifest, report: report)
        return (labelling.nodeLabels, segmentation, report)
    }

    /// Costs `ln((1 − a)/a)` from one image's actions, then its multicut.
    private static func multicut(_ image: EnvironmentImage, index: Int, actions: [Float], solver: MulticutSolver)
        throws(AgentError) -> MulticutLabelling {
        do {
            let costs = try MulticutCosts.fromProbabilities(actions)
            return try Multicut(graph: image.rag.graph, costs: costs).solve(solver)
        } catch {
            throw .graph(image: index, error.description)
        }
    }

    /// The segmentations the agent outputs for these actions (multicut per image, then `outputSegmentation`), without
    /// rewards: inference needs no ground truth, even with a supervised manifest.
    public func segment(actions: [Float]) throws(AgentError) -> [LabelImage] {
        guard actions.count == batch.graph.edgeCount else {
            throw .inconsistentInput("\(actions.count) actions for \(batch.graph.edgeCount) edges")
        }
        var segmentations: [LabelImage] = []
        for (index, image) in images.enumerated() {
            let imageActions = Array(actions[batch.edges(of: index)])
            let labelling = try Self.multicut(image, index: index, actions: imageActions, solver: solver)
            let context: RewardContext
            do {
                context = try RewardContext(image: image.image, superpixels: image.superpixels, rag: image.rag,
                                            actions: imageActions, objectOfSuperpixel: labelling.nodeLabels,
                                            classing: manifest.classing, subgraphSizes: [], subgraphs: [])
            } catch {
                throw .reward(image: index, "\(error)")
            }
            segmentations.append(try Self.outputSegmentation(image, index: index, context: context, manifest: manifest))
        }
        return segmentations
    }

    /// Foreground objects 1, 2, … in object order; background, discarded (`objects.discard`) and rejected
    /// (`objects.reject`) objects 0 — a fragment the rules do not call an object is not reported as one.
    /// `report`: the step's rewards, whose scores the rejection reuses instead of running its rule again.
    private static func outputSegmentation(_ image: EnvironmentImage, index: Int, context: RewardContext,
                                           manifest: RewardManifest, report: RewardReport? = nil)
        throws(AgentError) -> LabelImage {
        let rejected: [Bool]
        do {
            rejected = try manifest.rejectedObjects(in: context, report: report)
        } catch {
            throw .reward(image: index, "\(error)")
        }
        var objectLabel = [UInt32](repeating: 0, count: context.objectCount)
        var next: UInt32 = 1
        for (object, objectClass) in context.classes.enumerated() where objectClass == .foreground && !rejected[object] {
            objectLabel[object] = next
            next += 1
        }
        let pixelLabels = context.objectOfSuperpixel.map { objectLabel[$0] }
        return image.superpixels.map { pixelLabels[Int($0)] }
    }
}
