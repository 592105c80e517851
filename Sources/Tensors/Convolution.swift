/// 2-D convolution (cross-correlation, stride 1, zero padding) and the kernel-2 stride-2 transposed convolution,
/// in PyTorch's NCHW layout.
///
/// `conv2d` unfolds the image into a patch matrix (im2col, in parallel over its rows) and multiplies it by the
/// `[O, C·kH·kW]` weight matrix with `sgemm` (OpenBLAS's threads). A large image is processed in bands of output
/// rows whose patch matrix is about 2 MB (small images are grouped, whole, up to the same size): a whole-image patch matrix (75 MB for 32 channels at 256×256) would make every
/// byte travel to memory and back twice — once written by im2col, once packed by `sgemm` — while a band stays in
/// cache. The backward pass computes the weight gradient per band as `dY·colᵀ` (the band's patch matrix is rebuilt
/// rather than kept from the forward pass, which is cheap and keeps no memory alive in between), and the input
/// gradient as a forward convolution of `dY` with the flipped, transposed kernel and padding `k − 1 − p` — one
/// `sgemm` with the full `O·kH·kW` depth instead of a shallow `Wᵀ·dY` product followed by a scattered col2im.
extension Tensor {
    /// `y[n, o, i, j] = bias[o] + Σ_{c,a,b} w[o, c, a, b] · x[n, c, i + a − p, j + b − p]` (zero outside the image);
    /// The kernel must be square and `0 ≤ padding ≤ k − 1`.
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, padding: Int) -> Tensor {
        precondition(x.rank == 4 && weight.rank == 4 && x.shape[1] == weight.shape[1],
                     "conv2d of input \(x.shape) with weight \(weight.shape) (need [N,C,H,W] and [O,C,kH,kW])")
        precondition(weight.shape[2] == weight.shape[3] && padding >= 0 && padding < weight.shape[2],
                     "conv2d needs a square kernel and 0 ≤ padding < kernel size; got weight \(weight.shape), padding \(padding)")
        let geometry = ConvolutionGeometry(input: x.shape, kernel: weight.shape, padding: padding)
        if let bias { precondition(bias.shape == [geometry.outputChannels], "conv2d bias \(bias.shape) for weight \(weight.shape)") }
        var output = geometry.convolve(x.values, weight.values)
        let (spatial, outputs) = (geometry.outputSpatial, geometry.outputChannels)
        if let bias { addChannelBias(&output, bias.values, batch: geometry.batch, channels: outputs, spatial: spatial) }
        let input = x, weights = weight
        return result(shape: geometry.outputShape, values: output, inputs: [x, weight] + (bias.map { [$0] } ?? [])) { g in
            var gradients: [Tensor?] = [nil, nil]
            if input.isRecorded {
                let (flipped, transposedGeometry) = geometry.adjoint(weights.values)
                gradients[0] = Tensor(shape: input.shape, values: transposedGeometry.convolve(g.values, flipped))
            }
            if weights.isRecorded {
                gradients[1] = Tensor(shape: weights.shape, values: geometry.weightGradient(input.values, g.values))
            }
            if bias != nil { gradients.append(channelSums(g.values, batch: geometry.batch, channels: outputs, spatial: spatial)) }
            return gradients
        }
    }

    /// Transposed convolution with kernel 2 and stride 2 (exact ×2 upsampling):
    /// `y[n, o, 2i+a, 2j+b] = bias[o] + Σ_c x[n, c, i, j] · w[c, o, a, b]`, weight `[in, out, 2, 2]` (PyTorch layout).
    public static func convTranspose2d(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(x.rank == 4 && weight.rank == 4 && weight.shape[0] == x.shape[1] && weight.shape[2] == 2 && weight.shape[3] == 2,
                     "convTranspose2d of input \(x.shape) with weight \(weight.shape) (need [N,C,H,W] and [C,O,2,2])")
        let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outputs = weight.shape[1], spatial = height * width, taps = outputs * 4
        if let bias { precondition(bias.shape == [outputs], "convTranspose2d bias \(bias.shape) for \(outputs) outputs") }
        let xv = x.values, wv = weight.values
        var output = [Float](repeating: 0, count: batch * outputs * 4 * spatial)
        var products = [Float](repeating: 0, count: taps * spatial)
        for n in 0..<batch {
            xv.withPointer { px in wv.withPointer { pw in products.withMutablePointer { pt in // T = Wᵀ · X
                sgemm(transposeA: true, m: taps, n: spatial, k: channels, a: pw, lda: taps,
                      b: px + n * channels * spatial, ldb: spatial, c: pt, ldc: spatial)
            } } }
            products.withPointer { pt in output.withMutablePointer { py in
                interleaveTaps(pt, into: py + n * taps * spatial, channels: outputs, height: height, width: width)
            } }
        }
        if let bias { addChannelBias(&output, bias.values, batch: batch, channels: outputs, spatial: 4 * spatial) }
        let input = x, weights = weight
        return result(shape: [batch, outputs, 2 * height, 2 * width], values: output,
                      inputs: [x, weight] + (bias.map { [$0] } ?? [])) { g in
            var dx = [Float](repeating: 0, count: input.count)
            var dw = [Float](repeating: 0, count: weights.count)
            var dproducts = [Float](repeating: 0, count: taps * spatial)
            for n in 0..<batch {
                g.values.withPointer { pg in dproducts.withMutablePointer { pt in
                    deinterleaveTaps(pg + n * taps * spatial, into: pt, channels: outputs, height: height, width: width)
                } }
                dproducts.withPointer { pt in
                    if input.isRecorded { // dX = W · dT
                        wv.withPointer { pw in dx.withMutablePointer { pd in
                            sgemm(m: channels, n: spatial, k: taps, a: pw, lda: taps, b: pt, ldb: spatial,
                                  c: pd + n * channels * spatial, ldc: spatial)
                        } }
                    }
                    if weights.isRecorded { // dW += X · dTᵀ
                        xv.withPointer { px in dw.withMutablePointer { pd in
                            sgemm(transposeB: true, m: channels, n: taps, k: spatial, a: px + n * channels * spatial, lda: spatial,
                                  b: pt, ldb: spatial, beta: 1, c: pd, ldc: taps)
                        } }
                    }
                }
            }
            var gradients: [Tensor?] = [input.isRecorded ? Tensor(shape: input.shape, values: dx) : nil,
                                        weights.isRecorded ? Tensor(shape: weights.shape, values: dw) : nil]
            if bias != nil { gradients.append(channelSums(g.values, batch: batch, channels: outputs, spatial: 4 * spatial)) }
            return gradients
        }
    }
}

/// Sizes of a stride-1 convolution and its im2col / col2im transforms.
struct ConvolutionGeometry: Sendable {
    let batch, channels, height, width: Int
    let outputChannels, kernelHeight, kernelWidth, padding: Int
    let outputHeight, outputWidth: Int

    init(input: [Int], kernel: [Int], padding: Int) {
        precondition(padding >= 0, "negative padding \(padding)")
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (outputChannels, kernelHeight, kernelWidth) = (kernel[0], kernel[2], kernel[3])
        self.padding = padding
        outputHeight = height + 2 * padding - kernelHeight + 1
        outputWidth = width + 2 * padding - kernelWidth + 1
        precondition(outputHeight > 0 && outputWidth > 0, "kernel \(kernel) larger than padded input \(input)")
    }

    var patchRows: Int { channels * kernelHeight * kernelWidth }
    var outputSpatial: Int { outputHeight * outputWidth }
    var inputImageSize: Int { channels * height * width }
    var outputShape: [Int] { [batch, outputChannels, outputHeight, outputWidth] }
    /// A 1×1 kernel without padding: the image itself is the patch matrix.
    var isPointwise: Bool { kernelHeight == 1 && kernelWidth == 1 && padding == 0 }

    /// The convolution of `[N, C, H, W]` values with `[O, C, kH, kW]` weights, without bias: per block, im2col
    /// then one `sgemm`.
    func convolve(_ x: [Float], _ weights: [Float]) -> [Float] {
        let (rowsK, spatial, outputs) = (patchRows, outputSpatial, outputChannels)
        var output = [Float](unsafeUninitializedCapacity: batch * outputs * spatial) { _, initialized in
            initialized = batch * outputs * spatial // every element is written below
        }
        var columns = [Float](repeating: 0, count: isPointwise ? 0 : rowsK * blockCapacity)
        var staging = [Float](repeating: 0, count: samplesPerBlock > 1 ? outputs * blockCapacity : 0)
        x.withPointer { px in weights.withPointer { pw in output.withMutablePointer { py in
            for block in blocks {
                let width = block.width(outputWidth)
                withPatches(of: px, block: block, scratch: &columns) { patches, ld in
                    if block.samples.count == 1 { // straight into the output
                        let target = py + block.samples.lowerBound * outputs * spatial + block.rows.lowerBound * outputWidth
                        sgemm(m: outputs, n: width, k: rowsK, a: pw, lda: rowsK, b: patches, ldb: ld, c: target, ldc: spatial)
                    } else { // several whole images side by side: one product, then each image's columns to its place
                        staging.withMutablePointer { ps in
                            sgemm(m: outputs, n: width, k: rowsK, a: pw, lda: rowsK, b: patches, ldb: ld, c: ps, ldc: width)
                            for (i, n) in block.samples.enumerated() {
                                for o in 0..<outputs {
                                    (py + (n * outputs + o) * spatial).update(from: ps + o * width + i * spatial, count: spatial)
                                }
                            }
                        }
                    }
                }
            }
        } } }
        return output
    }

    /// `dW = Σ_blocks dY · colᵀ` for the output gradient `g`.
    func weightGradient(_ x: [Float], _ g: [Float]) -> [Float] {
        let (rowsK, spatial, outputs) = (patchRows, outputSpatial, outputChannels)
        var dw = [Float](repeating: 0, count: outputs * rowsK)
        var columns = [Float](repeating: 0, count: isPointwise ? 0 : rowsK * blockCapacity)
        var staging = [Float](repeating: 0, count: samplesPerBlock > 1 ? outputs * blockCapacity : 0)
        x.withPointer { px in g.withPointer { pg in dw.withMutablePointer { pd in
            for block in blocks {
                let width = block.width(outputWidth)
                withPatches(of: px, block: block, scratch: &columns) { patches, ld in
                    if block.samples.count == 1 {
                        let gradient = pg + block.samples.lowerBound * outputs * spatial + block.rows.lowerBound * outputWidth
                        sgemm(transposeB: true, m: outputs, n: rowsK, k: width, a: gradient, lda: spatial,
                              b: patches, ldb: ld, beta: 1, c: pd, ldc: rowsK)
                    } else { // gather the images' gradients side by side, matching the patch matrix
                        staging.withMutablePointer { ps in
                            for (i, n) in block.samples.enumerated() {
                                for o in 0..<outputs {
                                    (ps + o * width + i * spatial).update(from: pg + (n * outputs + o) * spatial, count: spatial)
                                }
                            }
                            sgemm(transposeB: true, m: outputs, n: rowsK, k: width, a: ps, lda: width,
                                  b: patches, ldb: ld, beta: 1, c: pd, ldc: rowsK)
                        }
                    }
                }
            }
        } } }
        return dw
    }

    /// The convolution that maps an output gradient to the input gradient: kernel `w'[c, o, a, b] =
    /// w[o, c, kH − 1 − a, kW − 1 − b]`, padding `k − 1 − p`, on `[N, O, H', W']`.
    func adjoint(_ weights: [Float]) -> (weights: [Float], geometry: ConvolutionGeometry) {
        let taps = kernelHeight * kernelWidth
        var flipped = [Float](repeating: 0, count: weights.count)
        for o in 0..<outputChannels {
            for c in 0..<channels {
                for tap in 0..<taps { flipped[(c * outputChannels + o) * taps + (taps - 1 - tap)] = weights[(o * channels + c) * taps + tap] }
            }
        }
        let geometry = ConvolutionGeometry(input: [batch, outputChannels, outputHeight, outputWidth],
                                           kernel: [channels, outputChannels, kernelHeight, kernelWidth],
                                           padding: kernelHeight - 1 - padding)
        return (flipped, geometry)
    }

    /// A unit of work: output rows `rows` of the images `samples`. Large images are cut into bands of rows whose
    /// patch matrix holds about 2 MB; small images are grouped, whole, until their joint patch matrix does, so that
    /// each `sgemm` stays large enough to be efficient.
    struct Block {
        let samples: Range<Int>
        let rows: Range<Int>
        func width(_ outputWidth: Int) -> Int { samples.count * rows.count * outputWidth }
    }

    private static let blockFloats = 1 << 19

    /// Output rows per block (all rows for a 1×1 kernel, whose patch matrix is the image itself).
    var bandRows: Int {
        if isPointwise { return outputHeight }
        return Swift.max(1, Swift.min(outputHeight, Self.blockFloats / Swift.max(patchRows * outputWidth, 1)))
    }

    /// Whole images per block (1 unless an image's patch matrix is at most half the block size).
    var samplesPerBlock: Int {
        guard !isPointwise, bandRows == outputHeight else { return 1 }
        return Swift.max(1, Swift.min(batch, Self.blockFloats / Swift.max(patchRows * outputSpatial, 1)))
    }

    var blocks: [Block] {
        let group = samplesPerBlock
        if group > 1 {
            return stride(from: 0, to: batch, by: group).map { Block(samples: $0..<Swift.min($0 + group, batch), rows: 0..<outputHeight) }
        }
        return (0..<batch).flatMap { n in
            stride(from: 0, to: outputHeight, by: bandRows).map { Block(samples: n..<(n + 1), rows: $0..<Swift.min($0 + bandRows, outputHeight)) }
        }
    }

    /// The largest block width (columns of a patch matrix).
    var blockCapacity: Int { samplesPerBlock * bandRows * outputWidth }

    /// Calls `body(patches, leadingDimension)` with the patch matrix of `block`: the image itself for a 1×1 kernel
    /// without padding, otherwise built in `scratch` by im2col (images side by side).
    func withPatches(of x: UnsafePointer<Float>, block: Block, scratch: inout [Float],
                     _ body: (UnsafePointer<Float>, Int) -> Void) {
        if isPointwise {
            body(x + block.samples.lowerBound * inputImageSize + block.rows.lowerBound * outputWidth, outputSpatial)
        } else {
            let width = block.width(outputWidth), perImage = block.rows.count * outputWidth
            scratch.withMutablePointer { columns in
                for (i, n) in block.samples.enumerated() {
                    im2col(x + n * inputImageSize, band: block.rows, into: columns + i * perImage, leadingDimension: width)
                }
            }
            scratch.withPointer { body($0, width) }
        }
    }

    /// Row `(c·kH + a)·kW + b` of the band's patch matrix holds `x[c, i + a − p, j + b − p]` at column
    /// `(i − band.start)·W' + j`; rows are `leadingDimension` apart.
    func im2col(_ image: UnsafePointer<Float>, band: Range<Int>, into columns: UnsafeMutablePointer<Float>,
                leadingDimension: Int) {
        let width = band.count * outputWidth
        let shared = SharedFloats(UnsafeMutableBufferPointer(start: columns, count: patchRows * leadingDimension))
        let source = UnsafeRawPointer(image)
        parallelChunks(patchRows, minimumChunk: Swift.max(1, 16_384 / Swift.max(width, 1))) { range in
            let image = source.assumingMemoryBound(to: Float.self)
            for row in range { // each worker writes its own rows of the patch matrix
                let c = row / (kernelHeight * kernelWidth), a = (row / kernelWidth) % kernelHeight, b = row % kernelWidth
                let destination = shared.base + row * leadingDimension
                let plane = image + c * height * self.width
                let shift = b - padding
                let jStart = Swift.max(0, -shift), jEnd = Swift.min(outputWidth, self.width - shift)
                for i in band {
                    let line = destination + (i - band.lowerBound) * outputWidth
                    let y = i + a - padding
                    guard y >= 0 && y < height && jStart < jEnd else {
                        line.update(repeating: 0, count: outputWidth)
                        continue
                    }
                    if jStart > 0 { line.update(repeating: 0, count: jStart) }
                    (line + jStart).update(from: plane + y * self.width + jStart + shift, count: jEnd - jStart)
                    if jEnd < outputWidth { (line + jEnd).update(repeating: 0, count: outputWidth - jEnd) }
                }
            }
        }
    }
}

/// Adds `bias[c]` to every element of channel `c` of an `[N, C, spatial]` buffer.
func addChannelBias(_ values: inout [Float], _ bias: [Float], batch: Int, channels: Int, spatial: Int) {
    values.withUnsafeMutableBufferPointer { out in
        let shared = SharedFloats(out)
        parallelChunks(batch * channels, minimumChunk: Swift.max(1, 65_536 / Swift.max(spatial, 1))) { range in
            for plane in range { // disjoint planes per worker
                let b = bias[plane % channels]
                let start = shared.base + plane * spatial
                for k in 0..<spatial { start[k] += b }
            }
        }
    }
}

/// Sums an `[N, C, spatial]` buffer over N and spatial: the gradient of a per-channel bias.
func channelSums(_ values: [Float], batch: Int, channels: Int, spatial: Int) -> Tensor {
    var sums = [Double](repeating: 0, count: channels)
    values.withUnsafeBufferPointer { g in
        for n in 0..<batch {
            for c in 0..<channels {
                var s: Float = 0
                let start = (n * channels + c) * spatial
                for k in 0..<spatial { s += g[start + k] }
                sums[c] += Double(s)
            }
        }
    }
    return Tensor(shape: [channels], values: sums.map(Float.init))
}

/// `y[o, 2i+a, 2j+b] = T[(o·2 + a)·2 + b, i·W + j]`.
private func interleaveTaps(_ taps: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>,
                            channels: Int, height: Int, width: Int) {
    let spatial = height * width
    for o in 0..<channels {
        for a in 0..<2 {
            for b in 0..<2 {
                let source = taps + ((o * 2 + a) * 2 + b) * spatial
                for i in 0..<height {
                    let line = output + (o * 2 * height + 2 * i + a) * 2 * width + b
                    let from = source + i * width
                    for j in 0..<width { line[2 * j] = from[j] }
                }
            }
        }
    }
}

/// The inverse of `interleaveTaps`.
private func deinterleaveTaps(_ output: UnsafePointer<Float>, into taps: UnsafeMutablePointer<Float>,
                              channels: Int, height: Int, width: Int) {
    let spatial = height * width
    for o in 0..<channels {
        for a in 0..<2 {
            for b in 0..<2 {
                let target = taps + ((o * 2 + a) * 2 + b) * spatial
                for i in 0..<height {
                    let line = output + (o * 2 * height + 2 * i + a) * 2 * width + b
                    let to = target + i * width
                    for j in 0..<width { to[j] = line[2 * j] }
                }
            }
        }
    }
}
