import Randomness
import Tensors

/// The U-Net feature extractor of paper A.9: per level two blocks of 3×3 convolution → GroupNorm → ReLU;
/// 2×2 max-pooling on the way down; a kernel-2 stride-2 transposed convolution on the way up, concatenated with
/// the skip connection (`[upsampled, skip]` along channels) and followed by the level's two blocks; a 1×1 head.
///
/// Parameter names: `encoder.<level>.conv1.weight`, `encoder.<level>.norm1.bias`, …, `decoder.<level>.up.weight`,
/// `decoder.<level>.conv1.weight`, …, `head.weight`.
public struct UNet2D: Module {
    /// Two 3×3 convolutions, each followed by optional GroupNorm and ReLU.
    public struct DoubleConv: Module {
        public let conv1: Conv2d, conv2: Conv2d
        public let norm1: GroupNorm?, norm2: GroupNorm?

        init(inputs: Int, outputs: Int, groups: Int?, using generator: inout SeededGenerator) {
            conv1 = Conv2d(inputs: inputs, outputs: outputs, kernelSize: 3, using: &generator)
            conv2 = Conv2d(inputs: outputs, outputs: outputs, kernelSize: 3, using: &generator)
            norm1 = groups.map { GroupNorm(groups: $0, channels: outputs) }
            norm2 = groups.map { GroupNorm(groups: $0, channels: outputs) }
        }

        public var namedParameters: [NamedParameter] {
            conv1.namedParameters(prefix: "conv1") + (norm1?.namedParameters(prefix: "norm1") ?? [])
                + conv2.namedParameters(prefix: "conv2") + (norm2?.namedParameters(prefix: "norm2") ?? [])
        }

        public func callAsFunction(_ x: Tensor) -> Tensor {
            var h = conv1(x)
            if let norm1 { h = norm1(h) }
            h = conv2(h.relu())
            if let norm2 { h = norm2(h) }
            return h.relu()
        }
    }

    /// One up-sampling step of the decoder.
    public struct UpLevel: Module {
        public let up: ConvTranspose2d
        public let block: DoubleConv

        public var namedParameters: [NamedParameter] {
            up.namedParameters(prefix: "up") + block.namedParameters
        }
    }

    public let featureMaps: [Int]
    public let encoder: [DoubleConv]
    public let decoder: [UpLevel]
    public let head: Conv2d

    /// - Parameters:
    ///   - featureMaps: channels per level, finest first (the paper uses 16/32/64/128 for nuclei).
    ///   - groups: GroupNorm groups per block, or `nil` for no normalisation; must divide every level's channels.
    public init(inputChannels: Int, outputChannels: Int, featureMaps: [Int], groups: Int? = 8,
                using generator: inout SeededGenerator) throws(ModuleError) {
        guard !featureMaps.isEmpty, featureMaps.allSatisfy({ $0 > 0 }), inputChannels > 0, outputChannels > 0 else {
            throw .invalidConfiguration("U-Net needs positive channel counts, got input \(inputChannels), feature maps \(featureMaps), output \(outputChannels)")
        }
        if let groups, groups <= 0 || featureMaps.contains(where: { $0 % groups != 0 }) {
            throw .invalidConfiguration("GroupNorm with \(groups) groups does not divide the feature maps \(featureMaps)")
        }
        self.featureMaps = featureMaps
        var encoder: [DoubleConv] = []
        for (level, width) in featureMaps.enumerated() {
            encoder.append(DoubleConv(inputs: level == 0 ? inputChannels : featureMaps[level - 1], outputs: width,
                                      groups: groups, using: &generator))
        }
        var decoder: [UpLevel] = []
        for level in 0..<(featureMaps.count - 1) {
            decoder.append(UpLevel(up: ConvTranspose2d(inputs: featureMaps[level + 1], outputs: featureMaps[level], using: &generator),
                                   block: DoubleConv(inputs: 2 * featureMaps[level], outputs: featureMaps[level],
                                                     groups: groups, using: &generator)))
        }
        self.encoder = encoder
        self.decoder = decoder
        head = Conv2d(inputs: featureMaps[0], outputs: outputChannels, kernelSize: 1, using: &generator)
    }

    public var namedParameters: [NamedParameter] {
        encoder.enumerated().flatMap { $0.element.namedParameters(prefix: "encoder.\($0.offset)") }
            + decoder.enumerated().flatMap { $0.element.namedParameters(prefix: "decoder.\($0.offset)") }
            + head.namedParameters(prefix: "head")
    }

    /// Height and width must be multiples of `2^(levels − 1)` (see `checkInput(shape:)`).
    public func checkInput(shape: [Int]) throws(ModuleError) {
        let factor = 1 << (featureMaps.count - 1)
        let expectedChannels = encoder[0].conv1.weight.shape[1]
        guard shape.count == 4, shape[1] == expectedChannels, shape[2] % factor == 0, shape[3] % factor == 0, shape[2] > 0, shape[3] > 0 else {
            throw .invalidInput("U-Net input \(shape) must be [N, \(expectedChannels), H, W] with H and W multiples of \(factor)")
        }
    }

    /// `x: [N, in, H, W]` → `[N, out, H, W]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var skips: [Tensor] = []
        var h = x
        for (level, block) in encoder.enumerated() {
            if level > 0 { h = h.maxPool2x2() }
            h = block(h)
            skips.append(h)
        }
        for level in stride(from: decoder.count - 1, through: 0, by: -1) {
            let upsampled = decoder[level].up(h)
            h = decoder[level].block(Tensor.concatenate([upsampled, skips[level]], axis: 1))
        }
        return head(h)
    }
}
