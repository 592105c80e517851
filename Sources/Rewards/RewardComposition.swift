/// The rewards of one segmentation under a manifest: per edge, per subgraph of every size, and the parts
/// that `priorcut reward` shows (per-object and per-rule scores).
public struct RewardReport: Sendable {
    /// The composed reward of every edge (before subgraph averaging).
    public let edgeRewards: [Float]
    /// Per subgraph size (manifest order), the reward of every subgraph: the `r_sg` the critic learns (Eq. 4).
    public let subgraphRewards: [[Float]]
    /// The combined object-level score of every object (weighted mean of the object rules judging it).
    public let objectScores: [Float]
    /// Every rule's own scores, after shaping, in manifest order.
    public let ruleScores: [(identifier: String, scores: RuleScores)]

    /// The mean over sizes of the mean subgraph reward: the scalar used for validation (paper A.5).
    public var meanReward: Float {
        let means = subgraphRewards.filter { !$0.isEmpty }.map { $0.reduce(0, +) / Float($0.count) }
        return means.isEmpty ? 0 : means.reduce(0, +) / Float(means.count)
    }
}

extension RewardManifest {
    /// Scores a segmentation: every rule once, then one mapping to subgraphs (paper §3.2, A.2, Eq. 11).
    ///
    /// Edge reward = W_obj · P_obj(e) · max(o_u, o_v) + Σ_{non-object rules i} w_i · P_i(e) · s_i(e), where
    /// o is the combined object score, W_obj the total weight of the object rules, and P a weight profile
    /// (1 if none). A subgraph's reward is the mean of its edges' rewards plus the weighted scores of
    /// subgraph-level rules.
    public func rewards(for context: RewardContext) throws -> RewardReport {
        let edgeCount = context.graph.edgeCount
        var edgeRewards = [Float](repeating: 0, count: edgeCount)
        var objectSum = [Float](repeating: 0, count: context.objectCount)
        var objectWeight = [Float](repeating: 0, count: context.objectCount)
        var objectRuleWeight: Float = 0
        var subgraphExtra = context.subgraphs.map { [Float](repeating: 0, count: $0.count) }
        var ruleScores: [(identifier: String, scores: RuleScores)] = []
        let positions = entries.contains { $0.profile != nil } || objectProfile != nil ? context.edgePositions : []

        func profileWeights(_ profile: WeightProfile?) -> [Float]? {
            profile.map {
                $0.weights(at: positions, rows: context.image.rows, cols: context.image.cols,
                           estimatedCentre: context.estimatedCentre)
            }
        }
        func shaped(_ x: Float) -> Float { shaping?.apply(x) ?? x }
        func requireCount(_ count: Int, _ expected: Int, _ what: String, _ entry: Entry) throws(RewardError) {
            guard count == expected else {
                throw .ruleContract(rule: entry.identifier, message: "returned \(count) \(what) scores, expected \(expected)")
            }
        }

        for entry in entries {
            let raw = try entry.rule.scores(in: context)
            let declared = type(of: entry.rule).level
            let scores: RuleScores
            switch raw {
            case let .objects(values):
                try requireCount(values.count, context.objectCount, "object", entry)
                scores = .objects(values.enumerated().map { index, value in
                    context.classes[index] == .discarded ? nil : value.map(shaped)
                })
            case let .superpixels(values):
                try requireCount(values.count, context.graph.nodeCount, "superpixel", entry)
                scores = .superpixels(values.map(shaped))
            case let .edges(values):
                try requireCount(values.count, edgeCount, "edge", entry)
                scores = .edges(values.map(shaped))
            case let .image(value):
                scores = .image(shaped(value))
            case let .subgraphs(values):
                try requireCount(values.count, context.subgraphs.count, "subgraph-size", entry)
                for (size, list) in values.enumerated() {
                    try requireCount(list.count, context.subgraphs[size].count, "subgraph", entry)
                }
                scores = .subgraphs(values.map { $0.map(shaped) })
            }
            guard scores.level == declared else {
                throw RewardError.ruleContract(rule: entry.identifier,
                                               message: "declares level \(declared.rawValue) but returned \(scores.level.rawValue) scores")
            }
            ruleScores.append((entry.identifier, scores))

            let weights = profileWeights(entry.profile)
            func addEdges(_ values: [Float]) {
                for e in 0..<edgeCount { edgeRewards[e] += entry.weight * (weights?[e] ?? 1) * values[e] }
            }
            switch scores {
            case let .objects(values):
                objectRuleWeight += entry.weight
                for (index, value) in values.enumerated() {
                    guard let value else { continue }
                    objectSum[index] += entry.weight * value
                    objectWeight[index] += entry.weight
                }
            case let .superpixels(values):
                addEdges(try RewardMapping.edgeScores(superpixelScores: values, edges: context.graph.edges))
            case let .edges(values):
                addEdges(values)
            case let .image(value):
                addEdges([Float](repeating: value, count: edgeCount))
            case let .subgraphs(values):
                for (size, list) in values.enumerated() {
                    for (g, value) in list.enumerated() {
                        let profileFactor = weights.map { w in context.subgraphs[size][g].reduce(0) { $0 + w[$1] } / Float(context.subgraphs[size][g].count) } ?? 1
                        subgraphExtra[size][g] += entry.weight * profileFactor * value
                    }
                }
            }
        }

        let objectScores = (0..<context.objectCount).map { objectWeight[$0] > 0 ? objectSum[$0] / objectWeight[$0] : 0 }
        if objectRuleWeight > 0 {
            let superpixelScores = try RewardMapping.superpixelScores(objectScores: objectScores,
                                                                      objectOfSuperpixel: context.objectOfSuperpixel)
            let mapped = try RewardMapping.edgeScores(superpixelScores: superpixelScores, edges: context.graph.edges)
            let weights = profileWeights(objectProfile)
            for e in 0..<edgeCount { edgeRewards[e] += objectRuleWeight * (weights?[e] ?? 1) * mapped[e] }
        }
        var subgraphRewards: [[Float]] = []
        for (size, list) in context.subgraphs.enumerated() {
            var means = try RewardMapping.subgraphMeans(edgeScores: edgeRewards, subgraphs: list)
            for g in means.indices { means[g] += subgraphExtra[size][g] }
            subgraphRewards.append(means)
        }
        return RewardReport(edgeRewards: edgeRewards, subgraphRewards: subgraphRewards, objectScores: objectScores,
                            ruleScores: ruleScores)
    }
}

extension RuleScores {
    public var level: RuleLevel {
        switch self {
        case .objects: .objects
        case .superpixels: .superpixels
        case .edges: .edges
        case .image: .image
        case .subgraphs: .subgraphs
        }
    }
}
