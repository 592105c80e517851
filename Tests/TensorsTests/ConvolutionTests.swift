import Randomness
import Tensors
import Testing

/// `conv2d` on an image large enough to be cut into several bands of rows (the fixtures and gradient checks use
/// small images, which are grouped whole), against a direct evaluation of the definition.
@Suite struct ConvolutionTests {
    @Test func bandedConvolutionMatchesTheDefinition() {
        let (n, c, o, h, w) = (2, 16, 4, 40, 128) // 16·9 patch rows × 128 columns: bands of 28 rows
        var generator = SeededGenerator(seed: 40)
        let x = Parameter(Tensor.uniform([n, c, h, w], low: -1, high: 1, using: &generator))
        let weight = Parameter(Tensor.uniform([o, c, 3, 3], low: -1, high: 1, using: &generator))
        let lossWeight = Tensor.uniform([n, o, h, w], low: -1, high: 1, using: &generator)
        let y = Tensor.conv2d(x.tensor, weight: weight.tensor, bias: nil, padding: 1)
        (y * lossWeight).sum().backward()

        let xv = x.value.values, wv = weight.value.values, gv = lossWeight.values
        func input(_ s: Int, _ ch: Int, _ i: Int, _ j: Int) -> Double {
            i < 0 || i >= h || j < 0 || j >= w ? 0 : Double(xv[((s * c + ch) * h + i) * w + j])
        }
        var worstOutput = 0.0, worstWeightGradient = 0.0, worstInputGradient = 0.0
        var dw = [Double](repeating: 0, count: o * c * 9), dx = [Double](repeating: 0, count: n * c * h * w)
        for s in 0..<n {
            for out in 0..<o {
                for i in 0..<h {
                    for j in 0..<w {
                        var sum = 0.0
                        let g = Double(gv[((s * o + out) * h + i) * w + j])
                        for ch in 0..<c {
                            for a in 0..<3 {
                                for b in 0..<3 {
                                    let k = ((out * c + ch) * 3 + a) * 3 + b
                                    sum += Double(wv[k]) * input(s, ch, i + a - 1, j + b - 1)
                                    dw[k] += g * input(s, ch, i + a - 1, j + b - 1)
                                    let (yy, xx) = (i + a - 1, j + b - 1)
                                    if yy >= 0 && yy < h && xx >= 0 && xx < w { dx[((s * c + ch) * h + yy) * w + xx] += g * Double(wv[k]) }
                                }
                            }
                        }
                        worstOutput = max(worstOutput, abs(Double(y.values[((s * o + out) * h + i) * w + j]) - sum))
                    }
                }
            }
        }
        for k in dw.indices { worstWeightGradient = max(worstWeightGradient, abs(Double(weight.gradient!.values[k]) - dw[k]) / (1 + abs(dw[k]))) }
        for k in dx.indices { worstInputGradient = max(worstInputGradient, abs(Double(x.gradient!.values[k]) - dx[k])) }
        #expect(worstOutput < 1e-4 && worstWeightGradient < 1e-4 && worstInputGradient < 1e-4,
                "output \(worstOutput), dW \(worstWeightGradient), dX \(worstInputGradient)")
    }
}
