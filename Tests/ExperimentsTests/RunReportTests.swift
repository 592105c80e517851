import Experiments
import Foundation
import FoundationXML
import Graphs
import Imaging
import Randomness
import Rewards
import Tensors
import TestSupport
import Testing

/// A complete report of synthetic circle images made from real parts: superpixels, the boundary-map actions and
/// the multicut baseline's segmentation for the figure, a reward map from core rules, three baselines and the
/// superpixel upper bound for the table (no agent: the report does not care where the rows come from).
enum ReportDemo {
    static func report(images: Int, size: Int = 128) throws -> RunReport {
        let manifest = try RewardManifest.parse("""
            subgraph_sizes: [6, 12]
            objects: { background: { largest: true }, discard: { max_area: 30 } }
            rules:
              - rule: core.object-count
                weight: 0.4
                with: { expected: 15, slack: 5 }
              - rule: core.intensity-contrast
                weight: 0.6
                with: { scale: 4 }
            """, file: "demo.yaml", registry: try RuleRegistry(plugins: []))
        var items: [EvaluationImage] = []
        var figures: [ImageFigure] = []
        for index in 0..<images {
            var generator = SplitMix64(seed: 11, stream: UInt64(index))
            let sample = try SyntheticCircles().generate(size: size, using: &generator)
            let superpixels = try SuperpixelRecipe.raw.superpixels(of: sample.image)
            let item = EvaluationImage(name: "circles-11-\(index)", image: sample.image, groundTruth: sample.mask,
                                       superpixels: superpixels, superpixelSeconds: 0)
            items.append(item)

            // The figure: boundary-map probabilities as actions, the multicut baseline as the segmentation.
            let boundary = try GradientBoundaryMap().probabilities(of: sample.image)
            let rag = try RegionAdjacencyGraph(labels: superpixels, intensities: sample.image, boundaries: boundary)
            let actions = rag.meanBoundaryValues ?? []
            let segmentation = try SegmentationMethod.multicut.segment(item)
            let scene = try RewardScene(image: sample.image, superpixels: superpixels,
                                        subgraphSizes: manifest.subgraphSizes, seed: 1)
            let objects = try scene.objects(of: segmentation)
            let context = try scene.context(objectOfSuperpixel: objects.objectOfSuperpixel, classing: manifest.classing,
                                            actions: actions)
            let rewardMap = try manifest.rewards(for: context).map(context: context, edgeScale: manifest.totalWeight)
            figures.append(try ImageFigure(ImageFigure.Inputs(
                image: item.name, raw: sample.image, groundTruth: sample.mask, superpixels: superpixels,
                edges: rag.edges, actions: actions, segmentation: segmentation, rewardMap: rewardMap,
                pixelFeatures: try features(of: sample.image))))
        }
        let rows = try MethodComparison(methods: SegmentationMethod.baselines + [.upperBound]).evaluate(items)
        return RunReport(
            title: "Report demo: synthetic circles",
            run: "demo-circles", created: Date(timeIntervalSince1970: 1_795_000_000),
            settings: [.init("images", "\(images) × \(size) px, seed 11"), .init("superpixels", "raw watershed recipe"),
                       .init("manifest", "core.object-count + core.intensity-contrast")],
            notes: ["Baselines & the bound only — <no agent> in this demo."],
            methods: rows, figures: figures, curvesSVG: curves)
    }

    /// Eight smoothed and differentiated versions of the image as a [D, H, W] feature tensor.
    static func features(of image: Image) throws -> Tensor {
        var planes: [Float] = image.values
        for sigma: Float in [1, 2, 4] {
            planes += try GaussianFilter.smooth(image, sigma: sigma).values
            planes += try GaussianFilter.gradientMagnitude(image, sigma: sigma).values
        }
        planes += (0..<image.count).map { Float($0 / image.cols) / Float(image.rows) }
        return Tensor(shape: [8, image.rows, image.cols], values: planes)
    }

    static let curves = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 120" width="400" height="120">
        <polyline fill="none" stroke="#2b6a9b" stroke-width="2" points="10,110 100,80 200,50 300,35 390,30"/>
        <text x="10" y="14" font-size="12">reward</text></svg>
        """
}

@Suite struct RunReportTests {
    @Test func writesASelfContainedWellFormedReport() throws {
        let report = try ReportDemo.report(images: 2)
        let folder = Fixtures.temporaryDirectory("priorcut-report")
        let files = try report.write(to: folder.path)
        let html = try String(contentsOfFile: files.html, encoding: .utf8)

        // Well-formed: an XML parser reads the whole page.
        let document = try XMLDocument(data: Data(html.utf8), options: [])
        #expect(document.rootElement()?.name == "html")
        #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href="))
        #expect(!html.contains("<?xml"))

        // Every method has a row, in order, with its name escaped.
        let rows = try document.nodes(forXPath: "//table[@class='results']/tbody/tr")
        #expect(rows.count == report.methods.count)
        let names = try document.nodes(forXPath: "//table[@class='results']/tbody/tr/td[1]/text()").compactMap(\.stringValue)
        #expect(names == report.methods.map(\.name))
        #expect(html.contains("&lt;no agent&gt;"))

        // Best per column in bold, never on the upper bound.
        let best = try document.nodes(forXPath: "//table[@class='results']/tbody/tr[@class='upper_bound']/td[@class='best']")
        #expect(best.isEmpty)
        let mapBest = ResultsColumn.meanAveragePrecision.bestRows(of: report.methods)
        let boldMAP = try document.nodes(forXPath: "//table[@class='results']/tbody/tr/td[2][@class='best']")
        #expect(boldMAP.count == mapBest.count && !mapBest.isEmpty)

        // Every panel is an inline PNG that decodes to the panel's picture.
        let panelCount = report.figures.reduce(0) { $0 + $1.panels.count }
        #expect(panelCount == 14)
        let sources = try document.nodes(forXPath: "//img/@src").compactMap(\.stringValue)
        #expect(sources.count == panelCount)
        let panels = report.figures.flatMap(\.panels)
        for (source, panel) in zip(sources, panels) {
            let prefix = "data:image/png;base64,"
            #expect(source.hasPrefix(prefix))
            let data = try #require(Data(base64Encoded: String(source.dropFirst(prefix.count))))
            let path = folder.appendingPathComponent("decoded.png").path
            try data.write(to: URL(fileURLWithPath: path))
            let raster = try ImageFile.read(path)
            #expect(raster.rows == panel.image.rows && raster.cols == panel.image.cols && raster.channels == 3)
            #expect(raster == (try Raster(colour: panel.image)))
        }
        #expect(files.figures.flatMap { $0 }.allSatisfy { FileManager.default.fileExists(atPath: $0) })

        // The curves are inlined, the legends present.
        #expect(try document.nodes(forXPath: "//div[@class='curves']/*[local-name()='svg']").count == 1)
        #expect(try document.nodes(forXPath: "//div[@class='legend']").count == 4)

        // metrics.json holds the table and reads back to the same values.
        let metrics = try ReportMetrics.read(files.metrics)
        #expect(metrics == report.metrics)
        #expect(metrics.table.map(\.method) == report.methods.map(\.name))
        #expect(metrics.methods.allSatisfy { $0.images.count == 2 })
        print("report demo written to \(files.html)")
    }

    @Test func tableMarksTheBestCompetitorPerColumn() throws {
        func summary(_ map: Double, vi: Double) throws -> MetricsSummary {
            let json = """
                {"mAP": \(map), "iou50": \(map), "iou75": \(map), "vi": \(vi), "vi_merge": \(vi / 2), "vi_split": \(vi / 2),
                 "are": 0, "are_precision": 1, "are_recall": 1, "n_gt": 3, "n_pred": 3}
                """
            return try JSONDecoder().decode(MetricsSummary.self, from: Data(json.utf8))
        }
        let methods = [
            MethodEvaluation(name: "agent", kind: .trainedAgent,
                             images: [ImageEvaluation(image: "a", metrics: try summary(0.8, vi: 0.5), seconds: 0.2)]),
            MethodEvaluation(name: "agent (step 0)", kind: .untrainedAgent,
                             images: [ImageEvaluation(image: "a", metrics: try summary(0.3, vi: 2), seconds: 0.1)]),
            MethodEvaluation(name: "otsu", kind: .baseline,
                             images: [ImageEvaluation(image: "a", metrics: try summary(0.8004, vi: 0.9), seconds: 0.01)]),
            MethodEvaluation(name: "sp gt", kind: .upperBound,
                             images: [ImageEvaluation(image: "a", metrics: try summary(0.95, vi: 0.1), seconds: nil)]),
        ]
        #expect(ResultsColumn.meanAveragePrecision.bestRows(of: methods) == [0, 2])   // tie at 3 decimals
        #expect(ResultsColumn.variationOfInformation.bestRows(of: methods) == [0])     // lower is better, bound excluded
        #expect(ResultsColumn.secondsPerImage.bestRows(of: methods) == [2])
        #expect(ResultsColumn.secondsPerImage.value(of: methods[3]) == nil)
    }

    @Test func metricsRoundTripThroughJSON() throws {
        let metrics = try ReportDemo.report(images: 1).metrics
        let decoded = try JSONDecoder().decode(ReportMetrics.self, from: try metrics.encoded())
        #expect(decoded == metrics)
        let object = try #require(try JSONSerialization.jsonObject(with: try metrics.encoded()) as? [String: Any])
        let table = try #require(object["table"] as? [[String: Any]])
        #expect(table.count == 5)
        #expect((table[0]["mean"] as? [String: Any])?["mAP"] is Double)
        #expect(table[4]["kind"] as? String == "upper_bound")
    }

    @Test func aRunWithoutCurvesFiguresOrScoredImagesStillGivesAWellFormedPage() throws {
        let report = RunReport(title: "Empty & bare", run: "r<1>", created: Date(timeIntervalSince1970: 0),
                               methods: [MethodEvaluation(name: "agent", kind: .trainedAgent, images: [])],
                               figures: [], curvesSVG: nil)
        let files = try report.write(to: Fixtures.temporaryDirectory("priorcut-report-empty").path)
        let html = try String(contentsOfFile: files.html, encoding: .utf8)
        let document = try XMLDocument(data: Data(html.utf8), options: [])
        #expect(try document.nodes(forXPath: "//img").isEmpty)
        #expect(try document.nodes(forXPath: "//td[@class='best']").isEmpty)
        #expect(html.contains("no training curves") && html.contains("Empty &amp; bare") && html.contains("r&lt;1&gt;"))
        #expect(html.contains("1970-01-01 00:00 UTC"))
        let metrics = try ReportMetrics.read(files.metrics)
        #expect(metrics.table.first?.mean == nil && metrics.table.first?.images == 0)
        #expect(metrics.created == "1970-01-01T00:00:00Z")
    }

    @Test func inconsistentFigureInputsAreTypedErrors() throws {
        let raw = Image(rows: 4, cols: 4, repeating: 0.5)
        let labels = LabelImage(rows: 4, cols: 4, repeating: 0)
        func inputs(segmentation: LabelImage = labels, features: Tensor? = nil) -> ImageFigure.Inputs {
            ImageFigure.Inputs(image: "x", raw: raw, groundTruth: labels, superpixels: labels, edges: [], actions: [],
                               segmentation: segmentation, rewardMap: nil, pixelFeatures: features)
        }
        #expect(try ImageFigure(inputs()).panels.count == 5)
        #expect(throws: ReportError.self) { try ImageFigure(inputs(segmentation: LabelImage(rows: 3, cols: 4, repeating: 0))) }
        #expect(throws: ReportError.self) { try ImageFigure(inputs(features: Tensor.zeros([3, 4, 5]))) }
        #expect(throws: ReportError.self) { try ReportMetrics.read("/nonexistent/metrics.json") }
    }
}
