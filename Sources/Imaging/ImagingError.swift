/// What went wrong while reading, writing or processing an image, and where.
public enum ImagingError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened (missing, a directory, no permission).
    case unreadableFile(path: String, reason: String)
    /// The file exists but its content is corrupt or truncated.
    case corruptFile(path: String, reason: String)
    /// The file is valid but uses a layout we do not read (e.g. tiled TIFF, 64-bit floats).
    case unsupportedFormat(path: String, reason: String)
    /// The file could not be written.
    case writeFailed(path: String, reason: String)
    /// Two arrays that must agree in shape do not.
    case shapeMismatch(expected: String, actual: String)
    /// An argument is outside its valid range.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason): "cannot read '\(path)': \(reason)"
        case let .corruptFile(path, reason): "corrupt image file '\(path)': \(reason)"
        case let .unsupportedFormat(path, reason): "unsupported image file '\(path)': \(reason)"
        case let .writeFailed(path, reason): "cannot write '\(path)': \(reason)"
        case let .shapeMismatch(expected, actual): "shape mismatch: expected \(expected), got \(actual)"
        case let .invalidArgument(text): "invalid argument: \(text)"
        }
    }
}
