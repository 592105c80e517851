/// The global object-count term of paper A.11 (Eqs. 13 and 15), spread over the objects it judges.
///
/// With k expected and n predicted foreground objects: a foreground object scores k/n when there are too
/// many objects (n ≥ k) and 1 otherwise; the background scores n/k when there are too few (n ≤ k) and 1
/// otherwise. Early in training this gives a gradient before any object is well formed.
///
/// `slack` s (default 0, the paper's rule) widens k to the band [k − s, k + s] for data whose count varies:
/// foreground scores (k + s)/n above the band, background n/(k − s) below it, and both score 1 inside it.
/// Without it, an image with fewer objects than k rewards splitting objects, since every extra object raises n/k.
public struct ObjectCountRule: RewardRule {
    public static let identifier = "core.object-count"
    public static let summary = "Global term: foreground k/n if too many objects, background n/k if too few (A.11, Eqs. 13, 15)"
    public static let level = RuleLevel.objects
    public static let parameters = [
        RuleParameter("expected", .integer(1...100_000), default: nil, "expected number of foreground objects k"),
        RuleParameter("slack", .integer(0...100_000), default: .integer(0),
                      "s: any count in [k − s, k + s] scores 1 (0: the paper's exact k)"),
    ]

    public let expected: Int
    public let slack: Int

    public init(parameters: RuleParameters) throws {
        expected = try parameters.int("expected")
        slack = try parameters.int("slack")
        guard slack < expected else {
            throw RewardError.ruleContract(rule: Self.identifier, message: "slack \(slack) must be below expected \(expected)")
        }
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        let n = Float(context.classes.filter { $0 == .foreground }.count)
        let high = Float(expected + slack), low = Float(expected - slack)
        return .objects(context.classes.map { objectClass in
            switch objectClass {
            case .foreground: n >= high ? high / n : 1
            case .background: n <= low ? n / low : 1
            case .discarded: nil
            }
        })
    }
}
