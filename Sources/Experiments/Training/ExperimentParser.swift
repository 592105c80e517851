import Agent
import Foundation
import Graphs
import Imaging
import Rewards

/// Turns an experiment's YAML tree into an `ExperimentConfiguration`, checking every key, type and range and
/// reporting the first problem with its file and line. Defaults are those of the configuration types.
struct ExperimentParser {
    /// Relative paths are resolved against this folder.
    let baseFolder: String

    static let topKeys = ["name", "seed", "manifest", "data", "test", "superpixels", "features", "networks", "agent",
                          "training", "supervision"]
    static let folderKeys = ["images", "masks", "pattern", "limit", "normalisation"]
    static let syntheticKeys = ["synthetic", "count", "size", "seed", "radius", "circles", "distractors", "noise",
                                "separation", "cells"]
    static let splitKeys = ["validation", "split_seed"]

    func parse(_ root: YAMLNode) throws(ConfigurationError) -> ExperimentConfiguration {
        let top = try root.mapping(allowedKeys: Self.topKeys)
        let name = try required("name", in: top, of: root).string()
        guard !name.isEmpty, !name.contains("/") else {
            throw try required("name", in: top, of: root).error("the name must be non-empty and contain no '/'")
        }
        let manifestNode = try required("manifest", in: top, of: root)
        let manifest = try existingPath(manifestNode, what: "manifest file", folder: false)
        var configuration = ExperimentConfiguration(
            name: name, manifest: manifest,
            data: try trainingData(try required("data", in: top, of: root)))
        if let node = top["seed"] { configuration.seed = UInt64(try node.int(in: 0...Int.max)) }
        if let node = top["test"], !node.isNull { configuration.test = try source(node, extraKeys: []) }
        if let node = top["superpixels"] { configuration.superpixels = try superpixels(node) }
        if let node = top["features"] { configuration.features = try features(node) }
        if let node = top["networks"] { try networks(node, into: &configuration.agent) }
        if let node = top["agent"] { try agent(node, into: &configuration.agent) }
        if let node = top["training"] { configuration.training = try training(node) }
        if configuration.superpixels.groundTruth, !configuration.data.source.hasGroundTruth {
            throw (top["superpixels"] ?? root).error("ground_truth superpixels need data with masks")
        }
        if let node = top["supervision"], !node.isNull {
            guard configuration.data.source.hasGroundTruth else {
                throw node.error("supervision needs data with masks (the annotated images' ground truth)")
            }
            let fields = try node.mapping(allowedKeys: ["manifest", "images"])
            configuration.supervision = Supervision(
                manifest: try existingPath(try required("manifest", in: fields, of: node), what: "manifest file", folder: false),
                images: try fields["images"]?.int(in: 1...Int.max) ?? 1)
        }
        return configuration
    }

    // MARK: Data

    func trainingData(_ node: YAMLNode) throws(ConfigurationError) -> TrainingData {
        var data = TrainingData(source: try source(node, extraKeys: Self.splitKeys))
        let fields = try node.mapping(allowedKeys: Self.folderKeys + Self.syntheticKeys + Self.splitKeys)
        if let split = fields["validation"] {
            if let count = try? split.int(in: 0...Int.max) {
                data.validation = .count(count)
            } else {
                let fraction = try split.double()
                guard fraction >= 0, fraction < 1 else {
                    throw split.error("expected a count of images (a whole number) or a fraction in [0, 1), got \(fraction)")
                }
                data.validation = .fraction(fraction)
            }
        }
        if let seed = fields["split_seed"] { data.splitSeed = UInt64(try seed.int(in: 0...Int.max)) }
        return data
    }

    func source(_ node: YAMLNode, extraKeys: [String]) throws(ConfigurationError) -> DataSource {
        let fields = try node.mapping(allowedKeys: Self.folderKeys + Self.syntheticKeys + extraKeys)
        let isSynthetic = fields["synthetic"] != nil
        if isSynthetic, let stray = Self.folderKeys.compactMap({ fields[$0] }).first {
            throw stray.error("folder keys (\(Self.folderKeys.joined(separator: ", "))) do not apply to synthetic data")
        }
        if !isSynthetic {
            if let stray = Self.syntheticKeys.compactMap({ fields[$0] }).first {
                throw stray.error("generator keys apply only with 'synthetic: circles|embryo'")
            }
            return .folder(try folder(fields, node: node))
        }
        return .synthetic(try synthetic(fields, node: node))
    }

    func folder(_ fields: [String: YAMLNode], node: YAMLNode) throws(ConfigurationError) -> ImageFolder {
        guard let imagesNode = fields["images"] else {
            throw node.error("missing 'images' (a folder of images) or 'synthetic' (circles or embryo)")
        }
        var folder = ImageFolder(images: try existingPath(imagesNode, what: "image folder", folder: true))
        if let masks = fields["masks"], !masks.isNull { folder.masks = try existingPath(masks, what: "mask folder", folder: true) }
        if let pattern = fields["pattern"] {
            folder.pattern = try pattern.string()
            guard !folder.pattern.isEmpty else { throw pattern.error("the pattern must not be empty") }
        }
        if let limit = fields["limit"], !limit.isNull { folder.limit = try limit.int(in: 1...Int.max) }
        if let normalisation = fields["normalisation"] {
            folder.normalisation = try choice(normalisation, IntensityNormalisation.self)
        }
        return folder
    }

    func synthetic(_ fields: [String: YAMLNode], node: YAMLNode) throws(ConfigurationError) -> SyntheticData {
        guard let kindNode = fields["synthetic"] else { throw node.error("missing 'synthetic'") }
        let kind = try kindNode.string()
        let count = try fields["count"].map { node throws(ConfigurationError) in try node.int(in: 1...100_000) } ?? 16
        let size = try fields["size"].map { node throws(ConfigurationError) in try intRange(node, in: 16...8192) } ?? 64...64
        let seed = try fields["seed"].map { node throws(ConfigurationError) in UInt64(try node.int(in: 0...Int.max)) } ?? 0
        let recipe: SyntheticRecipe
        switch kind {
        case "circles":
            if let stray = fields["cells"] { throw stray.error("'cells' applies to synthetic: embryo") }
            var circles = SyntheticCircles()
            if let node = fields["radius"] { circles.radius = try doubleRange(node, in: 1...4096) }
            if let node = fields["circles"] { circles.circles = try intRange(node, in: 0...10_000) }
            if let node = fields["distractors"] { circles.distractors = try intRange(node, in: 0...10_000) }
            if let node = fields["noise"] { circles.noise = try node.double(in: 0...1) }
            if let node = fields["separation"] { circles.minimumSeparation = try node.double(in: 0.5...10) }
            for side in [size.lowerBound, size.upperBound] {
                do { try circles.validate(size: side) } catch { throw node.error("\(error)") }
            }
            recipe = .circles(circles)
        case "embryo":
            for key in ["radius", "circles", "distractors", "separation"] {
                if let stray = fields[key] { throw stray.error("'\(key)' applies to synthetic: circles") }
            }
            var embryo = SyntheticEmbryo()
            if let node = fields["cells"] { embryo.cells = try intRange(node, in: 3...10_000) }
            if let node = fields["noise"] { embryo.noise = try node.double(in: 0...1) }
            for side in [size.lowerBound, size.upperBound] {
                do { try embryo.validate(size: side) } catch { throw node.error("\(error)") }
            }
            recipe = .embryo(embryo)
        default:
            throw kindNode.error("unknown generator '\(kind)'; use circles or embryo")
        }
        return SyntheticData(recipe: recipe, count: count, size: size, seed: seed)
    }

    // MARK: Superpixels, features, networks

    func superpixels(_ node: YAMLNode) throws(ConfigurationError) -> SuperpixelConfiguration {
        let fields = try node.mapping(allowedKeys: ["method", "sigma", "h", "region_minimum_size", "intensity_levels",
                                                    "minimum_size", "ground_truth"])
        var configuration = SuperpixelConfiguration()
        var recipe = configuration.recipe
        if let node = fields["method"] { recipe.method = try choice(node, SuperpixelRecipe.Method.self) }
        if let node = fields["sigma"] { recipe.sigma = Float(try node.double(in: 1e-3...100)) }
        if let node = fields["h"] { recipe.h = Float(try node.double(in: 1e-9...1e6)) }
        if let node = fields["region_minimum_size"] { recipe.regionMinimumSize = try node.int(in: 0...Int(Int32.max)) }
        if let node = fields["minimum_size"] { recipe.minimumSize = try node.int(in: 0...Int(Int32.max)) }
        if let node = fields["intensity_levels"] {
            var levels: [Float] = []
            if !node.isNull {
                for item in try node.sequence() { levels.append(Float(try item.double(in: 1e-6...1e6))) }
            }
            recipe.intensityLevels = levels
        }
        do { try recipe.validate() } catch { throw node.error("\(error)") }
        configuration.recipe = recipe
        if let node = fields["ground_truth"] { configuration.groundTruth = try node.bool() }
        return configuration
    }

    func features(_ node: YAMLNode) throws(ConfigurationError) -> FeatureConfiguration {
        let fields = try node.mapping(allowedKeys: ["handcrafted", "extractor", "checkpoint", "feature_maps",
                                                    "embedding_width"])
        var features = FeatureConfiguration()
        if let node = fields["handcrafted"] { features.handcrafted = try node.bool() }
        if let node = fields["feature_maps"] {
            let maps = try node.sequence()
            guard (1...6).contains(maps.count) else { throw node.error("expected 1 to 6 feature-map counts") }
            features.featureMaps = []
            for item in maps { features.featureMaps.append(try item.int(in: 1...4096)) }
        }
        if let node = fields["embedding_width"] { features.embeddingWidth = try node.int(in: 1...4096) }
        let checkpoint = fields["checkpoint"]
        if let node = fields["extractor"] {
            switch try node.string() {
            case "none": features.extractor = .none
            case "joint": features.extractor = .joint
            case "pretrained":
                guard let checkpoint else {
                    throw node.error("a pretrained extractor needs 'checkpoint' (a file written by priorcut pretrain)")
                }
                features.extractor = .pretrained(checkpoint: try existingPath(checkpoint, what: "checkpoint", folder: false))
            case let other:
                throw node.error("unknown extractor '\(other)'; use none, pretrained or joint")
            }
        }
        if let checkpoint, features.extractor.name != "pretrained" {
            throw checkpoint.error("'checkpoint' applies only to extractor: pretrained")
        }
        if !features.handcrafted, case .none = features.extractor {
            throw node.error("with handcrafted: false the nodes need an extractor (pretrained or joint)")
        }
        return features
    }

    func networks(_ node: YAMLNode, into agent: inout AgentConfiguration) throws(ConfigurationError) {
        let fields = try node.mapping(allowedKeys: ["actor", "critic", "critic_embedding_width", "mean_bounds",
                                                    "std_bounds"])
        if let node = fields["actor"] { agent.actor = try shape(node, default: agent.actor) }
        if let node = fields["critic"] { agent.critic = try shape(node, default: agent.critic) }
        if let node = fields["critic_embedding_width"] { agent.criticEmbeddingWidth = try node.int(in: 1...65536) }
        if let node = fields["mean_bounds"] {
            let bounds = try doubleRange(node, in: -1000...1000)
            guard bounds.lowerBound < bounds.upperBound else { throw node.error("expected [low, high] with low < high") }
            agent.meanBounds = Float(bounds.lowerBound)...Float(bounds.upperBound)
        }
        if let node = fields["std_bounds"] {
            let bounds = try doubleRange(node, in: 1e-6...1000)
            guard bounds.lowerBound < bounds.upperBound else { throw node.error("expected [low, high] with low < high") }
            agent.stdBounds = Float(bounds.lowerBound)...Float(bounds.upperBound)
        }
    }

    func shape(_ node: YAMLNode, default shape: NetworkShape) throws(ConfigurationError) -> NetworkShape {
        let fields = try node.mapping(allowedKeys: ["depth", "width", "hidden_layers"])
        var shape = shape
        if let node = fields["depth"] { shape.depth = try node.int(in: 1...64) }
        if let node = fields["width"] { shape.width = try node.int(in: 1...65536) }
        if let node = fields["hidden_layers"] { shape.hiddenLayers = try node.int(in: 1...64) }
        return shape
    }

    func agent(_ node: YAMLNode, into agent: inout AgentConfiguration) throws(ConfigurationError) {
        let fields = try node.mapping(allowedKeys: [
            "actor_learning_rate", "critic_learning_rate", "temperature_learning_rate", "initial_temperature",
            "target_entropy", "tau", "replay", "warmup_steps", "updates_per_step", "gradient_clip_norm",
            "actor_uses_target_critic", "trains_actor",
        ])
        func positive(_ key: String) throws(ConfigurationError) -> Float? {
            guard let node = fields[key] else { return nil }
            let value = try node.double()
            guard value > 0, Float(value).isFinite else { throw node.error("expected a positive number, got \(value)") }
            return Float(value)
        }
        if let value = try positive("actor_learning_rate") { agent.actorLearningRate = value }
        if let value = try positive("critic_learning_rate") { agent.criticLearningRate = value }
        if let value = try positive("temperature_learning_rate") { agent.temperatureLearningRate = value }
        if let value = try positive("initial_temperature") { agent.initialTemperature = value }
        if let value = try positive("gradient_clip_norm") { agent.gradientClipNorm = value }
        if let node = fields["tau"] {
            let tau = try node.double(in: 0...1)
            guard tau > 0 else { throw node.error("τ must be in (0, 1]") }
            agent.tau = Float(tau)
        }
        if let node = fields["target_entropy"] { agent.targetEntropy = try targetEntropy(node) }
        if let node = fields["replay"] {
            let replay = try node.mapping(allowedKeys: ["capacity", "sampling", "exponent"])
            if let node = replay["capacity"] { agent.replayCapacity = try node.int(in: 1...1_000_000) }
            let exponent = try replay["exponent"].map { node throws(ConfigurationError) in Float(try node.double(in: 0...100)) }
            switch try replay["sampling"]?.string() ?? "uniform" {
            case "uniform":
                if let stray = replay["exponent"] { throw stray.error("'exponent' applies only to sampling: prioritised") }
                agent.replaySampling = .uniform
            case "prioritised", "prioritized":
                agent.replaySampling = .prioritised(exponent: exponent ?? 0.6)
            case let other:
                throw (replay["sampling"] ?? node).error("unknown sampling '\(other)'; use uniform or prioritised")
            }
        }
        if let node = fields["warmup_steps"] { agent.warmupSteps = try node.int(in: 0...Int(Int32.max)) }
        if let node = fields["updates_per_step"] { agent.updatesPerStep = try node.int(in: 1...1000) }
        if let node = fields["actor_uses_target_critic"] { agent.actorUsesTargetCritic = try node.bool() }
        if let node = fields["trains_actor"] { agent.trainsActor = try node.bool() }
    }

    func targetEntropy(_ node: YAMLNode) throws(ConfigurationError) -> AgentConfiguration.TargetEntropy {
        let fields = try node.mapping(allowedKeys: ["kind", "per_edge", "low", "high"])
        switch try fields["kind"]?.string() ?? "per_edge" {
        case "per_edge":
            for key in ["low", "high"] {
                if let stray = fields[key] { throw stray.error("'\(key)' applies only to kind: reward_dependent") }
            }
            return .perEdge(Float(try fields["per_edge"]?.double(in: -100...100) ?? 0))
        case "reward_dependent":
            if let stray = fields["per_edge"] { throw stray.error("'per_edge' applies only to kind: per_edge") }
            let low = Float(try fields["low"]?.double(in: -100...100) ?? 0.05)
            let high = Float(try fields["high"]?.double(in: -100...100) ?? 2)
            return .rewardDependent(low: low, high: high)
        case let other:
            throw (fields["kind"] ?? node).error("unknown target entropy kind '\(other)'; use per_edge or reward_dependent")
        }
    }

    func training(_ node: YAMLNode) throws(ConfigurationError) -> TrainingSchedule {
        let fields = try node.mapping(allowedKeys: ["steps", "batch_size", "validation_every", "checkpoint_every",
                                                    "solver"])
        var schedule = TrainingSchedule()
        if let node = fields["steps"] { schedule.steps = try node.int(in: 0...100_000_000) }
        if let node = fields["batch_size"] { schedule.batchSize = try node.int(in: 1...4096) }
        if let node = fields["validation_every"] { schedule.validationEvery = try node.int(in: 1...100_000_000) }
        if let node = fields["checkpoint_every"] { schedule.checkpointEvery = try node.int(in: 1...100_000_000) }
        if let node = fields["solver"] { schedule.solver = try choice(node, MulticutSolver.self) }
        return schedule
    }

    // MARK: Helpers

    func required(_ key: String, in fields: [String: YAMLNode], of node: YAMLNode) throws(ConfigurationError) -> YAMLNode {
        guard let value = fields[key], !value.isNull else { throw node.error("missing '\(key)'") }
        return value
    }

    /// A path relative to `baseFolder` (or absolute), made absolute and standardised; it must exist.
    func existingPath(_ node: YAMLNode, what: String, folder: Bool) throws(ConfigurationError) -> String {
        let text = try node.string()
        let url = text.hasPrefix("/") ? URL(fileURLWithPath: text)
            : URL(fileURLWithPath: baseFolder).appendingPathComponent(text)
        let path = url.standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw node.error("\(what) \(path) does not exist")
        }
        guard isFolder.boolValue == folder else { throw node.error("\(path) is not a \(folder ? "folder" : "file")") }
        return path
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ type: T.Type) throws(ConfigurationError) -> T
        where T.RawValue == String {
        let text = try node.string()
        guard let value = T(rawValue: text) else {
            throw node.error("unknown value '\(text)'; use \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// `n` or `[low, high]`.
    func intRange(_ node: YAMLNode, in bounds: ClosedRange<Int>) throws(ConfigurationError) -> ClosedRange<Int> {
        guard let items = try? node.sequence() else {
            let value = try node.int(in: bounds)
            return value...value
        }
        guard items.count == 2 else { throw node.error("expected a number or [low, high]") }
        let low = try items[0].int(in: bounds), high = try items[1].int(in: bounds)
        guard low <= high else { throw node.error("expected [low, high] with low ≤ high") }
        return low...high
    }

    func doubleRange(_ node: YAMLNode, in bounds: ClosedRange<Double>) throws(ConfigurationError) -> ClosedRange<Double> {
        guard let items = try? node.sequence() else {
            let value = try node.double(in: bounds)
            return value...value
        }
        guard items.count == 2 else { throw node.error("expected a number or [low, high]") }
        let low = try items[0].double(in: bounds), high = try items[1].double(in: bounds)
        guard low <= high else { throw node.error("expected [low, high] with low ≤ high") }
        return low...high
    }
}

extension DataSource {
    /// Whether the images come with instance masks.
    public var hasGroundTruth: Bool {
        switch self {
        case let .folder(folder): folder.masks != nil
        case .synthetic: true
        }
    }
}
