import Foundation
import Imaging

/// The report of one run: what was run, how every method scored (paper Table 1), what the agent did on a few
/// images (paper Fig. 4) and how training went. `write(to:)` makes the run folder's `report.html` (self-contained:
/// panels inlined as PNG data URIs, the curves as inline SVG, inline CSS, no scripts), `metrics.json` and
/// `figures/*.png`.
public struct RunReport: Sendable {
    /// One line of the header's configuration summary.
    public struct Setting: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var title: String
    /// The run folder's name.
    public var run: String
    public var created: Date
    public var settings: [Setting]
    /// Free paragraphs under the header (what the data is, how the checkpoint was chosen, …).
    public var notes: [String]
    /// Table rows, in display order: agents, baselines, then the upper bound.
    public var methods: [MethodEvaluation]
    public var figures: [ImageFigure]
    /// The run's `curves.svg`; nil when the run has none.
    public var curvesSVG: String?

    public init(title: String, run: String, created: Date, settings: [Setting] = [], notes: [String] = [],
                methods: [MethodEvaluation], figures: [ImageFigure], curvesSVG: String?) {
        self.title = title
        self.run = run
        self.created = created
        self.settings = settings
        self.notes = notes
        self.methods = methods
        self.figures = figures
        self.curvesSVG = curvesSVG
    }

    /// The files `write(to:)` made.
    public struct Files: Sendable, Equatable {
        public var html: String
        public var metrics: String
        /// Per figure, its panels' PNG files.
        public var figures: [[String]]
    }

    /// `metrics.json`'s content.
    public var metrics: ReportMetrics {
        ReportMetrics(title: title, run: run, created: Self.timestamp(created), methods: methods)
    }

    /// Writes `figures/*.png`, `metrics.json` and `report.html` into `directory` (created if needed; existing report
    /// files are replaced, other files are left alone).
    @discardableResult
    public func write(to directory: String) throws(ReportError) -> Files {
        let root = URL(fileURLWithPath: directory)
        let figuresFolder = root.appendingPathComponent("figures")
        do {
            try FileManager.default.createDirectory(at: figuresFolder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: figuresFolder.path, reason: error.localizedDescription)
        }
        var figurePaths: [[String]] = []
        var sources: [[String]] = []
        var usedNames: Set<String> = []
        for figure in figures {
            var paths: [String] = []
            var uris: [String] = []
            for (index, panel) in figure.panels.enumerated() {
                var name = "\(Self.fileSafe(figure.image))-\(index + 1)-\(Self.fileSafe(panel.title))"
                while usedNames.contains(name) { name += "_" }
                usedNames.insert(name)
                let path = figuresFolder.appendingPathComponent(name + ".png").path
                let png: Data
                do {
                    try PNGFile.write(try Raster(colour: panel.image), to: path)
                    png = try Data(contentsOf: URL(fileURLWithPath: path))
                } catch let error as ImagingError {
                    throw .imaging(error)
                } catch {
                    throw .writeFailed(path: path, reason: error.localizedDescription)
                }
                paths.append(path)
                uris.append("data:image/png;base64," + png.base64EncodedString())
            }
            figurePaths.append(paths)
            sources.append(uris)
        }
        let metricsPath = root.appendingPathComponent("metrics.json").path
        try Self.save(try metrics.encoded(), to: metricsPath)
        let htmlPath = root.appendingPathComponent("report.html").path
        try Self.save(Data(ReportHTML.render(self, panelSources: sources).utf8), to: htmlPath)
        return Files(html: htmlPath, metrics: metricsPath, figures: figurePaths)
    }

    static func save(_ data: Data, to path: String) throws(ReportError) {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Letters, digits, '.', '-' and '_' kept; anything else becomes '_'.
    static func fileSafe(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let safe = String(name.map { allowed.contains($0) ? $0 : "_" })
        return safe.isEmpty ? "_" : safe
    }

    /// ISO 8601 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
