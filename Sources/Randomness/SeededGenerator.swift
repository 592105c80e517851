// The project's seeded random numbers. Every random draw in PriorCut takes one of these generators explicitly, so a
// seed reproduces a run. The draws below are defined here rather than through the standard library's
// `random(in:using:)`, whose algorithm may change between Swift versions; `nextStandardNormal` uses the platform's
// `log` and `cos`, so results are bit-identical on one platform.
import Foundation

/// The project's seeded pseudo-random generator: xoshiro256** (Blackman & Vigna), its 256-bit state expanded from a
/// 64-bit seed by SplitMix64 as its authors recommend. Fast, statistically strong, and the same sequence on every
/// platform — every random draw in PriorCut takes one of these explicitly, so a seed reproduces a run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var splitMix = SplitMix64(seed: seed)
        state = (splitMix.next(), splitMix.next(), splitMix.next(), splitMix.next())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// An independent generator for a sub-task (e.g. one per worker), derived deterministically from this one.
    public mutating func split() -> SeededGenerator { SeededGenerator(seed: next()) }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}


extension RandomNumberGenerator {
    /// A uniform `Float` in [0, 1) from the top 24 bits.
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A uniform `Double` in [0, 1) from the top 53 bits.
    public mutating func nextUnitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal draw (Box–Muller, one of the pair).
    public mutating func nextStandardNormal() -> Double {
        let u1 = 1 - nextUnitDouble() // (0, 1], so the log is finite
        let u2 = nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A uniform `Double` in [low, high).
    public mutating func nextUniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * nextUnitDouble() }

    /// A uniform integer in `range` (Lemire's multiply-shift; the bias is below 2⁻⁶⁴·width).
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) } // the full 64-bit range
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }
}
