import Foundation

/// Exponential shaping of a score in [0, 1] (paper Eq. 11): `exp(θ r) / exp(θ)`.
///
/// Linear similarity scores give weak gradients near the optimum; the exponential stretches the top of the
/// range. θ = 0 is the identity only in the limit, so "no shaping" is `nil`, not θ = 0.
public struct RewardShaping: Sendable, Equatable {
    public let theta: Double

    public init(theta: Double) throws(RewardError) {
        guard theta > 0, theta.isFinite else {
            throw .ruleContract(rule: "shaping", message: "exponential θ must be a positive number, got \(theta)")
        }
        self.theta = theta
    }

    /// `exp(θ (r − 1))`, the same value as Eq. 11 without overflow for large θ.
    @inlinable public func apply(_ r: Float) -> Float {
        Float(exp(theta * (Double(r) - 1)))
    }
}
