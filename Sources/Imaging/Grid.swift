/// A dense 2-D array of values in row-major order, indexed `(row, col)` from 0.
///
/// `Image` (Float intensities) and `LabelImage` (UInt32 labels) are the two grids everything else speaks.
/// A value type: copies are cheap until written (copy-on-write storage of `Array`).
public struct Grid<Element: Sendable>: Sendable {
    public let rows: Int
    public let cols: Int
    /// `rows * cols` values; the value at `(r, c)` is `values[r * cols + c]`.
    public var values: [Element]

    /// Creates a grid from row-major values. Fails with `ImagingError.shapeMismatch` if the count is wrong.
    public init(rows: Int, cols: Int, values: [Element]) throws(ImagingError) {
        guard rows >= 0, cols >= 0, values.count == rows * cols else {
            throw .shapeMismatch(expected: "\(rows)×\(cols) = \(max(rows, 0) * max(cols, 0)) values",
                                 actual: "\(values.count) values")
        }
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// A grid filled with one value.
    public init(rows: Int, cols: Int, repeating value: Element) {
        precondition(rows >= 0 && cols >= 0, "grid dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.values = Array(repeating: value, count: rows * cols)
    }

    /// Internal unchecked initialiser for code that has already validated the count.
    @usableFromInline init(uncheckedRows rows: Int, cols: Int, values: [Element]) {
        assert(values.count == rows * cols)
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    public var count: Int { rows * cols }
    public var shape: Shape2D { Shape2D(rows: rows, cols: cols) }
    public var isEmpty: Bool { rows == 0 || cols == 0 }

    @inlinable public subscript(row: Int, col: Int) -> Element {
        get { values[row * cols + col] }
        set { values[row * cols + col] = newValue }
    }

    /// Applies `transform` to every value, keeping the shape. Inlinable, so the closure is specialised at the call
    /// site instead of running through the generic (per-element, allocating) path across the module boundary.
    @inlinable public func map<T: Sendable>(_ transform: (Element) throws -> T) rethrows -> Grid<T> {
        Grid<T>(uncheckedRows: rows, cols: cols, values: try values.map(transform))
    }
}

extension Grid: Equatable where Element: Equatable {}
extension Grid: Hashable where Element: Hashable {}

/// Rows × columns of a 2-D image; printed as `512×512` in messages.
public struct Shape2D: Sendable, Hashable, CustomStringConvertible {
    public let rows: Int
    public let cols: Int
    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
    }
    public var description: String { "\(rows)×\(cols)" }
}

/// Float32 intensities, one channel. Computation happens on these; files keep their own sample type.
public typealias Image = Grid<Float>

/// Instance or superpixel labels. 0 means "background" only where a function says so.
public typealias LabelImage = Grid<UInt32>

extension Grid {
    /// Throws unless `other` has this grid's shape; `what` names the pair in the message.
    public func requireSameShape<T>(as other: Grid<T>, _ what: String) throws(ImagingError) {
        guard rows == other.rows, cols == other.cols else {
            throw .shapeMismatch(expected: "\(what): \(shape)", actual: "\(other.shape)")
        }
    }
}
