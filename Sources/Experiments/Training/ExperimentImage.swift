import Foundation
import Imaging
import Randomness

/// One image of an experiment: its name (file stem, or `circles-<seed>-<index>` for synthetic data), intensities
/// in [0, 1] and, where known, its instance mask (0 = background).
public struct ExperimentImage: Sendable {
    public let name: String
    public let image: Image
    public let mask: LabelImage?

    public init(name: String, image: Image, mask: LabelImage?) {
        self.name = name
        self.image = image
        self.mask = mask
    }
}

extension DataSource {
    /// Every image of the source, in name order (folders) or index order (synthetic).
    public func loadImages() throws(ExperimentError) -> [ExperimentImage] {
        switch self {
        case let .folder(folder): try folder.loadImages()
        case let .synthetic(synthetic): try synthetic.loadImages()
        }
    }
}

extension ImageFolder {
    /// The selected image files (pattern, then the first `limit` in name order).
    public func selectedFiles() throws(ExperimentError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: images) } catch {
            throw .data("cannot list \(images): \(error.localizedDescription)")
        }
        var selected = names.filter { name in
            !name.hasPrefix(".") && ImageFile.imageExtensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased())
                && fnmatch(pattern, name, 0) == 0
        }.sorted()
        if let limit { selected = Array(selected.prefix(limit)) }
        guard !selected.isEmpty else { throw .data("no image in \(images) matches '\(pattern)'") }
        return selected.map { URL(fileURLWithPath: images).appendingPathComponent($0).path }
    }

    func loadImages() throws(ExperimentError) -> [ExperimentImage] {
        let files = try selectedFiles()
        var masksByStem: [String: String] = [:]
        if let masks {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: masks)) ?? []
            for name in names where !name.hasPrefix(".") {
                let url = URL(fileURLWithPath: masks).appendingPathComponent(name)
                guard ImageFile.imageExtensions.contains(url.pathExtension.lowercased()) else { continue }
                masksByStem[url.deletingPathExtension().lastPathComponent] = url.path
            }
        }
        var result: [ExperimentImage] = []
        for file in files {
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            do {
                let image = try ImageFile.readImage(file, normalisation: normalisation)
                var mask: LabelImage?
                if let masks {
                    guard let maskPath = masksByStem[stem] else { throw ExperimentError.data("\(masks) has no mask named '\(stem)'") }
                    let labels = try ImageFile.readLabels(maskPath)
                    guard labels.rows == image.rows, labels.cols == image.cols else {
                        throw ExperimentError.data("mask \(maskPath) is \(labels.shape) but image \(file) is \(image.shape)")
                    }
                    mask = labels
                }
                result.append(ExperimentImage(name: stem, image: image, mask: mask))
            } catch let error as ExperimentError {
                throw error
            } catch {
                throw .data("\(file): \(error)")
            }
        }
        return result
    }
}

extension SyntheticData {
    /// The side of image `index`: the size, or a draw from the size range on the image's own stream.
    public func side(of index: Int) -> Int {
        guard size.lowerBound < size.upperBound else { return size.lowerBound }
        var generator = SplitMix64(seed: seed ^ 0x5349_5A45, stream: UInt64(index))
        return size.lowerBound + Int(generator.next() % UInt64(size.upperBound - size.lowerBound + 1))
    }

    func loadImages() throws(ExperimentError) -> [ExperimentImage] {
        var result: [ExperimentImage] = []
        for index in 0..<count {
            do {
                let sample = try recipe.sample(index: index, seed: seed, size: side(of: index))
                result.append(ExperimentImage(name: "\(recipe.name)-\(seed)-\(index)", image: sample.image, mask: sample.mask))
            } catch {
                throw .data("synthetic \(recipe.name) image \(index): \(error)")
            }
        }
        return result
    }
}

extension TrainingData {
    /// The training and validation images: a seeded shuffle (by `splitSeed`) picks the validation images; both
    /// lists keep the source's order.
    public func loadSplit() throws(ExperimentError) -> (training: [ExperimentImage], validation: [ExperimentImage]) {
        let all = try source.loadImages()
        let count = validation.validationCount(of: all.count)
        var order = Array(all.indices)
        var generator = SplitMix64(seed: splitSeed)
        order.shuffle(using: &generator)
        let held = Set(order.prefix(count))
        return (all.indices.filter { !held.contains($0) }.map { all[$0] }, all.indices.filter(held.contains).map { all[$0] })
    }
}

extension DataSource {
    /// The names of the source's images without reading them (for `split.json`).
    public func imageNames() throws(ExperimentError) -> [String] {
        switch self {
        case let .folder(folder):
            try folder.selectedFiles().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        case let .synthetic(synthetic):
            (0..<synthetic.count).map { "\(synthetic.recipe.name)-\(synthetic.seed)-\($0)" }
        }
    }
}
