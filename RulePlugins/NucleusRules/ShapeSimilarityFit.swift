import Descriptors
import Foundation
import Imaging
import Rewards

/// Expected values and normalisers for `nuclei.shape-similarity`, derived from annotated objects of a training
/// split (`priorcut rules fit nuclei.shape-similarity`).
///
/// `expected` is the mean of each property over every ground-truth object; `normalizers` is a high percentile
/// (default the 99th, nearest rank) of each property's absolute value, so a typical nucleus maps into [0, 1]
/// without one outlier (a huge merged clump in the annotations) squashing everything else, as the maximum would.
public struct ShapeSimilarityFit: Sendable, Equatable {
    public let expected: [Double]
    public let normalizers: [Double]
    public let objectCount: Int

    /// Fits to property vectors (`NucleusProperties.vector`), one per object.
    public init(properties: [[Double]], percentile: Double = 99) throws(RewardError) {
        guard !properties.isEmpty else {
            throw .inconsistentInput("no objects to fit \(ShapeSimilarityRule.identifier) to")
        }
        guard (50...100).contains(percentile) else {
            throw .inconsistentInput("the normaliser percentile must lie in [50, 100], got \(percentile)")
        }
        let count = NucleusProperties.names.count
        guard properties.allSatisfy({ $0.count == count }) else {
            throw .inconsistentInput("every property vector must have \(count) values")
        }
        expected = (0..<count).map { k in properties.reduce(0) { $0 + $1[k] } / Double(properties.count) }
        normalizers = (0..<count).map { k in
            let sorted = properties.map { abs($0[k]) }.sorted()
            let rank = Int((percentile / 100 * Double(sorted.count)).rounded(.up)) - 1
            return max(1e-6, sorted[min(sorted.count - 1, max(0, rank))])
        }
        objectCount = properties.count
    }

    /// The property vectors of every labelled object of one annotated image (label 0 is background).
    public static func properties(groundTruth: LabelImage, image: Image) throws -> [[Double]] {
        try ObjectTable(labels: groundTruth, intensity: image).map(NucleusProperties.vector)
    }

    /// A `with:` block ready to paste under `- rule: nuclei.shape-similarity` in a manifest.
    public var manifestBlock: String {
        func list(_ values: [Double]) -> String { "[" + values.map { String(format: "%.5g", $0) }.joined(separator: ", ") + "]" }
        return """
            # fitted on \(objectCount) objects; order: \(NucleusProperties.names.joined(separator: ", "))
            with:
              expected: \(list(expected))
              normalizers: \(list(normalizers))
            """
    }
}
