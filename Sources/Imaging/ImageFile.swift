import Foundation

/// Reads and writes images by file type: TIFF (`.tif`, `.tiff`) and PNG (`.png`).
/// Reading looks at the file's first bytes, not its name.
public enum ImageFile {
    /// Reads a TIFF or PNG file.
    public static func read(_ path: String) throws(ImagingError) -> Raster {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .unreadableFile(path: path, reason: exists ? "permission denied or not a regular file" : "no such file")
        }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        try? handle.close()
        let bytes = [UInt8](head)
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
            || bytes.starts(with: [0x49, 0x49, 0x2B, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2B]) {
            return try TIFFFile.read(path)
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return try PNGFile.read(path)
        }
        if bytes.isEmpty { throw .corruptFile(path: path, reason: "the file is empty") }
        throw .unsupportedFormat(path: path, reason: "neither TIFF nor PNG (by its first bytes)")
    }

    /// Writes by extension: `.png` → PNG, anything else → TIFF (deflate-compressed).
    public static func write(_ raster: Raster, to path: String) throws(ImagingError) {
        if path.lowercased().hasSuffix(".png") {
            try PNGFile.write(raster, to: path)
        } else {
            try TIFFFile.write(raster, to: path, compression: .deflate)
        }
    }

    /// Reads a file as intensities: by default its type's range (see `Raster.intensities()`); experiments and the
    /// commands stretch each image to [0, 1] (`.minMax`).
    public static func readImage(_ path: String, normalisation: IntensityNormalisation = .type)
        throws(ImagingError) -> Image {
        try normalisation.intensities(of: read(path), path: path)
    }

    /// The intensities of a raster already read from `path` (see `Raster.intensities()`); a layout that has no
    /// single image (a stack) is reported against the file.
    public static func intensities(of raster: Raster, path: String) throws(ImagingError) -> Image {
        do {
            return try raster.intensities()
        } catch let .invalidArgument(text) {
            throw .unsupportedFormat(path: path, reason: text)
        }
    }

    /// Reads a file as a label image (see `Raster.labels()`).
    public static func readLabels(_ path: String) throws(ImagingError) -> LabelImage {
        do {
            return try read(path).labels()
        } catch let .invalidArgument(text) {
            throw .unsupportedFormat(path: path, reason: text)
        }
    }

    /// The file extensions treated as images when a folder is scanned.
    public static let imageExtensions: Set<String> = ["tif", "tiff", "png"]
}

/// Writes a file through a temporary sibling and renames it into place, so a reader never sees half a file.
enum AtomicWrite {
    static func perform(to path: String, _ body: (String) throws(ImagingError) -> Void) throws(ImagingError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        do {
            try body(temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw Self.renamingPath(error, from: temporary, to: path)
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Errors mention the path the user asked for, not the temporary file.
    private static func renamingPath(_ error: ImagingError, from temporary: String, to path: String) -> ImagingError {
        if case let .writeFailed(_, reason) = error { return .writeFailed(path: path, reason: reason) }
        return error
    }
}
