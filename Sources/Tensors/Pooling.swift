/// 2×2 max-pooling with stride 2 over the last two axes of `[N, C, H, W]`; an odd last row or column is dropped
/// (PyTorch's floor mode). The gradient goes to the arg-max of each window.
extension Tensor {
    public func maxPool2x2() -> Tensor {
        precondition(rank == 4, "maxPool2x2 needs [N, C, H, W], got \(shape)")
        let (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        let (outHeight, outWidth) = (height / 2, width / 2)
        let outCount = planes * outHeight * outWidth
        var argmax = [Int32](repeating: 0, count: outCount)
        let output = makeValues(outCount) { out in
            let sharedOut = SharedFloats(out)
            argmax.withUnsafeMutableBufferPointer { arg in
                let sharedArg = SharedIndices(arg)
                values.withUnsafeBufferPointer { x in
                    let source = SharedFloats(UnsafeMutableBufferPointer(mutating: x))
                    parallelChunks(planes, minimumChunk: Swift.max(1, 16_384 / Swift.max(height * width, 1))) { range in
                        for p in range { // disjoint output planes per worker
                            let plane = source.base + p * height * width
                            for i in 0..<outHeight {
                                for j in 0..<outWidth {
                                    let top = (2 * i) * width + 2 * j
                                    var best = top
                                    for candidate in [top + 1, top + width, top + width + 1] where plane[candidate] > plane[best] { best = candidate }
                                    let k = (p * outHeight + i) * outWidth + j
                                    sharedOut.base[k] = plane[best]
                                    sharedArg.base[k] = Int32(best)
                                }
                            }
                        }
                    }
                }
            }
        }
        let inputShape = shape
        return Tensor.result(shape: [shape[0], shape[1], outHeight, outWidth], values: output, inputs: [self]) { g in
            var gradient = [Float](repeating: 0, count: Tensor.elementCount(inputShape))
            let planeOut = outHeight * outWidth
            gradient.withUnsafeMutableBufferPointer { dx in g.values.withUnsafeBufferPointer { gv in
                for k in 0..<outCount { dx[(k / Swift.max(planeOut, 1)) * height * width + Int(argmax[k])] += gv[k] }
            } }
            return [Tensor(shape: inputShape, values: gradient)]
        }
    }
}

/// Like `SharedFloats`, for arg-max indices written by disjoint workers.
struct SharedIndices: @unchecked Sendable {
    let base: UnsafeMutablePointer<Int32>
    init(_ buffer: UnsafeMutableBufferPointer<Int32>) { base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 0x10)! }
}
