import Agent

extension ExperimentConfiguration {
    /// The configuration as YAML with every default filled in and every path absolute (a run's `config.yaml`):
    /// parsing it gives an equal configuration, so `priorcut train RUN/config.yaml` reproduces the run.
    public var yaml: String {
        var lines = ["# Resolved experiment: every default filled in, every path absolute.",
                     "name: \(Self.quoted(name))", "seed: \(seed)", "manifest: \(Self.quoted(manifest))", "data:"]
        lines += Self.lines(of: data.source).map { "  " + $0 }
        switch data.validation {
        case let .count(n): lines.append("  validation: \(n)")
        case let .fraction(f): lines.append("  validation: \(Self.fractionText(f))")
        }
        lines.append("  split_seed: \(data.splitSeed)")
        if let test {
            lines.append("test:")
            lines += Self.lines(of: test).map { "  " + $0 }
        } else {
            lines.append("test: null")
        }
        let recipe = superpixels.recipe
        lines += [
            "superpixels:",
            "  method: \(recipe.method.rawValue)",
            "  sigma: \(recipe.sigma)",
            "  h: \(recipe.h)",
            "  region_minimum_size: \(recipe.regionMinimumSize)",
            "  intensity_levels: [\(recipe.intensityLevels.map { "\($0)" }.joined(separator: ", "))]",
            "  minimum_size: \(recipe.minimumSize)",
            "  ground_truth: \(superpixels.groundTruth)",
            "features:",
            "  handcrafted: \(features.handcrafted)",
            "  extractor: \(features.extractor.name)",
        ]
        if case let .pretrained(checkpoint) = features.extractor { lines.append("  checkpoint: \(Self.quoted(checkpoint))") }
        lines += [
            "  feature_maps: [\(features.featureMaps.map(String.init).joined(separator: ", "))]",
            "  embedding_width: \(features.embeddingWidth)",
            "networks:",
            "  actor: \(Self.flow(agent.actor))",
            "  critic: \(Self.flow(agent.critic))",
            "  critic_embedding_width: \(agent.criticEmbeddingWidth)",
            "  mean_bounds: [\(agent.meanBounds.lowerBound), \(agent.meanBounds.upperBound)]",
            "  std_bounds: [\(agent.stdBounds.lowerBound), \(agent.stdBounds.upperBound)]",
            "agent:",
            "  actor_learning_rate: \(agent.actorLearningRate)",
            "  critic_learning_rate: \(agent.criticLearningRate)",
            "  temperature_learning_rate: \(agent.temperatureLearningRate)",
            "  initial_temperature: \(agent.initialTemperature)",
        ]
        switch agent.targetEntropy {
        case let .perEdge(h): lines.append("  target_entropy: { kind: per_edge, per_edge: \(h) }")
        case let .rewardDependent(low, high):
            lines.append("  target_entropy: { kind: reward_dependent, low: \(low), high: \(high) }")
        }
        lines.append("  tau: \(agent.tau)")
        switch agent.replaySampling {
        case .uniform: lines.append("  replay: { capacity: \(agent.replayCapacity), sampling: uniform }")
        case let .prioritised(exponent):
            lines.append("  replay: { capacity: \(agent.replayCapacity), sampling: prioritised, exponent: \(exponent) }")
        }
        lines += [
            "  warmup_steps: \(agent.warmupSteps)",
            "  updates_per_step: \(agent.updatesPerStep)",
            "  gradient_clip_norm: \(agent.gradientClipNorm)",
            "  actor_uses_target_critic: \(agent.actorUsesTargetCritic)",
            "  trains_actor: \(agent.trainsActor)",
            "training:",
            "  steps: \(training.steps)",
            "  batch_size: \(training.batchSize)",
            "  validation_every: \(training.validationEvery)",
            "  checkpoint_every: \(training.checkpointEvery)",
            "  solver: \(training.solver.rawValue)",
        ]
        if let supervision {
            lines += ["supervision:", "  manifest: \(Self.quoted(supervision.manifest))", "  images: \(supervision.images)"]
        } else {
            lines.append("supervision: null")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func lines(of source: DataSource) -> [String] {
        switch source {
        case let .folder(folder):
            return ["images: \(quoted(folder.images))", "masks: \(folder.masks.map(quoted) ?? "null")",
                    "pattern: \(quoted(folder.pattern))", "limit: \(folder.limit.map(String.init) ?? "null")",
                    "normalisation: \(folder.normalisation.rawValue)"]
        case let .synthetic(synthetic):
            var lines = ["synthetic: \(synthetic.recipe.name)", "count: \(synthetic.count)",
                         "size: [\(synthetic.size.lowerBound), \(synthetic.size.upperBound)]", "seed: \(synthetic.seed)"]
            switch synthetic.recipe {
            case let .circles(circles):
                lines += ["radius: [\(circles.radius.lowerBound), \(circles.radius.upperBound)]",
                          "circles: [\(circles.circles.lowerBound), \(circles.circles.upperBound)]",
                          "distractors: [\(circles.distractors.lowerBound), \(circles.distractors.upperBound)]",
                          "noise: \(circles.noise)", "separation: \(circles.minimumSeparation)"]
            case let .embryo(embryo):
                lines += ["cells: [\(embryo.cells.lowerBound), \(embryo.cells.upperBound)]", "noise: \(embryo.noise)"]
            }
            return lines
        }
    }

    private static func flow(_ shape: NetworkShape) -> String {
        "{ depth: \(shape.depth), width: \(shape.width), hidden_layers: \(shape.hiddenLayers) }"
    }

    /// A fraction that cannot be mistaken for a count (0 and 1 keep their decimal point).
    private static func fractionText(_ value: Double) -> String {
        let text = "\(value)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    /// A YAML double-quoted string (paths and names may hold `:`, `#` or spaces).
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
