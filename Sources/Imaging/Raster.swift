/// The sample type an image file stores. Files keep their own type; computation converts to `Float`.
public enum SampleType: String, Sendable, CaseIterable, Codable {
    case uint8, uint16, uint32, int32, float32

    public var bytes: Int {
        switch self {
        case .uint8: 1
        case .uint16: 2
        case .uint32, .int32, .float32: 4
        }
    }
}

/// Typed sample storage of a `Raster`.
public enum Samples: Sendable, Equatable {
    case uint8([UInt8])
    case uint16([UInt16])
    case uint32([UInt32])
    case int32([Int32])
    case float32([Float])

    public var type: SampleType {
        switch self {
        case .uint8: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .int32: .int32
        case .float32: .float32
        }
    }

    public var count: Int {
        switch self {
        case let .uint8(v): v.count
        case let .uint16(v): v.count
        case let .uint32(v): v.count
        case let .int32(v): v.count
        case let .float32(v): v.count
        }
    }

    /// The parts one after another; all parts must have the type of the first.
    static func concatenating(_ parts: [Samples]) -> Samples {
        func join<T>(_ extract: (Samples) -> [T]?) -> [T] { parts.flatMap { extract($0) ?? [] } }
        switch parts[0] {
        case .uint8: return .uint8(join { if case let .uint8(v) = $0 { return v }; return nil })
        case .uint16: return .uint16(join { if case let .uint16(v) = $0 { return v }; return nil })
        case .uint32: return .uint32(join { if case let .uint32(v) = $0 { return v }; return nil })
        case .int32: return .int32(join { if case let .int32(v) = $0 { return v }; return nil })
        case .float32: return .float32(join { if case let .float32(v) = $0 { return v }; return nil })
        }
    }

    /// Every sample converted to Float (exact for uint8/uint16; uint32/int32 round beyond 2^24).
    public func floats() -> [Float] {
        switch self {
        // Closures, not `Float.init`: for UInt32 that reference resolves to `init(bitPattern:)`.
        case let .uint8(v): v.map { Float($0) }
        case let .uint16(v): v.map { Float($0) }
        case let .uint32(v): v.map { Float($0) }
        case let .int32(v): v.map { Float($0) }
        case let .float32(v): v
        }
    }
}

/// What an image file holds: `pages` planes of `rows × cols` pixels with `channels` interleaved samples each.
///
/// Sample order is page, row, column, channel. A single-channel 2-D image has `pages == 1, channels == 1`;
/// a (K, H, W) stack is K pages; an RGB image has 3 channels.
public struct Raster: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    public let channels: Int
    public let pages: Int
    public let samples: Samples

    public init(rows: Int, cols: Int, channels: Int = 1, pages: Int = 1, samples: Samples) throws(ImagingError) {
        guard rows > 0, cols > 0, channels > 0, pages > 0 else {
            throw .invalidArgument("raster dimensions must be positive, got \(pages) page(s) of \(rows)×\(cols)×\(channels)")
        }
        guard samples.count == rows * cols * channels * pages else {
            throw .shapeMismatch(expected: "\(pages)×\(rows)×\(cols)×\(channels) samples", actual: "\(samples.count) samples")
        }
        self.rows = rows
        self.cols = cols
        self.channels = channels
        self.pages = pages
        self.samples = samples
    }

    public var sampleType: SampleType { samples.type }
    public var shape: Shape2D { Shape2D(rows: rows, cols: cols) }

    /// A single-channel raster of Float intensities.
    public init(image: Image) throws(ImagingError) {
        try self.init(rows: image.rows, cols: image.cols, samples: .float32(image.values))
    }

    /// A single-channel raster of UInt32 labels.
    public init(labels: LabelImage) throws(ImagingError) {
        try self.init(rows: labels.rows, cols: labels.cols, samples: .uint32(labels.values))
    }

    /// One channel of one page as raw Float values (no scaling).
    public func plane(page: Int = 0, channel: Int = 0) throws(ImagingError) -> Image {
        guard (0..<pages).contains(page), (0..<channels).contains(channel) else {
            throw .invalidArgument("plane (page \(page), channel \(channel)) outside a raster of \(pages) page(s) × \(channels) channel(s)")
        }
        let all = samples.floats()
        let planeSize = rows * cols
        var out = [Float](repeating: 0, count: planeSize)
        let base = page * planeSize * channels
        for i in 0..<planeSize { out[i] = all[base + i * channels + channel] }
        return Image(uncheckedRows: rows, cols: cols, values: out)
    }

    /// Intensities for computation: a single-page image whose colour channels are averaged (alpha ignored),
    /// integer types scaled to [0, 1] by their type maximum (uint8 / 255, uint16 / 65535), floats unchanged.
    public func intensities() throws(ImagingError) -> Image {
        guard pages == 1 else {
            throw .invalidArgument("expected a single 2-D image, got a stack of \(pages) pages")
        }
        let colourChannels = channels == 2 || channels == 4 ? channels - 1 : channels
        let scale: Float = switch sampleType {
        case .uint8: 1 / 255
        case .uint16: 1 / 65535
        case .uint32: 1 / Float(UInt32.max)
        case .int32: 1 / Float(Int32.max)
        case .float32: 1
        }
        let all = samples.floats()
        let planeSize = rows * cols
        var out = [Float](repeating: 0, count: planeSize)
        let weight = scale / Float(colourChannels)
        for i in 0..<planeSize {
            var sum: Float = 0
            for c in 0..<colourChannels { sum += all[i * channels + c] }
            out[i] = sum * weight
        }
        return Image(uncheckedRows: rows, cols: cols, values: out)
    }

    /// Labels of a single-channel, single-page integer raster. Negative int32 labels and float rasters are errors.
    public func labels() throws(ImagingError) -> LabelImage {
        guard pages == 1, channels == 1 else {
            throw .invalidArgument("a label image must have one channel and one page, got \(pages) page(s) × \(channels) channel(s)")
        }
        let values: [UInt32]
        switch samples {
        case let .uint8(v): values = v.map(UInt32.init)
        case let .uint16(v): values = v.map(UInt32.init)
        case let .uint32(v): values = v
        case let .int32(v):
            if let bad = v.firstIndex(where: { $0 < 0 }) {
                throw .invalidArgument("negative label \(v[bad]) at (row \(bad / cols), col \(bad % cols))")
            }
            values = v.map { UInt32($0) }
        case .float32:
            throw .invalidArgument("a label image must hold integers, got float32 samples")
        }
        return LabelImage(uncheckedRows: rows, cols: cols, values: values)
    }
}
