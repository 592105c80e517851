import Agent
import Dispatch
import Imaging
import Synchronization

/// An experiment image ready for the agent: superpixels by the experiment's recipe (or given ones), and the
/// `EnvironmentImage` the environment and the networks read, padded for the U-Net when there is one.
///
/// Why padding: the U-Net needs sides that are multiples of 2^(levels − 1). Image, superpixels and mask are
/// extended by repeating their last row and column, so no superpixel is added and every padded pixel belongs to
/// the superpixel at the border; `crop` cuts a result back to the original size.
public struct PreparedImage: Sendable {
    public let name: String
    /// The original (unpadded) intensities, superpixels and mask.
    public let image: Image
    public let superpixels: LabelImage
    public let mask: LabelImage?
    public let environmentImage: EnvironmentImage

    /// - Parameters:
    ///   - superpixels: given superpixels (any ids; relabelled to 0, 1, …), else computed with `configuration`.
    ///   - sideMultiple: pad to sides that are multiples of this (1: no padding).
    public init(_ item: ExperimentImage, configuration: SuperpixelConfiguration, superpixels given: LabelImage? = nil,
                sideMultiple: Int) throws(ExperimentError) {
        let superpixels: LabelImage
        do {
            if let given {
                guard given.rows == item.image.rows, given.cols == item.image.cols else {
                    throw ExperimentError.data("\(item.name): superpixels are \(given.shape) but the image is \(item.image.shape)")
                }
                // Nonzero ids become 1…k and 0 stays 0: consecutive from 0 when 0 is present, else shift down by 1.
                let relabelled = try SequentialRelabeling(given).labels
                superpixels = given.values.contains(0) ? relabelled : relabelled.map { $0 - 1 }
            } else {
                let truth = configuration.groundTruth ? item.mask : nil
                if configuration.groundTruth, truth == nil {
                    throw ExperimentError.data("\(item.name): ground-truth superpixels need a mask")
                }
                superpixels = try configuration.recipe.superpixels(of: item.image, groundTruth: truth)
            }
        } catch let error as ExperimentError {
            throw error
        } catch {
            throw .data("\(item.name): superpixels: \(error)")
        }
        let rows = Self.padded(item.image.rows, to: sideMultiple), cols = Self.padded(item.image.cols, to: sideMultiple)
        do {
            environmentImage = try EnvironmentImage(
                image: try Self.pad(item.image, rows: rows, cols: cols),
                superpixels: try Self.pad(superpixels, rows: rows, cols: cols),
                groundTruthLabels: try item.mask.map { mask throws(ImagingError) in try Self.pad(mask, rows: rows, cols: cols) })
        } catch {
            throw .data("\(item.name): \(error)")
        }
        name = item.name
        image = item.image
        self.superpixels = superpixels
        mask = item.mask
    }

    /// Prepares every item, in parallel (superpixels dominate); results keep the input order.
    public static func prepareAll(_ items: [ExperimentImage], configuration: SuperpixelConfiguration,
                                  sideMultiple: Int) throws(ExperimentError) -> [PreparedImage] {
        let results = Mutex([Result<PreparedImage, ExperimentError>?](repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let result = Result { () throws(ExperimentError) in
                try PreparedImage(items[index], configuration: configuration, sideMultiple: sideMultiple)
            }
            results.withLock { $0[index] = result }
        }
        var prepared: [PreparedImage] = []
        for result in results.withLock({ $0 }) {
            guard let result else { continue }
            prepared.append(try result.get())
        }
        return prepared
    }

    /// `label` cut back to the original image size (from the padded size).
    public func crop(_ labels: LabelImage) -> LabelImage {
        guard labels.rows != image.rows || labels.cols != image.cols else { return labels }
        var values: [UInt32] = []
        values.reserveCapacity(image.rows * image.cols)
        for row in 0..<image.rows {
            values += labels.values[(row * labels.cols)..<(row * labels.cols + image.cols)]
        }
        return (try? LabelImage(rows: image.rows, cols: image.cols, values: values)) ?? labels
    }
    static func padded(_ side: Int, to multiple: Int) -> Int {
        multiple <= 1 ? side : (side + multiple - 1) / multiple * multiple
    }

    /// Extends a grid to `rows × cols` by repeating its last row and column.
    static func pad<T>(_ grid: Grid<T>, rows: Int, cols: Int) throws(ImagingError) -> Grid<T> {
        guard rows != grid.rows || cols != grid.cols else { return grid }
        var values: [T] = []
        values.reserveCapacity(rows * cols)
        for row in 0..<rows {
            let source = min(row, grid.rows - 1) * grid.cols
            values += grid.values[source..<(source + grid.cols)]
            let last = grid.values[source + grid.cols - 1]
            values += repeatElement(last, count: cols - grid.cols)
        }
        return try Grid(rows: rows, cols: cols, values: values)
    }
}
