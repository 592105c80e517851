/// Why a synthetic image could not be generated with the requested parameters.
public enum SyntheticDataError: Error, CustomStringConvertible, Equatable {
    /// A parameter is outside its valid range.
    case invalidParameter(name: String, value: String, expected: String)
    /// The requested objects do not fit into the image (rejection sampling gave up).
    case cannotPlace(objects: Int, size: Int, reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, expected):
            "invalid synthetic-data parameter \(name) = \(value): expected \(expected)"
        case let .cannotPlace(objects, size, reason):
            "cannot place \(objects) objects in a \(size)×\(size) image: \(reason)"
        }
    }
}
