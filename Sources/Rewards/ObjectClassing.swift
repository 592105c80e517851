/// The class a predicted object gets before rules see it (paper A.2: objects are split into foreground and
/// background, each judged by its own rules).
public enum ObjectClass: String, Sendable, Codable, CaseIterable {
    case background, foreground
    /// Too small to judge: every object-level rule scores it 0.
    case discarded
}

/// How a manifest classes objects by size: `objects: { background: { largest: true, min_area: 1400 },
/// discard: { max_area: 200 } }`.
///
/// An object is background if it is the largest (when `largestIsBackground`) or its area is at least
/// `backgroundMinArea`; otherwise it is discarded if its area is at most `discardMaxArea`; otherwise foreground.
public struct ObjectClassing: Sendable, Equatable {
    public var largestIsBackground: Bool
    public var backgroundMinArea: Int?
    public var discardMaxArea: Int?
    /// Foreground objects that this rule scores below the threshold are written as background in segmentations.
    public var rejection: ObjectRejection?

    public init(largestIsBackground: Bool = false, backgroundMinArea: Int? = nil, discardMaxArea: Int? = nil,
                rejection: ObjectRejection? = nil) {
        self.largestIsBackground = largestIsBackground
        self.backgroundMinArea = backgroundMinArea
        self.discardMaxArea = discardMaxArea
        self.rejection = rejection
    }

    /// Classes for objects of the given pixel areas. Ties for the largest go to the lowest index.
    public func classes(areas: [Int]) -> [ObjectClass] {
        let largest = largestIsBackground ? areas.indices.max { areas[$0] < areas[$1] || (areas[$0] == areas[$1] && $0 > $1) } : nil
        return areas.enumerated().map { index, area in
            if index == largest { return .background }
            if let minimum = backgroundMinArea, area >= minimum { return .background }
            if let maximum = discardMaxArea, area <= maximum { return .discarded }
            return .foreground
        }
    }
}

/// `objects: { reject: { rule: circles.hough, below: 0.05 } }`: a foreground object that the named object-level rule
/// scores below `below` is written as background (0) in the segmentation the agent outputs.
///
/// Only the output changes; rewards still judge the object as foreground. (Judging it as background would reward
/// shattering an object into pieces the rule rejects.) Use it when the rules can tell objects from clutter that looks
/// like them locally: the agent learns to cut every bright blob out, and the shape rule decides which are objects.
public struct ObjectRejection: Sendable, Equatable {
    public var rule: String
    public var below: Float

    public init(rule: String, below: Float) {
        self.rule = rule
        self.below = below
    }
}

extension RewardManifest {
    /// Per object, whether `objects.reject` writes it as background: a foreground object that the named rule
    /// scores below the threshold (its own score, before any `shaping`). All false without a rejection.
    ///
    /// `report`, the rewards of this same context, supplies the rule's scores so that a training step does not run
    /// the rule twice; its scores are shaped (Eq. 11, increasing), so they are compared with the shaped threshold.
    /// Without a report only that one rule runs, so images without ground truth work with supervised manifests.
    public func rejectedObjects(in context: RewardContext, report: RewardReport? = nil) throws -> [Bool] {
        let none = context.classes.map { _ in false }
        guard let rejection = classing.rejection else { return none }
        let scores: RuleScores?
        let threshold: Float
        if let report {
            scores = report.ruleScores.first { $0.identifier == rejection.rule }?.scores
            threshold = shaping?.apply(rejection.below) ?? rejection.below
        } else {
            scores = try entries.first { $0.identifier == rejection.rule }?.rule.scores(in: context)
            threshold = rejection.below
        }
        guard case let .objects(values)? = scores else { return none }
        return context.classes.indices.map { index in
            context.classes[index] == .foreground && values.indices.contains(index)
                && (values[index].map { $0 < threshold } ?? false)
        }
    }
}
