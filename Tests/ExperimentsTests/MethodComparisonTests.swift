import Experiments
import Foundation
import Imaging
import Randomness
import TestSupport
import Testing

@Suite struct MethodComparisonTests {
    static func images(_ count: Int) throws -> [EvaluationImage] {
        try (0..<count).map { index in
            var generator = SplitMix64(seed: 5, stream: UInt64(index))
            let sample = try SyntheticCircles().generate(size: 128, using: &generator)
            return EvaluationImage(name: "circles-5-\(index)", image: sample.image, groundTruth: sample.mask,
                                   superpixels: try SuperpixelRecipe.raw.superpixels(of: sample.image),
                                   superpixelSeconds: 0.25)
        }
    }

    @Test func everyMethodOnEveryImageWithWrittenLabelsThatReproduceTheMetrics() throws {
        let truth = SegmentationMethod(name: "ground truth", identifier: "truth", kind: .trainedAgent, usesSuperpixels: true) { $0.groundTruth }
        let folder = Fixtures.temporaryDirectory("priorcut-comparison")
        let items = try Self.images(2)
        let comparison = MethodComparison(methods: [truth] + SegmentationMethod.baselines + [.upperBound],
                                          segmentationFolder: folder.path)
        var reported: [String] = []
        let rows = try comparison.evaluate(items) { method, image in reported.append("\(method)/\(image)") }
        #expect(rows.map(\.name) == ["ground truth", "otsu", "watershed", "mutex watershed", "multicut (boundary map)", "sp gt"])
        #expect(reported.count == 12)
        #expect(rows.allSatisfy { $0.images.map(\.image) == items.map(\.name) })

        // The ground truth scores perfectly; the bound on raw superpixels is good but not perfect.
        #expect(rows[0].mean?.meanAveragePrecision == 1 && rows[0].mean?.variationOfInformation == 0)
        let bound = try #require(rows.last?.mean)
        #expect(bound.meanAveragePrecision > 0.5 && bound.meanAveragePrecision < 1)
        // Times: superpixel time charged to the methods that use them, none for the bound.
        #expect(rows.last?.secondsPerImage == nil)
        #expect((rows[0].secondsPerImage ?? 0) >= 0.25 && (rows[4].secondsPerImage ?? 0) >= 0.25)
        #expect((rows[1].secondsPerImage ?? 1) < 0.25)

        // Every written label image gives back the table's numbers (what `priorcut evaluate` does).
        for (row, method) in zip(rows, comparison.methods) {
            for (item, entry) in zip(items, row.images) {
                let path = folder.appendingPathComponent(method.identifier)
                    .appendingPathComponent(item.name + ".tif").path
                let labels = try ImageFile.readLabels(path)
                let metrics = MetricsSummary(try SegmentationMetrics(groundTruth: item.groundTruth, prediction: labels))
                #expect(metrics == entry.metrics, "\(row.name) on \(item.name)")
            }
        }
    }

    @Test func aFailingMethodStopsWithItsError() throws {
        struct Broken: Error {}
        let broken = SegmentationMethod(name: "broken", identifier: "broken", kind: .baseline, usesSuperpixels: false) { _ in throw Broken() }
        #expect(throws: Broken.self) { try MethodComparison(methods: [broken]).evaluate(try Self.images(1)) }
        let wrongShape = SegmentationMethod(name: "small", identifier: "small", kind: .baseline, usesSuperpixels: false) { _ in
            LabelImage(rows: 3, cols: 3, repeating: 1)
        }
        #expect(throws: ReportError.self) { try MethodComparison(methods: [wrongShape]).evaluate(try Self.images(1)) }
    }
}
