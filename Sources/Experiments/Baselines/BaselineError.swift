import Graphs
import Imaging

/// Why a baseline could not segment an image.
public enum BaselineError: Error, CustomStringConvertible, Equatable {
    /// The image has no pixels.
    case emptyImage(Shape2D)
    /// The image has a NaN or infinite value at `(row, col)`.
    case nonFiniteValue(row: Int, col: Int)
    /// A parameter is outside its valid range.
    case invalidParameter(String)
    /// The superpixels do not fit the image (shape) or are not numbered 0, 1, … without gaps.
    case invalidSuperpixels(String)
    /// An image operation failed.
    case imaging(ImagingError)
    /// A graph operation failed.
    case graph(GraphError)

    public var description: String {
        switch self {
        case let .emptyImage(shape): "cannot segment an empty \(shape) image"
        case let .nonFiniteValue(row, col): "image has a non-finite value at (row \(row), col \(col))"
        case let .invalidParameter(text): "invalid baseline parameter: \(text)"
        case let .invalidSuperpixels(text): "invalid superpixels: \(text)"
        case let .imaging(error): error.description
        case let .graph(error): error.description
        }
    }

    /// Rejects images no baseline can segment: empty, or with a non-finite value.
    static func validate(_ image: Image) throws(BaselineError) {
        guard !image.isEmpty else { throw .emptyImage(image.shape) }
        if let bad = image.values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(row: bad / image.cols, col: bad % image.cols)
        }
    }
}

/// Runs an Imaging operation, wrapping its error.
func imaging<T>(_ body: () throws(ImagingError) -> T) throws(BaselineError) -> T {
    do { return try body() } catch { throw .imaging(error) }
}

/// Runs a Graphs operation, wrapping its error.
func graphs<T>(_ body: () throws(GraphError) -> T) throws(BaselineError) -> T {
    do { return try body() } catch { throw .graph(error) }
}
