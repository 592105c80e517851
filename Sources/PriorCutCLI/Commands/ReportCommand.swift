import ArgumentParser
import Experiments
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write RUN/report.html and RUN/metrics.json for a trained run.",
        discussion: """
            Evaluates the run's best checkpoint, the same agent at step 0, every baseline (otsu, watershed, mutex \
            watershed, multicut on the boundary map) and the superpixel upper bound "sp gt" on the run's held-out \
            images (its test data, else its validation images) with the same metrics, in the form of the paper's \
            Table 1; draws the Fig. 4 panels (ground truth, raw, superpixels, actions, segmentation, reward, learned \
            pixel features as RGB principal components) for the first images; inlines the training curves. The \
            label images go to RUN/segmentations/<method>/<image>.tif (agent, agent-step-0, otsu, watershed, \
            mutex-watershed, multicut, sp-gt), so `priorcut evaluate` reproduces every \
            number. report.html is self-contained: open it from disk.
            """)

    @Argument(help: "The run folder written by `priorcut train`.")
    var runFolder: String

    @Option(help: "Evaluate at most this many held-out images (default: all).")
    var images: Int?

    @Option(help: "Draw the panels of this many images.")
    var figures: Int = 3

    @Flag(help: "Replace an existing report.")
    var force = false

    @Flag(help: "Print the table as JSON (metrics.json's content) instead of text.")
    var json = false

    func validate() throws {
        if let images, images < 1 { throw ValidationError("--images must be at least 1, got \(images)") }
        if figures < 0 { throw ValidationError("--figures must be at least 0, got \(figures)") }
    }

    func run() throws {
        let folder = RunFolder(path: runFolder)
        let html = folder.url.appendingPathComponent("report.html").path
        if FileManager.default.fileExists(atPath: html), !force {
            throw ValidationError("\(html) exists; pass --force to replace it")
        }
        let maker = TrainedRunReport(run: runFolder, registry: try PriorCutCLI.registry(), imageLimit: images,
                                     figureCount: figures)
        let report = try maker.make { printError("report: \($0)") }
        let files = try report.write(to: folder.path)
        if json {
            print(String(decoding: try report.metrics.encoded(), as: UTF8.self))
            return
        }
        print(Self.table(report.methods))
        print("\nwrote \(files.html)\n      \(files.metrics)\n      \(files.figures.joined().count) panels in "
              + folder.url.appendingPathComponent("figures").path)
    }

    /// The table as aligned text.
    static func table(_ methods: [MethodEvaluation]) -> String {
        let columns = ResultsColumn.allCases
        let width = max(8, methods.map(\.name.count).max() ?? 0)
        var lines = ["method".padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                     + columns.map { $0.title.leftPadded(to: 14) }.joined()]
        for method in methods {
            let cells = columns.map { column -> String in
                guard let value = column.value(of: method) else { return "–".leftPadded(to: 14) }
                return (column == .secondsPerImage ? String(format: "%.3f s", value) : String(format: "%.3f", value))
                    .leftPadded(to: 14)
            }
            lines.append(method.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + cells.joined())
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
