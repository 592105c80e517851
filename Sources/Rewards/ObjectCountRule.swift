/// The global object-count term of paper A.11 (Eqs. 13 and 15), spread over the objects it judges.
///
/// With k expected and n predicted foreground objects: a foreground object scores k/n when there are too
/// many objects (n ≥ k) and 1 otherwise; the background scores n/k when there are too few (n ≤ k) and 1
/// otherwise. Early in training this gives a gradient before any object is well formed.
public struct ObjectCountRule: RewardRule {
    public static let identifier = "core.object-count"
    public static let summary = "Global term: foreground k/n if too many objects, background n/k if too few (A.11, Eqs. 13, 15)"
    public static let level = RuleLevel.objects
    public static let parameters = [
        RuleParameter("expected", .integer(1...100_000), default: nil, "expected number of foreground objects k"),
    ]

    public let expected: Int

    public init(parameters: RuleParameters) throws {
        expected = try parameters.int("expected")
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        let n = Float(context.classes.filter { $0 == .foreground }.count)
        let k = Float(expected)
        return .objects(context.classes.map { objectClass in
            switch objectClass {
            case .foreground: n >= k ? k / n : 1
            case .background: n <= k ? n / k : 1
            case .discarded: nil
            }
        })
    }
}
