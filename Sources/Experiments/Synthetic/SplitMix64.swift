import Foundation

/// A small, fast, seeded pseudo-random generator (Steele, Lea & Flood 2014, "SplitMix64"), so every random draw in
/// Experiments is reproducible from a seed on every platform and Swift version.
///
/// The draws used for data generation (`unit`, `uniform`, `integer`, `normal`) are defined here rather than through
/// the standard library's `random(in:using:)`, whose algorithm may change between Swift versions. The integer stream
/// is the same everywhere; `normal` (and the generators' geometry) also use the platform's `log`/`sin`/`cos`, so
/// generated images are byte-identical across runs and Swift versions on one platform. (Tensors will own the project-wide generator; this one is local to Experiments for now.)
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for stream `index` of `seed`: independent streams (e.g. one per generated image), so image k
    /// is the same whatever the number of images. Distinct indices give distinct states (the mix is a bijection).
    public init(seed: UInt64, stream index: UInt64) {
        var base = SplitMix64(seed: seed)
        var mixed = SplitMix64(seed: base.next() ^ (index &* 0xD1B5_4A32_D192_ED03))
        state = mixed.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// Uniform integer in `range` (Lemire's multiply-shift; the bias is below 2⁻⁶⁴·width, irrelevant here).
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) } // the full 64-bit range
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// Standard normal draw (Box–Muller, one value per call).
    public mutating func normal() -> Double {
        let u = 1 - unit() // (0, 1]
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
