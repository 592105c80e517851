import Imaging

/// Why two label images could not be compared.
public enum MetricsError: Error, CustomStringConvertible, Equatable {
    /// The two images differ in shape; `first` and `second` name the roles (e.g. "ground truth", "prediction").
    case shapeMismatch(first: String, firstShape: Shape2D, second: String, secondShape: Shape2D)
    /// The images have no pixels, so no metric is defined.
    case emptyImages(Shape2D)

    public var description: String {
        switch self {
        case let .shapeMismatch(first, firstShape, second, secondShape):
            "shape mismatch: \(first) is \(firstShape) but \(second) is \(secondShape)"
        case let .emptyImages(shape):
            "cannot compare label images of shape \(shape): they have no pixels"
        }
    }
}
