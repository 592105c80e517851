import CImageSupport
import Foundation

/// PNG through libpng (guarded by setjmp in `CImageSupport`, so a corrupt file is an error, not an abort).
/// Gray, gray+alpha, RGB and RGBA at 8 or 16 bits, raw samples: no gamma or colour conversion.
public enum PNGFile {
    public static func read(_ path: String) throws(ImagingError) -> Raster {
        guard FileManager.default.isReadableFile(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .unreadableFile(path: path, reason: exists ? "permission denied" : "no such file")
        }
        var image = pc_png_image()
        var message = [CChar](repeating: 0, count: 256)
        let status = pc_png_read(path, &image, &message, message.count)
        guard status == 0, let data = image.data else {
            let reason = decodeCString(message)
            if status == 1 { throw .unreadableFile(path: path, reason: reason) }
            throw .corruptFile(path: path, reason: reason)
        }
        defer { pc_free(data) }
        let count = Int(image.rows) * Int(image.cols) * Int(image.channels)
        let samples: Samples = image.bit_depth == 16
            ? .uint16(Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt16.self), count: count)))
            : .uint8(Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: count)))
        return try Raster(rows: Int(image.rows), cols: Int(image.cols), channels: Int(image.channels), samples: samples)
    }

    /// Writes uint8 or uint16 rasters with 1–4 channels and one page, atomically.
    public static func write(_ raster: Raster, to path: String, compressionLevel: Int = 6) throws(ImagingError) {
        guard raster.pages == 1, (1...4).contains(raster.channels) else {
            throw .writeFailed(path: path, reason: "PNG holds one page of 1–4 channels, got \(raster.pages) × \(raster.channels)")
        }
        try AtomicWrite.perform(to: path) { (temporary: String) throws(ImagingError) in
            func put<T>(_ values: [T], depth: UInt32) throws(ImagingError) {
                var message = [CChar](repeating: 0, count: 256)
                let status = values.withUnsafeBytes { bytes in
                    var image = pc_png_image(rows: UInt32(raster.rows), cols: UInt32(raster.cols),
                                             channels: UInt32(raster.channels), bit_depth: depth,
                                             data: UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                    return pc_png_write(temporary, &image, Int32(compressionLevel), &message, message.count)
                }
                if status != 0 { throw .writeFailed(path: temporary, reason: decodeCString(message)) }
            }
            switch raster.samples {
            case let .uint8(v): try put(v, depth: 8)
            case let .uint16(v): try put(v, depth: 16)
            default:
                throw .writeFailed(path: temporary, reason: "PNG holds 8- or 16-bit unsigned samples, got \(raster.sampleType.rawValue)")
            }
        }
    }
}

/// The text of a NUL-terminated C buffer.
func decodeCString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
