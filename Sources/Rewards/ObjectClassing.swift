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

    public init(largestIsBackground: Bool = false, backgroundMinArea: Int? = nil, discardMaxArea: Int? = nil) {
        self.largestIsBackground = largestIsBackground
        self.backgroundMinArea = backgroundMinArea
        self.discardMaxArea = discardMaxArea
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
