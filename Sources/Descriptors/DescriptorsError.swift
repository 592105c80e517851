import Imaging

/// What was wrong with the input of a descriptor computation, and where.
public enum DescriptorsError: Error, CustomStringConvertible, Equatable {
    /// Two images that must have the same shape do not (e.g. labels and intensities).
    case shapeMismatch(what: String, expected: Shape2D, actual: Shape2D)
    /// A parameter is outside its valid range.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(what, expected, actual):
            "shape mismatch: \(what) must be \(expected), got \(actual)"
        case let .invalidArgument(text):
            "invalid argument: \(text)"
        }
    }
}
