import Foundation
import Rewards

/// How similar each foreground object is to an expected nucleus (paper A.12, Eq. 16).
///
/// The eight properties of `NucleusProperties` are divided by their normalisers `n` (bringing each into
/// about [0, 1]) and compared with the expected values `p̂` divided the same way:
/// - `cosine` (Eq. 16, the paper's): `(1 + cos(p/n, p̂/n)) / 2`;
/// - `distance` (the "normalised sum of square distances" of §4.2): `exp(−Σ((p − p̂)/n)² / 8 · sharpness)`.
/// Cosine similarity ignores the vector's length — an object twice the expected size in every property
/// scores 1 — which is why `distance` exists. `priorcut rules fit nuclei.shape-similarity` derives `expected`
/// and `normalizers` from annotated masks of a training split.
public struct ShapeSimilarityRule: RewardRule {
    public static let identifier = "nuclei.shape-similarity"
    public static let summary = "Foreground objects: similarity of 8 regionprops to expected nucleus values (A.12, Eq. 16)"
    public static let level = RuleLevel.objects
    public static let parameters = [
        RuleParameter("expected", .numbers(count: 8...8, each: -1e6...1e6), default: nil,
                      "expected " + NucleusProperties.names.joined(separator: ", ")),
        RuleParameter("normalizers", .numbers(count: 8...8, each: 1e-9...1e6), default: nil,
                      "divisor per property bringing it into about [0, 1]"),
        RuleParameter("similarity", .choice(["cosine", "distance"]), default: .text("cosine"),
                      "cosine (Eq. 16) or distance (§4.2)"),
        RuleParameter("sharpness", .number(1e-3...1e3), default: .number(4),
                      "distance only: how fast the score falls with the mean squared normalised difference"),
    ]

    public let expected: [Double]
    public let normalizers: [Double]
    public let useCosine: Bool
    public let sharpness: Double

    public init(parameters: RuleParameters) throws {
        expected = try parameters.doubles("expected")
        normalizers = try parameters.doubles("normalizers")
        useCosine = try parameters.text("similarity") == "cosine"
        sharpness = try parameters.double("sharpness")
    }

    /// The score of one property vector.
    public func similarity(_ properties: [Double]) -> Float {
        let p = zip(properties, normalizers).map { $0 / $1 }
        let q = zip(expected, normalizers).map { $0 / $1 }
        if useCosine {
            let dot = zip(p, q).reduce(0) { $0 + $1.0 * $1.1 }
            let norms = (p.reduce(0) { $0 + $1 * $1 } * q.reduce(0) { $0 + $1 * $1 }).squareRoot()
            guard norms > 0 else { return 0.5 }
            return Float((1 + max(-1, min(1, dot / norms))) / 2)
        }
        let meanSquare = zip(p, q).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(p.count)
        return Float(exp(-sharpness * meanSquare))
    }

    public func scores(in context: RewardContext) throws -> RuleScores {
        let table = try context.objects
        return .objects(context.classes.enumerated().map { index, objectClass in
            guard objectClass == .foreground else { return nil }
            return similarity(NucleusProperties.vector(table[index]))
        })
    }
}
