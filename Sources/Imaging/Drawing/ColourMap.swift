/// An RGB image with channel values in [0, 1], for figures and overlays.
public typealias ColourImage = Grid<SIMD3<Float>>

/// Maps a score to a colour.
public enum ColourMap {
    /// Red (0) → yellow (0.5) → green (1), the reward colours of the paper's figures. Values are clipped to [0, 1].
    public static func redGreen(_ value: Float) -> SIMD3<Float> {
        let x = value.isNaN ? 0 : min(1, max(0, value))
        return x < 0.5 ? SIMD3(1, 2 * x, 0) : SIMD3(2 * (1 - x), 1, 0)
    }

    /// The same grey in every channel.
    public static func grey(_ value: Float) -> SIMD3<Float> {
        let x = value.isNaN ? 0 : min(1, max(0, value))
        return SIMD3(repeating: x)
    }
}
