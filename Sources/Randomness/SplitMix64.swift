/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast 64-bit generator. It seeds `SeededGenerator` and serves
/// where many cheap independent streams are wanted (one per generated image).
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for stream `index` of `seed`: independent streams (e.g. one per generated image), so item k
    /// is the same whatever the number of items. Distinct indices give distinct states (the mix is a bijection).
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
}
