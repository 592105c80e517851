/// What went wrong while computing rewards.
public enum RewardError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A rule broke its contract (returned the wrong number of scores, read an undeclared parameter, …).
    case ruleContract(rule: String, message: String)
    /// The inputs of a reward computation disagree (shapes, counts).
    case inconsistentInput(String)
    /// A rule needs something the context does not have (e.g. ground truth for the Dice rule).
    case missingInput(rule: String, what: String)

    public var description: String {
        switch self {
        case let .ruleContract(rule, message): "rule '\(rule)': \(message)"
        case let .inconsistentInput(text): "inconsistent reward input: \(text)"
        case let .missingInput(rule, what): "rule '\(rule)' needs \(what), which this image does not have"
        }
    }
}
