import CImageSupport
import CTIFF
import Foundation

/// TIFF compression schemes we write. Reading accepts whatever libtiff decodes.
public enum TIFFCompression: String, Sendable, CaseIterable {
    case none, lzw, deflate

    var tag: UInt16 {
        switch self {
        case .none: UInt16(COMPRESSION_NONE)
        case .lzw: UInt16(COMPRESSION_LZW)
        case .deflate: UInt16(COMPRESSION_ADOBE_DEFLATE)
        }
    }
}

/// How multi-channel samples are laid out in a TIFF file.
public enum TIFFPlanarLayout: Sendable {
    /// RGBRGB… (PlanarConfiguration 1).
    case interleaved
    /// RRR…GGG…BBB… (PlanarConfiguration 2).
    case separate
}

/// Strip-based TIFF through libtiff: uint8, uint16, uint32, int32 and float32 samples, any number of channels
/// (interleaved or separate planes), multi-page stacks of equal pages.
public enum TIFFFile {
    private static let installHandlers: Void = pc_tiff_install_handlers()

    private static func lastError(_ fallback: String) -> String {
        let text = String(cString: pc_tiff_last_error())
        return text.isEmpty ? fallback : text
    }

    public static func read(_ path: String) throws(ImagingError) -> Raster {
        _ = installHandlers
        pc_tiff_clear_error()
        guard FileManager.default.isReadableFile(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .unreadableFile(path: path, reason: exists ? "permission denied" : "no such file")
        }
        guard let tiff = TIFFOpen(path, "r") else {
            throw .corruptFile(path: path, reason: lastError("not a readable TIFF"))
        }
        defer { TIFFClose(tiff) }

        var pages: [Page] = []
        repeat {
            pages.append(try readPage(tiff, path: path, index: pages.count))
        } while TIFFReadDirectory(tiff) == 1
        let first = pages[0]
        if let index = pages.firstIndex(where: {
            $0.rows != first.rows || $0.cols != first.cols || $0.channels != first.channels
                || $0.samples.type != first.samples.type
        }) {
            throw .unsupportedFormat(path: path, reason: "page \(index) differs in shape or sample type from page 0")
        }
        let samples = Samples.concatenating(pages.map(\.samples))
        return try Raster(rows: first.rows, cols: first.cols, channels: first.channels, pages: pages.count,
                          samples: samples)
    }

    private struct Page {
        let rows: Int
        let cols: Int
        let channels: Int
        let samples: Samples
    }

    private static func readPage(_ tiff: OpaquePointer, path: String, index: Int) throws(ImagingError) -> Page {
        var width: UInt32 = 0, height: UInt32 = 0
        var bits: UInt16 = 1, channelCount: UInt16 = 1, format: UInt16 = UInt16(SAMPLEFORMAT_UINT)
        var planar: UInt16 = UInt16(PLANARCONFIG_CONTIG)
        guard pc_tiff_get_uint32(tiff, UInt32(TIFFTAG_IMAGEWIDTH), &width) == 1,
              pc_tiff_get_uint32(tiff, UInt32(TIFFTAG_IMAGELENGTH), &height) == 1 else {
            throw .corruptFile(path: path, reason: "page \(index) has no image size")
        }
        _ = pc_tiff_get_uint16_defaulted(tiff, UInt32(TIFFTAG_BITSPERSAMPLE), &bits)
        _ = pc_tiff_get_uint16_defaulted(tiff, UInt32(TIFFTAG_SAMPLESPERPIXEL), &channelCount)
        _ = pc_tiff_get_uint16_defaulted(tiff, UInt32(TIFFTAG_SAMPLEFORMAT), &format)
        _ = pc_tiff_get_uint16_defaulted(tiff, UInt32(TIFFTAG_PLANARCONFIG), &planar)
        guard width > 0, height > 0, channelCount > 0 else {
            throw .corruptFile(path: path, reason: "page \(index) is empty (\(height)×\(width)×\(channelCount))")
        }
        guard TIFFIsTiled(tiff) == 0 else {
            throw .unsupportedFormat(path: path, reason: "tiled TIFF (only strip-based files are read)")
        }
        let type: SampleType
        switch (Int32(format), bits) {
        case (SAMPLEFORMAT_UINT, 8): type = .uint8
        case (SAMPLEFORMAT_UINT, 16): type = .uint16
        case (SAMPLEFORMAT_UINT, 32): type = .uint32
        case (SAMPLEFORMAT_INT, 32): type = .int32
        case (SAMPLEFORMAT_IEEEFP, 32): type = .float32
        default:
            let kind = [Int32(SAMPLEFORMAT_INT): "signed", Int32(SAMPLEFORMAT_IEEEFP): "float"][Int32(format)] ?? "unsigned"
            throw .unsupportedFormat(path: path, reason: "\(bits)-bit \(kind) samples (read: uint8/16/32, int32, float32)")
        }
        let rows = Int(height), cols = Int(width), channels = Int(channelCount)
        let separate = planar == UInt16(PLANARCONFIG_SEPARATE) && channels > 1
        let rowBytes = cols * (separate ? 1 : channels) * type.bytes
        guard Int(TIFFScanlineSize64(tiff)) == rowBytes else {
            throw .corruptFile(path: path, reason: "unexpected scanline size \(TIFFScanlineSize64(tiff)) (expected \(rowBytes))")
        }
        func decode<T: BitwiseCopyable>(_: T.Type) throws(ImagingError) -> [T] {
            var out = [T](unsafeUninitializedCapacity: rows * cols * channels) { _, n in n = rows * cols * channels }
            var failure: String?
            out.withUnsafeMutableBytes { buffer in
                if !separate {
                    for r in 0..<rows where failure == nil {
                        if TIFFReadScanline(tiff, buffer.baseAddress! + r * rowBytes, UInt32(r), 0) < 0 {
                            failure = "truncated or corrupt at row \(r) of page \(index)"
                        }
                    }
                    return
                }
                let line = UnsafeMutableRawBufferPointer.allocate(byteCount: rowBytes, alignment: 16)
                defer { line.deallocate() }
                let size = MemoryLayout<T>.stride
                for s in 0..<channels where failure == nil {
                    for r in 0..<rows where failure == nil {
                        if TIFFReadScanline(tiff, line.baseAddress!, UInt32(r), UInt16(s)) < 0 {
                            failure = "truncated or corrupt at row \(r), channel \(s) of page \(index)"
                            break
                        }
                        for c in 0..<cols {
                            let target = ((r * cols + c) * channels + s) * size
                            (buffer.baseAddress! + target).copyMemory(from: line.baseAddress! + c * size, byteCount: size)
                        }
                    }
                }
            }
            if let failure { throw .corruptFile(path: path, reason: lastError(failure)) }
            return out
        }
        let samples: Samples = switch type {
        case .uint8: .uint8(try decode(UInt8.self))
        case .uint16: .uint16(try decode(UInt16.self))
        case .uint32: .uint32(try decode(UInt32.self))
        case .int32: .int32(try decode(Int32.self))
        case .float32: .float32(try decode(Float.self))
        }
        return Page(rows: rows, cols: cols, channels: channels, samples: samples)
    }

    /// Writes a raster (all pages) atomically: a temporary file in the same folder, renamed into place.
    public static func write(_ raster: Raster, to path: String, compression: TIFFCompression = .deflate,
                             layout: TIFFPlanarLayout = .interleaved) throws(ImagingError) {
        _ = installHandlers
        try AtomicWrite.perform(to: path) { (temporary: String) throws(ImagingError) in
            try writeFile(raster, to: temporary, compression: compression, layout: layout)
        }
    }

    private static func writeFile(_ raster: Raster, to path: String, compression: TIFFCompression,
                                  layout: TIFFPlanarLayout) throws(ImagingError) {
        pc_tiff_clear_error()
        guard let tiff = TIFFOpen(path, raster.sampleType.bytes * raster.count > 3_900_000_000 ? "w8" : "w") else {
            throw .writeFailed(path: path, reason: lastError("cannot create file"))
        }
        var closed = false
        defer { if !closed { TIFFClose(tiff) } }
        let type = raster.sampleType
        let (format, bits): (Int32, UInt16) = switch type {
        case .uint8: (SAMPLEFORMAT_UINT, 8)
        case .uint16: (SAMPLEFORMAT_UINT, 16)
        case .uint32: (SAMPLEFORMAT_UINT, 32)
        case .int32: (SAMPLEFORMAT_INT, 32)
        case .float32: (SAMPLEFORMAT_IEEEFP, 32)
        }
        let separate = layout == .separate && raster.channels > 1
        let photometric = raster.channels >= 3 && type == .uint8 || raster.channels >= 3 && type == .uint16
            ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK
        let rowBytes = raster.cols * (separate ? 1 : raster.channels) * type.bytes
        let rowsPerStrip = UInt32(max(1, min(raster.rows, (64 * 1024) / max(rowBytes, 1))))
        let pageSamples = raster.rows * raster.cols * raster.channels

        func put<T: BitwiseCopyable>(_ values: [T]) -> String? {
            values.withUnsafeBytes { all -> String? in
                let size = MemoryLayout<T>.stride
                let line = UnsafeMutableRawBufferPointer.allocate(byteCount: rowBytes, alignment: 16)
                defer { line.deallocate() }
                for page in 0..<raster.pages {
                    let ok = pc_tiff_set_uint32(tiff, UInt32(TIFFTAG_IMAGEWIDTH), UInt32(raster.cols)) == 1
                        && pc_tiff_set_uint32(tiff, UInt32(TIFFTAG_IMAGELENGTH), UInt32(raster.rows)) == 1
                        && pc_tiff_set_uint16(tiff, UInt32(TIFFTAG_BITSPERSAMPLE), bits) == 1
                        && pc_tiff_set_uint16(tiff, UInt32(TIFFTAG_SAMPLESPERPIXEL), UInt16(raster.channels)) == 1
                        && pc_tiff_set_uint16(tiff, UInt32(TIFFTAG_SAMPLEFORMAT), UInt16(format)) == 1
                        && pc_tiff_set_uint16(tiff, UInt32(TIFFTAG_PLANARCONFIG),
                                              UInt16(separate ? PLANARCONFIG_SEPARATE : PLANARCONFIG_CONTIG)) == 1
                        && pc_tiff_set_uint16(tiff, UInt32(TIFFTAG_PHOTOMETRIC), UInt16(photometric)) == 1
                        && pc_tiff_set_uint16(tiff, UInt32(TIFFTAG_COMPRESSION), compression.tag) == 1
                        && pc_tiff_set_uint32(tiff, UInt32(TIFFTAG_ROWSPERSTRIP), rowsPerStrip) == 1
                    guard ok else { return lastError("cannot set TIFF tags") }
                    if raster.channels > 1 && (photometric == PHOTOMETRIC_MINISBLACK || raster.channels > 3) {
                        // Channels beyond the colour model are unassociated extra samples (e.g. alpha or stains).
                        let extra = photometric == PHOTOMETRIC_RGB ? raster.channels - 3 : raster.channels - 1
                        if extra > 0 {
                            var kinds = [UInt16](repeating: UInt16(EXTRASAMPLE_UNSPECIFIED), count: extra)
                            _ = kinds.withUnsafeMutableBufferPointer { pc_tiff_set_extra_samples(tiff, UInt16(extra), $0.baseAddress) }
                        }
                    }
                    let base = all.baseAddress! + page * pageSamples * size
                    for plane in 0..<(separate ? raster.channels : 1) {
                        for r in 0..<raster.rows {
                            let source: UnsafeMutableRawPointer
                            if separate {
                                for c in 0..<raster.cols {
                                    let from = ((r * raster.cols + c) * raster.channels + plane) * size
                                    (line.baseAddress! + c * size).copyMemory(from: base + from, byteCount: size)
                                }
                                source = line.baseAddress!
                            } else {
                                line.baseAddress!.copyMemory(from: base + r * rowBytes, byteCount: rowBytes)
                                source = line.baseAddress!
                            }
                            if TIFFWriteScanline(tiff, source, UInt32(r), UInt16(plane)) < 0 {
                                return lastError("write failed at row \(r) of page \(page)")
                            }
                        }
                    }
                    if TIFFWriteDirectory(tiff) != 1 { return lastError("cannot finish page \(page)") }
                }
                return nil
            }
        }
        let failure: String? = switch raster.samples {
        case let .uint8(v): put(v)
        case let .uint16(v): put(v)
        case let .uint32(v): put(v)
        case let .int32(v): put(v)
        case let .float32(v): put(v)
        }
        if let failure { throw .writeFailed(path: path, reason: failure) }
        closed = true
        TIFFClose(tiff)
        if pc_tiff_last_error_is_empty() == 0 {
            throw .writeFailed(path: path, reason: lastError("close failed"))
        }
    }
}

extension Raster {
    /// Number of pixels per page times channels per pixel, across all pages: the sample count.
    var count: Int { rows * cols * channels * pages }
}
