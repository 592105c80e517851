import Agent
import Foundation
import Graphs
import Imaging
import NeuralNets
import Randomness
import Tensors
import Testing
import TestSupport

@Suite("Contrastive pre-training (A.1) and the embedding edge feature")
struct PretrainingTests {
    // MARK: The loss, by hand

    @Test("Euclidean loss of a hand-made case equals Eqs. 8–10 computed by hand, edge weights normalised")
    func euclideanByHand() throws {
        // Superpixel 0 = pixels (0, 0), (2, 0): mean (1, 0), both 1 away. Superpixel 1 = (5, 0), (5, 1): mean
        // (5, 0.5), both 0.5 away. Superpixel 2 = (5, 3). Edges (0, 1) weight 1 and (1, 2) weight 3.
        let x = Tensor(shape: [5, 2], values: [0, 0, 2, 0, 5, 0, 5, 1, 5, 3])
        let target = try ContrastiveTarget(superpixelOfPixel: [0, 0, 1, 1, 2], edges: [(0, 1), (1, 2)], edgeWeights: [1, 3])
        let loss = SuperpixelContrastiveLoss(distance: .euclidean, varianceMargin: 0.25, distanceMargin: 2.5,
                                             regularizationWeight: 0.1)
        let terms = loss(x, target: target)
        // Eq. 8: (1/|N|) Σ_i (1/m_i) Σ_n [d − δ_v]₊² = ((0.75² + 0.75²)/2 + (0.25² + 0.25²)/2 + 0)/3.
        #expect(abs(terms.variance.scalar - Float((0.5625 + 0.0625) / 3)) < 1e-5)
        // Eq. 9: Σ w [2δ_d − d(f_i, f_j)]₊² with w = (1/4, 3/4), d01 = √16.25, d12 = 2.5.
        let expectedDistance = 0.25 * pow(5 - 16.25.squareRoot(), 2) + 0.75 * 6.25
        #expect(abs(terms.distance.scalar - Float(expectedDistance)) < 1e-5)
        // Regulariser: γ · mean ‖f_i‖ = 0.1 · (1 + √25.25 + √34) / 3.
        #expect(abs(terms.regularization.scalar - Float(0.1 * (1 + 25.25.squareRoot() + 34.0.squareRoot()) / 3)) < 1e-5)
        #expect(abs(terms.total.scalar - (terms.variance.scalar + terms.distance.scalar + terms.regularization.scalar)) < 1e-6)
    }

    @Test("Cosine loss normalises pixels, compares directions, and hinges at δ_v and 2δ_d")
    func cosineByHand() throws {
        // Superpixel 0: directions (1, 0) and (0, 1); mean direction (1, 1)/√2, each 1 − 1/√2 away.
        // Superpixel 1: (−1, 0) and (−3, 0), one direction after normalisation: 0 away.
        let x = Tensor(shape: [4, 2], values: [1, 0, 0, 1, -1, 0, -3, 0])
        let target = try ContrastiveTarget(superpixelOfPixel: [0, 0, 1, 1], edges: [(0, 1)])
        let pull = 1 - 1 / 2.0.squareRoot(), apart = 1 + 1 / 2.0.squareRoot()
        let terms = SuperpixelContrastiveLoss(distance: .cosine, varianceMargin: 0.1, distanceMargin: 1)(x, target: target)
        #expect(abs(terms.variance.scalar - Float(pow(pull - 0.1, 2) / 2)) < 1e-5)
        #expect(abs(terms.distance.scalar - Float(pow(2 - apart, 2))) < 1e-5)
        #expect(terms.regularization.scalar == 0)
        // The default margins (0.1, 0.3): the means are 1.71 apart, beyond 2δ_d = 0.6, so nothing pushes.
        #expect(SuperpixelContrastiveLoss()(x, target: target).distance.scalar == 0)
    }

    @Test("The loss's gradient matches finite differences")
    func lossGradient() throws {
        // Pixels away from the origin (where the cosine distance has no direction) and from every hinge's kink.
        let x = Tensor(shape: [5, 2], values: [1, 0.5, 2, 0, 5, 0, 5, 1, 4, 3])
        let target = try ContrastiveTarget(superpixelOfPixel: [0, 0, 1, 1, 2], edges: [(0, 1), (1, 2)], edgeWeights: [1, 3])
        for loss in [SuperpixelContrastiveLoss(distance: .euclidean, varianceMargin: 0.25, distanceMargin: 2.5, regularizationWeight: 0.1),
                     SuperpixelContrastiveLoss(distance: .cosine, varianceMargin: 0.01, distanceMargin: 0.2)] {
            #expect(loss(x, target: target).variance.scalar > 0 && loss(x, target: target).distance.scalar > 0)
            let report = GradientCheck.check([x], step: 1e-3) { loss($0[0], target: target).total }
            #expect(report.worstError < 2e-3, "\(loss.distance): \(report)")
        }
    }

    @Test("Targets reject non-consecutive ids and bad edges; a batch gives every image equal weight")
    func targets() throws {
        #expect(throws: PretrainingError.self) { try ContrastiveTarget(superpixelOfPixel: [0, 2], edges: []) }
        #expect(throws: PretrainingError.self) { try ContrastiveTarget(superpixelOfPixel: [0, 1], edges: [(0, 0)]) }
        #expect(throws: PretrainingError.self) { try ContrastiveTarget(superpixelOfPixel: [0, 1], edges: [(0, 1)], edgeWeights: [-1]) }
        let a = try ContrastiveTarget(superpixelOfPixel: [0, 1, 1], edges: [(0, 1)])
        let b = try ContrastiveTarget(superpixelOfPixel: [0, 1, 2, 2], edges: [(0, 1), (1, 2)], edgeWeights: [0, 0])
        #expect(b.edgeWeights == [0.5, 0.5]) // all-zero weights fall back to uniform
        let batch = ContrastiveTarget(batch: [a, b])
        #expect(batch.superpixelOfPixel == [0, 1, 1, 2, 3, 4, 4])
        #expect(batch.edgeU == [0, 2, 3] && batch.edgeV == [1, 3, 4])
        #expect(batch.edgeWeights == [0.5, 0.25, 0.25])
        #expect(abs(batch.pixelWeights.reduce(0, +) - 1) < 1e-6)
        #expect(abs(batch.superpixelWeights[0] - 0.25) < 1e-7 && abs(batch.superpixelWeights[2] - 1 / 6) < 1e-7)
    }

    // MARK: The edge feature

    @Test("The affinity kernel is the reference's (oracle O11: cosine, δ = 0.4)")
    func affinityKernel() {
        for (d, expected) in [(0, 1), (0.2, 0.5625), (0.4, 0.25), (0.8, 0), (1.5, 0)] as [(Float, Float)] {
            #expect(abs(EmbeddingDistance.affinity(distance: d, margin: 0.4) - expected) < 1e-6)
        }
    }

    /// A 4×4 image, superpixel 0 the left half, 1 the right half; embeddings given per half.
    static func halves(left: [Float], right: [Float]) throws -> (embeddings: [Float], superpixels: LabelImage, graph: Graph) {
        var labels = LabelImage(rows: 4, cols: 4, repeating: 0)
        var embeddings: [Float] = []
        for r in 0..<4 {
            for c in 0..<4 {
                labels[r, c] = c < 2 ? 0 : 1
                embeddings += c < 2 ? left : right
            }
        }
        return (embeddings, labels, try RegionAdjacencyGraph(labels: labels).graph)
    }

    @Test("Edge feature: 0 across identical embeddings, 1 beyond 2δ_d, the kernel in between")
    func edgeFeature() throws {
        let same = try Self.halves(left: [0.6, 0.8], right: [0.6, 0.8])
        let identical = EmbeddingEdgeFeature.distances(pixelEmbeddings: same.embeddings, width: 2, superpixels: same.superpixels,
                                                       graph: same.graph, distance: .cosine, margin: 0.3)
        #expect(identical.count == 1 && abs(identical[0]) < 1e-6)
        let orthogonal = try Self.halves(left: [1, 0], right: [0, 1])
        let far = EmbeddingEdgeFeature.distances(pixelEmbeddings: orthogonal.embeddings, width: 2, superpixels: orthogonal.superpixels,
                                                 graph: orthogonal.graph, distance: .cosine, margin: 0.3)
        #expect(abs(far[0] - 1) < 1e-6)
        let near = try Self.halves(left: [0, 0], right: [0.5, 0])
        let partial = EmbeddingEdgeFeature.distances(pixelEmbeddings: near.embeddings, width: 2, superpixels: near.superpixels,
                                                     graph: near.graph, distance: .euclidean, margin: 0.5)
        #expect(abs(partial[0] - 0.75) < 1e-6) // d = 0.5, 2δ_d = 1: affinity 0.25
    }

    @Test("Learned features: edge feature per edge in [0, 1], never recorded, even when trained jointly")
    func learnedEdgeFeature() throws {
        var generator = SeededGenerator(seed: 3)
        let features = try PixelEmbeddingFeatures(featureMaps: [4, 8], embeddingWidth: 3, trainsJointly: true,
                                                  input: .imageAndSuperpixelEdges, distance: .cosine, using: &generator)
        let items = try (0..<2).map { try SyntheticBatches.item(index: $0) }
        let observation = try SegmentationEnvironment(images: items.map(\.image), manifest: try SyntheticBatches.diceManifest(),
                                                      seed: 1).observation
        let parameter = try #require(features.parameters.first)
        let (nodes, edges) = features.features(observation)
        #expect(nodes.shape == [observation.nodeCount, 3] && nodes.isRecorded)
        #expect(edges.shape == [observation.edgeCount, PixelEmbeddingFeatures.edgeFeatureNames.count] && !edges.isRecorded)
        #expect(edges.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Cosine: node features are means of unit vectors, so their norms are at most 1.
        for n in 0..<observation.nodeCount {
            #expect((0..<3).map { nodes[n, $0] * nodes[n, $0] }.reduce(0, +) <= 1 + 1e-5)
        }
        nodes.sum().backward()
        #expect(parameter.gradient != nil)
        // The networks' inputs: handcrafted columns first, then the learned ones.
        let inputs = withoutGradients { features.networkInputs(observation) }
        let handcraftedEdges = HandcraftedFeatures.edgeFeatureNames.count, handcraftedNodes = HandcraftedFeatures.nodeFeatureNames.count
        #expect(inputs.nodes.shape == [observation.nodeCount, handcraftedNodes + 3])
        #expect(inputs.edges.shape == [observation.edgeCount, handcraftedEdges + 1])
        for e in [0, observation.edgeCount - 1] {
            #expect(inputs.edges[e, 0] == observation.edgeFeatures[e, 0] && inputs.edges[e, handcraftedEdges] == edges[e, 0])
        }
        #expect(inputs.nodes[0, handcraftedNodes] == nodes[0, 0] && inputs.nodes[0, 0] == observation.nodeFeatures[0, 0])
    }

    // MARK: Training

    /// A 64×64 image: a textured disc (class 1) on textured ground (class 0); superpixels are 8×8 blocks split
    /// along the disc's outline. Returns the image and each superpixel's class.
    static func disc() throws -> (image: PretrainingImage, classes: [Int]) {
        var generator = SeededGenerator(seed: 11)
        var image = Image(rows: 64, cols: 64, repeating: 0)
        var raw = LabelImage(rows: 64, cols: 64, repeating: 0)
        for r in 0..<64 {
            for c in 0..<64 {
                let inside = (Double(r) - 31.5) * (Double(r) - 31.5) + (Double(c) - 27.5) * (Double(c) - 27.5) < 18 * 18
                image[r, c] = (inside ? 0.7 : 0.25) + 0.08 * generator.nextUnitFloat()
                raw[r, c] = UInt32(((r / 8) * 8 + c / 8) * 2 + (inside ? 1 : 0))
            }
        }
        var ids: [UInt32: UInt32] = [:], classes: [Int] = []
        var labels = raw
        for i in labels.values.indices {
            let old = raw.values[i]
            if ids[old] == nil { ids[old] = UInt32(ids.count); classes.append(Int(old % 2)) }
            labels.values[i] = ids[old] ?? 0
        }
        return (try PretrainingImage(image: image, superpixels: labels), classes)
    }

    /// Mean edge feature over edges between the classes minus the mean over edges within a class.
    static func separation(_ features: PixelEmbeddingFeatures, _ item: PretrainingImage, classes: [Int]) throws -> Float {
        let graph = try RegionAdjacencyGraph(labels: item.superpixels).graph
        let pixels = withoutGradients {
            features.pixelEmbeddings(Tensor(shape: [1, features.input.channels, 64, 64],
                                            values: features.inputChannels(image: item.image, superpixels: item.superpixels)))
        }
        let values = EmbeddingEdgeFeature.distances(pixelEmbeddings: pixels.values, width: features.embeddingWidth,
                                                    superpixels: item.superpixels, graph: graph,
                                                    distance: features.distance, margin: features.affinityMargin)
        var across: [Float] = [], within: [Float] = []
        for (edge, value) in zip(graph.edges, values) {
            if classes[edge.u] != classes[edge.v] { across.append(value) } else { within.append(value) }
        }
        return across.reduce(0, +) / Float(across.count) - within.reduce(0, +) / Float(within.count)
    }

    static func smallConfiguration() -> ContrastivePretraining.Configuration {
        var configuration = ContrastivePretraining.Configuration()
        configuration.featureMaps = [8, 16]
        configuration.embeddingWidth = 4
        configuration.cropSize = 32
        configuration.batchSize = 2
        configuration.learningRate = 3e-3
        return configuration
    }

    @Test("Fifty steps lower the loss and separate disc from ground superpixels more than at initialisation")
    func learns() throws {
        let (item, classes) = try Self.disc()
        let trainer = try ContrastivePretraining(configuration: Self.smallConfiguration(), images: [item], seed: 5)
        let before = try Self.separation(trainer.features, item, classes: classes)
        var reports = 0
        let history = try trainer.train(steps: 50) { progress in
            reports += 1
            #expect(progress.completed == reports && progress.total == 50 && progress.runningLoss.isFinite)
        }
        let after = try Self.separation(trainer.features, item, classes: classes)
        let first = history.prefix(10).map(\.loss).reduce(0, +) / 10, last = history.suffix(10).map(\.loss).reduce(0, +) / 10
        #expect(reports == 50 && trainer.steps == 50)
        #expect(last < 0.7 * first, "loss \(first) → \(last)")
        #expect(after > before + 0.1, "separation \(before) → \(after)")
    }

    @Test("The same seed gives the same losses")
    func deterministic() throws {
        let (item, _) = try Self.disc()
        let a = try ContrastivePretraining(configuration: Self.smallConfiguration(), images: [item], seed: 9)
        let b = try ContrastivePretraining(configuration: Self.smallConfiguration(), images: [item], seed: 9)
        #expect(try a.train(steps: 3) == b.train(steps: 3))
    }

    @Test("A checkpoint rebuilds an identical extractor from the file alone; foreign files are refused")
    func checkpointRoundTrip() throws {
        let (item, _) = try Self.disc()
        let trainer = try ContrastivePretraining(configuration: Self.smallConfiguration(), images: [item], seed: 2)
        try trainer.train(steps: 2)
        let url = Fixtures.temporaryDirectory("pretrain").appendingPathComponent("fe.safetensors")
        try trainer.save(to: url, extra: ["images": "1"])
        let (loaded, metadata) = try PixelEmbeddingFeatures.load(from: url, trainsJointly: true)
        #expect(loaded.trainsJointly && loaded.featureMaps == [8, 16] && loaded.embeddingWidth == 4)
        #expect(loaded.input == .imageAndSuperpixelEdges && loaded.distance == .cosine && loaded.affinityMargin == 0.3)
        #expect(metadata["steps"] == "2" && metadata["images"] == "1" && metadata["edge_weighting"] == "boundary")
        #expect(metadata["loss"].flatMap(Float.init) == trainer.runningLoss)
        for (mine, theirs) in zip(trainer.features.namedParameters, loaded.namedParameters) {
            #expect(mine.name == theirs.name && mine.parameter.value.values == theirs.parameter.value.values)
        }
        let input = Tensor(shape: [1, 2, 32, 32], values: (0..<2048).map { Float($0 % 37) / 37 })
        #expect(trainer.features.pixelEmbeddings(input).values == loaded.pixelEmbeddings(input).values)

        var generator = SeededGenerator(seed: 1)
        let bare = try UNet2D(inputChannels: 1, outputChannels: 2, featureMaps: [4], groups: nil, using: &generator)
        let foreign = url.deletingLastPathComponent().appendingPathComponent("bare.safetensors")
        try Checkpoint.save(bare, to: foreign)
        let error = #expect(throws: PretrainingError.self) { try PixelEmbeddingFeatures.load(from: foreign, trainsJointly: false) }
        #expect(error?.description.contains("kind") == true)
        #expect(throws: PretrainingError.self) {
            try PixelEmbeddingFeatures.load(from: url.deletingLastPathComponent().appendingPathComponent("none"), trainsJointly: false)
        }
    }

    @Test("Bad configurations and images too small for the crops are typed errors")
    func badInput() throws {
        let (item, _) = try Self.disc()
        var configuration = Self.smallConfiguration()
        configuration.cropSize = 128
        let small = #expect(throws: PretrainingError.self) {
            try ContrastivePretraining(configuration: configuration, images: [item], seed: 0)
        }
        #expect(small?.description.contains("smaller than the 128×128 crops") == true)
        configuration.cropSize = 30 // not a multiple of 4 for three levels
        configuration.featureMaps = [8, 16, 32]
        #expect(throws: PretrainingError.self) { try ContrastivePretraining(configuration: configuration, images: [item], seed: 0) }
        #expect(throws: PretrainingError.self) { try ContrastivePretraining(configuration: Self.smallConfiguration(), images: [], seed: 0) }
        configuration = Self.smallConfiguration()
        configuration.loss.distanceMargin = 0
        #expect(throws: PretrainingError.self) { try ContrastivePretraining(configuration: configuration, images: [item], seed: 0) }
        #expect(throws: PretrainingError.self) {
            try PretrainingImage(image: Image(rows: 4, cols: 4, repeating: 0), superpixels: LabelImage(rows: 4, cols: 5, repeating: 0))
        }
    }
}
