import Imaging
import Randomness

/// Adds N(0, σ²) noise to every pixel and clips to [0, 1].
func addNoise(_ image: inout Image, sigma: Double, using generator: inout SplitMix64) {
    for i in image.values.indices {
        let noisy = Double(image.values[i]) + (sigma > 0 ? sigma * generator.nextStandardNormal() : 0)
        image.values[i] = Float(min(max(noisy, 0), 1))
    }
}
