import Foundation

/// The HTML of a `RunReport`: one self-contained page (inline CSS, no scripts, no network), written as
/// well-formed XHTML-compatible markup so that any XML parser reads it too.
enum ReportHTML {
    /// `panelSources[f][p]` is the `src` (a data URI) of panel `p` of figure `f`.
    static func render(_ report: RunReport, panelSources: [[String]]) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escape(report.title)) · \(escape(report.run))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>
        <header><div class="wrap">
        <h1>\(escape(report.title))</h1>
        <p class="meta">Run <code>\(escape(report.run))</code> · \(escape(displayDate(report.created)))</p>

        """
        if !report.settings.isEmpty {
            html += "<dl class=\"settings\">"
            for setting in report.settings {
                html += "<dt>\(escape(setting.name))</dt><dd>\(escape(setting.value))</dd>"
            }
            html += "</dl>\n"
        }
        html += "</div></header>\n<main class=\"wrap\">\n"
        if !report.notes.isEmpty {
            html += "<section class=\"notes\">" + report.notes.map { "<p>\(escape($0))</p>" }.joined() + "</section>\n"
        }
        html += resultsSection(report.methods)
        html += curvesSection(report.curvesSVG)
        html += figuresSection(report.figures, sources: panelSources)
        html += perImageSection(report.methods)
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    static func resultsSection(_ methods: [MethodEvaluation]) -> String {
        let columns = ResultsColumn.allCases
        let best = columns.map { $0.bestRows(of: methods) }
        let imageCount = methods.map(\.images.count).max() ?? 0
        var html = """
        <section id="results"><h2>Results</h2>
        <p class="lead">Mean over \(imageCount) held-out image\(imageCount == 1 ? "" : "s"), each image weighing the same \
        (in the form of the paper's Table 1). ↑ higher is better, ↓ lower is better; the best method per column is \
        <b>bold</b>. “sp gt” merges the superpixels by the ground truth: the best any method can reach on these \
        superpixels, so it is a bound, not a competitor.</p>
        <table class="results"><thead><tr><th class="method">Method</th>
        """
        for column in columns {
            html += "<th>\(escape(column.title)) \(column.higherIsBetter ? "↑" : "↓")</th>"
        }
        html += "</tr></thead><tbody>\n"
        var previousKind: MethodEvaluation.Kind?
        for (row, method) in methods.enumerated() {
            let startsGroup = previousKind != nil && group(method.kind) != group(previousKind ?? method.kind)
            previousKind = method.kind
            html += "<tr class=\"\(method.kind.rawValue)\(startsGroup ? " group" : "")\">"
            html += "<td class=\"method\">\(escape(method.name))<span class=\"kind\">\(kindLabel(method.kind))</span></td>"
            for (c, column) in columns.enumerated() {
                let text = column.value(of: method).map { column == .secondsPerImage ? duration($0) : number($0) } ?? "–"
                html += best[c].contains(row) ? "<td class=\"best\">\(text)</td>" : "<td>\(text)</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></section>\n"
        return html
    }

    static func curvesSection(_ svg: String?) -> String {
        var html = "<section id=\"curves\"><h2>Training</h2>\n"
        if let svg, let start = svg.range(of: "<svg") {
            html += "<p class=\"lead\">Reward (training and validation), losses and the entropy weight α against the step.</p>"
            html += "<div class=\"curves\">\(svg[start.lowerBound...])</div>\n"
        } else {
            html += "<p class=\"lead\">This run has no training curves (no <code>curves.svg</code>).</p>\n"
        }
        return html + "</section>\n"
    }

    static func figuresSection(_ figures: [ImageFigure], sources: [[String]]) -> String {
        guard !figures.isEmpty else { return "" }
        var html = """
        <section id="figures"><h2>What the agent does</h2>
        <p class="lead">Per image, in the form of the paper's Fig. 4: the ground truth, the raw image, the superpixels, \
        the agent's action on every superpixel edge (green merge, red split), the multicut segmentation, the reward \
        of each object and the learned pixel features as their first three principal components in RGB (Fig. 5).</p>

        """
        for (f, figure) in figures.enumerated() {
            html += "<figure class=\"image\"><h3>\(escape(figure.image))</h3><div class=\"panels\">\n"
            for (p, panel) in figure.panels.enumerated() {
                let source = f < sources.count && p < sources[f].count ? sources[f][p] : ""
                html += "<figure class=\"panel\"><img src=\"\(source)\" alt=\"\(escape(panel.title)) of \(escape(figure.image))\"/>"
                if let legend = panel.legend { html += legendHTML(legend) }
                html += "<figcaption><span class=\"title\">\(escape(panel.title))</span>"
                html += "<span class=\"caption\">\(escape(panel.caption))</span></figcaption></figure>\n"
            }
            html += "</div></figure>\n"
        }
        return html + "</section>\n"
    }

    static func perImageSection(_ methods: [MethodEvaluation]) -> String {
        guard methods.contains(where: { !$0.images.isEmpty }) else { return "" }
        var html = """
        <section id="per-image"><details><summary><h2>Per-image metrics</h2></summary>
        <table class="results per-image"><thead><tr><th class="method">Image</th><th class="method">Method</th>
        """
        let columns = ResultsColumn.allCases
        html += columns.map { "<th>\(escape($0.title))</th>" }.joined() + "</tr></thead><tbody>\n"
        let images = methods.flatMap { $0.images.map(\.image) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for image in images {
            var first = true
            for method in methods {
                guard let entry = method.images.first(where: { $0.image == image }) else { continue }
                let single = MethodEvaluation(name: method.name, kind: method.kind, images: [entry])
                html += "<tr\(first ? " class=\"group\"" : "")><td class=\"method\">\(first ? escape(image) : "")</td>"
                html += "<td class=\"method\">\(escape(method.name))</td>"
                for column in columns {
                    let text = column.value(of: single).map { column == .secondsPerImage ? duration($0) : number($0) } ?? "–"
                    html += "<td>\(text)</td>"
                }
                html += "</tr>\n"
                first = false
            }
        }
        return html + "</tbody></table></details></section>\n"
    }

    static func legendHTML(_ legend: PanelLegend) -> String {
        let stops = legend.stops.map(cssColour).joined(separator: ", ")
        return "<div class=\"legend\"><div class=\"bar\" style=\"background: linear-gradient(to right, \(stops))\"></div>"
            + "<div class=\"ends\"><span>\(escape(legend.low))</span><span>\(escape(legend.high))</span></div></div>"
    }

    /// Rows are grouped as in Table 1: agents, baselines, the upper bound.
    static func group(_ kind: MethodEvaluation.Kind) -> Int {
        switch kind {
        case .trainedAgent, .untrainedAgent: 0
        case .baseline: 1
        case .upperBound: 2
        }
    }

    static func kindLabel(_ kind: MethodEvaluation.Kind) -> String {
        switch kind {
        case .trainedAgent: "trained agent"
        case .untrainedAgent: "untrained (step 0)"
        case .baseline: "baseline"
        case .upperBound: "upper bound"
        }
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : "–"
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        if seconds < 0.01 { return String(format: "%.1f ms", seconds * 1000) }
        return seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    static func cssColour(_ colour: SIMD3<Float>) -> String {
        let c = (colour.clamped(lowerBound: .zero, upperBound: .one) * 255).rounded(.toNearestOrEven)
        return "rgb(\(Int(c.x)), \(Int(c.y)), \(Int(c.z)))"
    }

    static func displayDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// Text and attribute values with the five XML special characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let stylesheet = """
    :root { --ink: #1c2330; --muted: #5d6877; --line: #dde2e8; --panel: #ffffff; --page: #f4f6f8; --accent: #2b6a9b; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--page); color: var(--ink);
      font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    .wrap { max-width: 1360px; margin: 0 auto; padding: 0 28px; }
    header { background: var(--panel); border-bottom: 1px solid var(--line); padding: 22px 0 16px; }
    h1 { font-size: 26px; margin: 0 0 2px; }
    h2 { font-size: 19px; margin: 0 0 8px; display: inline-block; }
    h3 { font-size: 15px; margin: 0 0 10px; font-weight: 600; }
    code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 13px; }
    .meta { color: var(--muted); margin: 0 0 12px; }
    dl.settings { display: grid; grid-template-columns: repeat(3, max-content minmax(0, 1fr)); gap: 3px 14px;
      margin: 0; font-size: 13px; }
    dl.settings dt { color: var(--muted); }
    dl.settings dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
    section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 18px 22px;
      margin: 20px 0; }
    section.notes p { margin: 0 0 6px; }
    .lead { color: var(--muted); margin: 0 0 14px; max-width: 980px; }
    table.results { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    table.results th, table.results td { padding: 6px 14px; text-align: right; border-bottom: 1px solid var(--line);
      white-space: nowrap; }
    table.results th { font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--ink); }
    table.results .method { text-align: left; }
    table.results tr.group td { border-top: 2px solid #9aa5b1; }
    table.results td.best { font-weight: 700; color: #000; }
    table.results tr.trained_agent td.method { font-weight: 600; }
    table.results tr.upper_bound td { color: var(--muted); font-style: italic; }
    .kind { display: block; font-size: 11px; color: var(--muted); font-weight: 400; font-style: normal; }
    .curves svg { display: block; max-width: 100%; height: auto; }
    figure { margin: 0; }
    figure.image { padding: 14px 0 18px; border-top: 1px solid var(--line); }
    .panels { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 16px 14px; }
    .panel img { display: block; width: 100%; height: auto; image-rendering: pixelated; border-radius: 4px;
      background: #000; }
    .panel figcaption { margin-top: 4px; }
    .panel .title { display: block; font-weight: 600; font-size: 14px; }
    .panel .caption { display: block; color: var(--muted); font-size: 12.5px; }
    .legend { margin-top: 5px; }
    .legend .bar { height: 9px; border-radius: 3px; }
    .legend .ends { display: flex; justify-content: space-between; font-size: 11.5px; color: var(--muted); }
    details summary { cursor: pointer; }
    @media (max-width: 900px) { .panels { grid-template-columns: repeat(2, minmax(0, 1fr)); }
      dl.settings { grid-template-columns: max-content minmax(0, 1fr); } }
    @media print { body { background: #fff; } section { border: none; } }
    """
}
