import Foundation

/// A small self-contained SVG line chart of a run's curves (`curves.svg`): panels stacked vertically, each with
/// its own y range, sharing the step axis. No scripts, no external fonts: it opens from disk and inlines in HTML.
public struct CurvesChart: Sendable {
    /// One line of a panel: (step, value) points, a name for the legend and a colour.
    public struct Series: Sendable {
        public let name: String
        public let colour: String
        public let points: [(step: Int, value: Double)]

        public init(name: String, colour: String, points: [(step: Int, value: Double)]) {
            self.name = name
            self.colour = colour
            self.points = points.filter { $0.value.isFinite }
        }
    }

    public struct Panel: Sendable {
        public let title: String
        public let series: [Series]

        public init(title: String, series: [Series]) {
            self.title = title
            self.series = series
        }
    }

    public let panels: [Panel]
    public let width = 720.0
    public let panelHeight = 170.0

    public init(panels: [Panel]) { self.panels = panels }

    /// The curves of a run: reward (train and validation), critic loss, actor loss and α against the step.
    public init(records: [MetricsRecord]) {
        var reward: [(Int, Double)] = [], validation: [(Int, Double)] = [], critic: [(Int, Double)] = []
        var actor: [(Int, Double)] = [], alpha: [(Int, Double)] = []
        for record in records {
            switch record {
            case let .train(step, r, c, a, t, _, _):
                reward.append((step, r))
                if let c { critic.append((step, c)) }
                if let a { actor.append((step, a)) }
                if let t { alpha.append((step, t)) }
            case let .validation(step, r, _):
                validation.append((step, r))
            }
        }
        self.init(panels: [
            Panel(title: "mean subgraph reward", series: [
                Series(name: "train", colour: "#9ecae1", points: reward),
                Series(name: "train (mean of 20)", colour: "#3182bd", points: Self.runningMean(reward, window: 20)),
                Series(name: "validation", colour: "#e6550d", points: validation),
            ]),
            Panel(title: "critic loss", series: [Series(name: "critic", colour: "#31a354", points: critic)]),
            Panel(title: "actor loss", series: [Series(name: "actor", colour: "#756bb1", points: actor)]),
            Panel(title: "temperature α", series: [Series(name: "α", colour: "#636363", points: alpha)]),
        ])
    }

    static func runningMean(_ points: [(Int, Double)], window: Int) -> [(step: Int, value: Double)] {
        var sum = 0.0
        var result: [(step: Int, value: Double)] = []
        for (index, point) in points.enumerated() {
            sum += point.1
            if index >= window { sum -= points[index - window].1 }
            result.append((point.0, sum / Double(min(index + 1, window))))
        }
        return result
    }

    /// The SVG document.
    public var svg: String {
        let left = 64.0, right = 16.0, top = 26.0, bottom = 28.0
        let height = panelHeight * Double(panels.count)
        let steps = panels.flatMap { $0.series.flatMap { $0.points.map(\.step) } }
        let minStep = Double(steps.min() ?? 0), maxStep = Double(max(steps.max() ?? 1, (steps.min() ?? 0) + 1))
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="white"/>

            """
        for (index, panel) in panels.enumerated() {
            let y0 = Double(index) * panelHeight + top, plotHeight = panelHeight - top - bottom
            let plotWidth = width - left - right
            let values = panel.series.flatMap { $0.points.map(\.value) }
            var low = values.min() ?? 0, high = values.max() ?? 1
            if high - low < 1e-12 { (low, high) = (low - 0.5, high + 0.5) }
            func x(_ step: Int) -> Double { left + (Double(step) - minStep) / (maxStep - minStep) * plotWidth }
            func y(_ value: Double) -> Double { y0 + (1 - (value - low) / (high - low)) * plotHeight }
            out += "<text x=\"\(left)\" y=\"\(f(y0 - 8))\" font-weight=\"bold\">\(Self.escape(panel.title))</text>\n"
            out += "<rect x=\"\(left)\" y=\"\(f(y0))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" "
                + "fill=\"none\" stroke=\"#bbb\"/>\n"
            for (value, anchorY) in [(high, y0 + 4), (low, y0 + plotHeight)] {
                out += "<text x=\"\(f(left - 4))\" y=\"\(f(anchorY))\" text-anchor=\"end\">\(Self.short(value))</text>\n"
            }
            out += "<text x=\"\(left)\" y=\"\(f(y0 + plotHeight + 14))\">\(Int(minStep))</text>\n"
            out += "<text x=\"\(f(left + plotWidth))\" y=\"\(f(y0 + plotHeight + 14))\" text-anchor=\"end\">"
                + "step \(Int(maxStep))</text>\n"
            var legendX = left + plotWidth
            for series in panel.series.reversed() {
                let label = Self.escape(series.name)
                legendX -= 14 + 6.5 * Double(series.name.count)
                out += "<rect x=\"\(f(legendX))\" y=\"\(f(y0 - 16))\" width=\"10\" height=\"3\" fill=\"\(series.colour)\"/>"
                out += "<text x=\"\(f(legendX + 13))\" y=\"\(f(y0 - 11))\">\(label)</text>\n"
            }
            for series in panel.series where !series.points.isEmpty {
                let coordinates = series.points.map { "\(f(x($0.step))),\(f(y($0.value)))" }.joined(separator: " ")
                if series.points.count == 1 {
                    out += "<circle cx=\"\(f(x(series.points[0].step)))\" cy=\"\(f(y(series.points[0].value)))\" "
                        + "r=\"2.5\" fill=\"\(series.colour)\"/>\n"
                } else {
                    out += "<polyline fill=\"none\" stroke=\"\(series.colour)\" stroke-width=\"1.3\" "
                        + "points=\"\(coordinates)\"/>\n"
                }
            }
        }
        return out + "</svg>\n"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func short(_ value: Double) -> String {
        abs(value) >= 1e4 || (abs(value) < 1e-3 && value != 0) ? String(format: "%.2e", value) : String(format: "%.3g", value)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
