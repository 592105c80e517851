import Imaging

/// Why a run report, or one of its figures, could not be made.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// Pixel features of an unusable shape or content; `shape` is the tensor or matrix shape given.
    case invalidFeatures(shape: [Int], reason: String)
    /// A LAPACK routine reported failure (`info` as LAPACK returns it).
    case lapackFailed(routine: String, info: Int)
    /// Inputs of one figure that do not fit together (names the image and what differs).
    case inconsistentInput(image: String, reason: String)
    /// Not one action per edge of the superpixel graph.
    case mismatchedActions(edges: Int, actions: Int)
    /// Two superpixels touch but the edge list has no edge between them.
    case missingEdge(u: UInt32, v: UInt32)
    /// The edge list is not in the project's single edge order (`u < v`, lexicographic, no repeats).
    case unorderedEdges(index: Int)
    /// Drawing or writing an image failed.
    case imaging(ImagingError)
    /// A report file could not be written.
    case writeFailed(path: String, reason: String)
    /// A `metrics.json` could not be read or decoded.
    case unreadableMetrics(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidFeatures(shape, reason):
            "invalid pixel features of shape \(shape): \(reason)"
        case let .lapackFailed(routine, info):
            "\(routine) failed with info = \(info)"
        case let .inconsistentInput(image, reason):
            "figure of image '\(image)': \(reason)"
        case let .mismatchedActions(edges, actions):
            "\(actions) actions for a superpixel graph of \(edges) edges (one action per edge expected)"
        case let .missingEdge(u, v):
            "superpixels \(u) and \(v) touch but the edge list has no edge (\(min(u, v)), \(max(u, v)))"
        case let .unorderedEdges(index):
            "edge \(index) breaks the edge order (u < v, sorted lexicographically, no repeats)"
        case let .imaging(error):
            error.description
        case let .writeFailed(path, reason):
            "cannot write \(path): \(reason)"
        case let .unreadableMetrics(path, reason):
            "cannot read report metrics \(path): \(reason)"
        }
    }
}
