using System.Globalization;
using System.Net;
using System.Text;

namespace StanceKit.Cli.Reports;

/// <summary>What the HTML report is about: names for its header.</summary>
/// <param name="ModelName">The model file, or "the default model".</param>
/// <param name="DataName">The data file and split.</param>
/// <param name="Card">The model card.</param>
/// <param name="CreatedUtc">When the report was made.</param>
internal sealed record ReportSubject(string ModelName, string DataName, ModelCard Card, DateTimeOffset CreatedUtc);

/// <summary>
/// Renders an evaluation as one self-contained HTML file: inline CSS and SVG, no script, no external resource.
/// Sections: summary, confusion-matrix heatmap, per-class precision/recall/F1 bars, reliability chart,
/// accuracy versus confidence threshold, and the most confident mistakes. Every figure also sits in a <c>data-*</c> attribute.
/// </summary>
internal static class HtmlReport
{
    /// <summary>The ids of the five sections, in page order.</summary>
    public static readonly string[] SectionIds = ["confusion", "per-class", "calibration", "threshold", "mistakes"];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] StanceColours = ["#2f855a", "#b7791f", "#c53030"];
    private static readonly (string Name, string Colour)[] MetricColours = [("precision", "#2b6cb0"), ("recall", "#4299e1"), ("F1", "#1a365d")];

    /// <summary>Renders the report.</summary>
    /// <param name="subject">The model and data names.</param>
    /// <param name="report">The library's evaluation report.</param>
    /// <param name="scored">Every statement with its prediction, in the order of the report.</param>
    /// <param name="mistakes">How many of the most confident mistakes to list.</param>
    /// <returns>The HTML text.</returns>
    public static string Render(ReportSubject subject, EvaluationReport report, IReadOnlyList<ScoredStatement> scored, int mistakes = 15)
    {
        var calibration = new CalibrationAnalysis(scored);
        var html = new StringBuilder(64 * 1024);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="stancekit evaluate">
            <title>StanceKit evaluation: {E(subject.ModelName)} on {E(subject.DataName)}</title>
            <style>{Css}</style>
            </head>
            <body>
            <header>
            <h1>StanceKit evaluation report</h1>
            <p class="subtitle">Model <b>{E(subject.ModelName)}</b> ({E(Describe(subject.Card))}) on <b>{E(subject.DataName)}</b>. Made {E(subject.CreatedUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant))}.</p>
            <dl class="cards">
            """);
        Card(html, "statements", "Statements", report.Count, report.Count.ToString("N0", Invariant));
        Card(html, "accuracy", "Accuracy", report.Accuracy, F3(report.Accuracy));
        Card(html, "macroF1", "Macro-F1", report.MacroF1, F3(report.MacroF1));
        Card(html, "logLoss", "Log-loss", report.LogLoss, F3(report.LogLoss));
        Card(html, "ece", "Calibration error (ECE)", calibration.ExpectedCalibrationError, F3(calibration.ExpectedCalibrationError));
        html.Append("</dl>\n</header>\n<main>\n");

        Confusion(html, report);
        PerClass(html, report);
        Reliability(html, calibration);
        Threshold(html, calibration);
        Mistakes(html, scored, mistakes);

        html.Append("</main>\n<footer>Written by stancekit evaluate. Self-contained: no scripts, no external resources.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Describe(ModelCard card) =>
        $"{card.Trainer.Algorithm}, trained on {card.TrainingRows.ToString("N0", Invariant)} statements, StanceKit {card.LibraryVersion}";

    private static void Card(StringBuilder html, string key, string label, double value, string shown) =>
        html.Append(Invariant, $"<div class=\"card\"><dt>{E(label)}</dt><dd data-metric=\"{key}\" data-value=\"{R(value)}\">{shown}</dd></div>\n");

    private static void Confusion(StringBuilder html, EvaluationReport report)
    {
        html.Append("""
            <section id="confusion">
            <h2>1. Confusion matrix</h2>
            <p class="note">Rows: the labelled stance. Columns: the predicted stance. Shading: the share of the row (so the diagonal shows each stance's recall).</p>
            <table class="heatmap">
            <thead><tr><th class="corner">labelled ↓ / predicted →</th>
            """);
        foreach (var name in StanceLabels.Names)
        {
            html.Append(Invariant, $"<th>{name}</th>");
        }

        html.Append("<th>total</th></tr></thead>\n<tbody>\n");
        foreach (var actual in StanceLabels.All)
        {
            var total = StanceLabels.All.Sum(p => report.Confusion(actual, p));
            html.Append(Invariant, $"<tr><th>{StanceLabels.ToLabel(actual)}</th>");
            foreach (var predicted in StanceLabels.All)
            {
                var count = report.Confusion(actual, predicted);
                var share = total == 0 ? 0 : (double)count / total;
                var background = actual == predicted
                    ? string.Create(Invariant, $"rgba(47,133,90,{0.08 + (0.92 * share):F3})")
                    : string.Create(Invariant, $"rgba(197,48,48,{0.06 + (0.94 * Math.Min(1, share * 2)):F3})");
                var ink = share > 0.45 ? "#fff" : "#1a202c";
                html.Append(Invariant, $"<td data-actual=\"{StanceLabels.ToLabel(actual)}\" data-predicted=\"{StanceLabels.ToLabel(predicted)}\" data-count=\"{count}\" style=\"background:{background};color:{ink}\"><span class=\"count\">{count}</span><span class=\"share\">{share * 100:F0}%</span></td>");
            }

            html.Append(Invariant, $"<td class=\"total\">{total}</td></tr>\n");
        }

        html.Append("<tr><th>total</th>");
        foreach (var predicted in StanceLabels.All)
        {
            html.Append(Invariant, $"<td class=\"total\">{StanceLabels.All.Sum(a => report.Confusion(a, predicted))}</td>");
        }

        html.Append(Invariant, $"<td class=\"total\">{report.Count}</td></tr>\n</tbody>\n</table>\n</section>\n");
    }

    private static void PerClass(StringBuilder html, EvaluationReport report)
    {
        const int Left = 110, PlotWidth = 460, BarHeight = 16, GroupGap = 22, Top = 30;
        var groupHeight = (MetricColours.Length * BarHeight) + GroupGap;
        var height = Top + (StanceLabels.Count * groupHeight) + 30;
        html.Append(Invariant, $"""
            <section id="per-class">
            <h2>2. Precision, recall and F1 per stance</h2>
            <p class="note">Precision: of the statements predicted as a stance, the share that were. Recall: of those labelled with it, the share found. The dashed line is macro-F1 ({F3(report.MacroF1)}).</p>
            <div class="chart-row">
            <svg class="chart" viewBox="0 0 {Left + PlotWidth + 60} {height}" width="{Left + PlotWidth + 60}" height="{height}" role="img" aria-label="Per-stance precision, recall and F1 bars">
            """);
        Legend(html, Left, 12, MetricColours.Select(m => (m.Name, m.Colour)).ToArray());
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            var x = Left + (tick * PlotWidth);
            html.Append(Invariant, $"<line x1=\"{x:F1}\" y1=\"{Top - 4}\" x2=\"{x:F1}\" y2=\"{height - 24}\" class=\"grid\"/><text x=\"{x:F1}\" y=\"{height - 8}\" class=\"tick\" text-anchor=\"middle\">{tick:0.##}</text>\n");
        }

        for (var s = 0; s < report.PerClass.Count; s++)
        {
            var metrics = report.PerClass[s];
            var label = StanceLabels.ToLabel(metrics.Stance);
            var y0 = Top + (s * groupHeight);
            html.Append(Invariant, $"<g data-stance=\"{label}\" data-precision=\"{R(metrics.Precision)}\" data-recall=\"{R(metrics.Recall)}\" data-f1=\"{R(metrics.F1)}\" data-support=\"{metrics.Support}\">\n");
            html.Append(Invariant, $"<text x=\"{Left - 10}\" y=\"{y0 + (1.6 * BarHeight):F1}\" text-anchor=\"end\" class=\"label\" fill=\"{StanceColours[s]}\">{label}</text>\n");
            var values = new[] { metrics.Precision, metrics.Recall, metrics.F1 };
            for (var m = 0; m < values.Length; m++)
            {
                var y = y0 + (m * BarHeight);
                var width = Math.Max(0.5, values[m] * PlotWidth);
                html.Append(Invariant, $"<rect x=\"{Left}\" y=\"{y + 1}\" width=\"{width:F1}\" height=\"{BarHeight - 3}\" fill=\"{MetricColours[m].Colour}\"><title>{label} {MetricColours[m].Name} {F3(values[m])}</title></rect>");
                var inside = width > 48;
                html.Append(Invariant, $"<text x=\"{(inside ? Left + width - 5 : Left + width + 4):F1}\" y=\"{y + BarHeight - 4}\" class=\"value{(inside ? " inside" : string.Empty)}\" text-anchor=\"{(inside ? "end" : "start")}\">{F3(values[m])}</text>\n");
            }

            html.Append("</g>\n");
        }

        var macro = Left + (report.MacroF1 * PlotWidth);
        html.Append(Invariant, $"<line x1=\"{macro:F1}\" y1=\"{Top - 4}\" x2=\"{macro:F1}\" y2=\"{height - 24}\" class=\"macro\"/>\n</svg>\n");

        html.Append("<table class=\"numbers\"><thead><tr><th>stance</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead><tbody>\n");
        foreach (var metrics in report.PerClass)
        {
            html.Append(Invariant, $"<tr data-stance=\"{StanceLabels.ToLabel(metrics.Stance)}\"><th>{StanceLabels.ToLabel(metrics.Stance)}</th><td>{F3(metrics.Precision)}</td><td>{F3(metrics.Recall)}</td><td>{F3(metrics.F1)}</td><td>{metrics.Support}</td></tr>\n");
        }

        html.Append(Invariant, $"<tr class=\"macro-row\"><th>macro</th><td></td><td></td><td>{F3(report.MacroF1)}</td><td>{report.Count}</td></tr>\n</tbody></table>\n</div>\n</section>\n");
    }

    private static void Reliability(StringBuilder html, CalibrationAnalysis calibration)
    {
        const int Left = 50, Top = 20, Size = 320;
        const double XMin = 0.3;
        double X(double v) => Left + ((v - XMin) / (1 - XMin) * Size);
        double Y(double v) => Top + ((1 - v) * Size);
        var width = Left + Size + 30;
        var height = Top + Size + 45;
        html.Append(Invariant, $"""
            <section id="calibration" data-ece="{R(calibration.ExpectedCalibrationError)}">
            <h2>3. Reliability (calibration)</h2>
            <p class="note">Statements grouped by the model's confidence. A calibrated model's bars reach the diagonal: of the statements it is 80% sure of, 80% are right.
            Bars above the line: under-confident; below: over-confident. Expected calibration error: <b>{F3(calibration.ExpectedCalibrationError)}</b>.</p>
            <div class="chart-row">
            <svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="Reliability diagram">
            """);
        Axes(html, Left, Top, Size, Size, XMin, "confidence", "accuracy");
        foreach (var bin in calibration.Bins.Where(b => b.Count > 0))
        {
            var lower = Math.Max(XMin, bin.Lower);
            var x = X(lower) + 2;
            var w = X(bin.Upper) - X(lower) - 4;
            html.Append(Invariant, $"<rect class=\"accuracy-bar\" x=\"{x:F1}\" y=\"{Y(bin.Accuracy):F1}\" width=\"{w:F1}\" height=\"{Y(0) - Y(bin.Accuracy):F1}\"><title>confidence {bin.Lower:0.0}–{bin.Upper:0.0}: accuracy {F3(bin.Accuracy)}, n={bin.Count}</title></rect>\n");
            html.Append(Invariant, $"<text class=\"bin-count\" x=\"{x + (w / 2):F1}\" y=\"{Y(0) - 6:F1}\" text-anchor=\"middle\">n={bin.Count}</text>\n");
        }

        html.Append(Invariant, $"<line class=\"diagonal\" x1=\"{X(XMin):F1}\" y1=\"{Y(XMin):F1}\" x2=\"{X(1):F1}\" y2=\"{Y(1):F1}\"/>\n");
        var points = calibration.Bins.Where(b => b.Count > 0).Select(b => string.Create(Invariant, $"{X(b.MeanConfidence):F1},{Y(b.Accuracy):F1}")).ToList();
        html.Append(Invariant, $"<polyline class=\"reliability\" points=\"{string.Join(' ', points)}\"/>\n");
        foreach (var bin in calibration.Bins.Where(b => b.Count > 0))
        {
            html.Append(Invariant, $"<circle class=\"reliability-point\" cx=\"{X(bin.MeanConfidence):F1}\" cy=\"{Y(bin.Accuracy):F1}\" r=\"3.5\"/>\n");
        }

        html.Append("</svg>\n");
        html.Append("<table class=\"numbers\"><thead><tr><th>confidence</th><th>n</th><th>mean confidence</th><th>accuracy</th><th>gap</th></tr></thead><tbody>\n");
        for (var b = 0; b < calibration.Bins.Count; b++)
        {
            var bin = calibration.Bins[b];
            if (bin.Count == 0)
            {
                continue;
            }

            html.Append(Invariant, $"<tr data-bin=\"{b}\" data-count=\"{bin.Count}\" data-confidence=\"{R(bin.MeanConfidence)}\" data-accuracy=\"{R(bin.Accuracy)}\"><th>{bin.Lower:0.0}–{bin.Upper:0.0}</th><td>{bin.Count}</td><td>{F3(bin.MeanConfidence)}</td><td>{F3(bin.Accuracy)}</td><td>{Signed(bin.Accuracy - bin.MeanConfidence)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</div>\n</section>\n");
    }

    private static void Threshold(StringBuilder html, CalibrationAnalysis calibration)
    {
        const int Left = 50, Top = 30, Width = 420, Height = 260;
        const double XMin = 0.33, XMax = 0.99;
        double X(double v) => Left + ((v - XMin) / (XMax - XMin) * Width);
        double Y(double v) => Top + ((1 - v) * Height);
        var svgWidth = Left + Width + 30;
        var svgHeight = Top + Height + 50;
        html.Append(Invariant, $"""
            <section id="threshold">
            <h2>4. Accuracy versus confidence threshold</h2>
            <p class="note">Keep only the predictions at least this confident, and send the rest to a person: accuracy on what is kept, and the share kept (coverage).</p>
            <div class="chart-row">
            <svg class="chart" viewBox="0 0 {svgWidth} {svgHeight}" width="{svgWidth}" height="{svgHeight}" role="img" aria-label="Accuracy and coverage versus confidence threshold">
            """);
        Legend(html, Left, 14, [("accuracy of kept", "#2b6cb0"), ("coverage", "#dd6b20")]);
        Axes(html, Left, Top, Width, Height, XMin, "confidence threshold", string.Empty, XMax);
        var kept = calibration.Thresholds.Where(p => p.Kept > 0).ToList();
        html.Append(Invariant, $"<polyline class=\"accuracy-line\" points=\"{string.Join(' ', kept.Select(p => string.Create(Invariant, $"{X(p.Threshold):F1},{Y(p.Accuracy):F1}")))}\"/>\n");
        html.Append(Invariant, $"<polyline class=\"coverage-line\" points=\"{string.Join(' ', calibration.Thresholds.Select(p => string.Create(Invariant, $"{X(p.Threshold):F1},{Y(p.Coverage):F1}")))}\"/>\n");
        html.Append("</svg>\n");
        html.Append("<table class=\"numbers\"><thead><tr><th>threshold</th><th>kept</th><th>coverage</th><th>accuracy</th></tr></thead><tbody>\n");
        foreach (var point in calibration.Thresholds.Where(p => Math.Round(p.Threshold * 100) % 10 == 0 || Math.Abs(p.Threshold - 0.33) < 1e-9 || Math.Abs(p.Threshold - 0.95) < 1e-9))
        {
            html.Append(Invariant, $"<tr data-threshold=\"{point.Threshold:0.00}\" data-kept=\"{point.Kept}\" data-coverage=\"{R(point.Coverage)}\" data-accuracy=\"{R(point.Accuracy)}\"><th>≥ {point.Threshold:0.00}</th><td>{point.Kept}</td><td>{point.Coverage * 100:F1}%</td><td>{(point.Kept == 0 ? "–" : F3(point.Accuracy))}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</div>\n</section>\n");
    }

    private static void Mistakes(StringBuilder html, IReadOnlyList<ScoredStatement> scored, int count)
    {
        var mistakes = scored.Where(s => !s.IsCorrect).OrderByDescending(s => s.Prediction.Confidence).ThenBy(s => s.Statement.Line).Take(count).ToList();
        var total = scored.Count(s => !s.IsCorrect);
        html.Append(Invariant, $"""
            <section id="mistakes" data-mistakes="{total}">
            <h2>5. Most confident mistakes</h2>
            <p class="note">The {mistakes.Count} wrong predictions the model was surest of (of {total} mistakes): worth a second look, for a model error or a labelling error.</p>
            <table class="mistakes"><thead><tr><th>#</th><th>confidence</th><th>labelled</th><th>predicted</th><th>probabilities (sup / scep / opp)</th><th>row</th><th class="text">statement</th></tr></thead><tbody>

            """);
        for (var i = 0; i < mistakes.Count; i++)
        {
            var (statement, prediction) = (mistakes[i].Statement, mistakes[i].Prediction);
            var p = prediction.Probabilities;
            var where = statement.Id is { } id ? $"{id} (line {statement.Line})" : statement.Line > 0 ? $"line {statement.Line}" : string.Empty;
            html.Append(Invariant, $"<tr data-mistake=\"{i + 1}\" data-confidence=\"{R(prediction.Confidence)}\" data-actual=\"{StanceLabels.ToLabel(statement.Label)}\" data-predicted=\"{StanceLabels.ToLabel(prediction.Stance)}\"><td>{i + 1}</td><td>{F3(prediction.Confidence)}</td>");
            html.Append(Invariant, $"<td><span class=\"pill s{(int)statement.Label}\">{StanceLabels.ToLabel(statement.Label)}</span></td><td><span class=\"pill s{(int)prediction.Stance}\">{StanceLabels.ToLabel(prediction.Stance)}</span></td>");
            html.Append(Invariant, $"<td class=\"probs\">{F3(p.Supportive)} / {F3(p.Sceptical)} / {F3(p.Opposed)}</td><td class=\"where\">{E(where)}</td><td class=\"text\">{E(Shorten(statement.Text, 400))}</td></tr>\n");
        }

        if (mistakes.Count == 0)
        {
            html.Append("<tr><td colspan=\"7\">No mistakes: every statement was classified right.</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    private static void Axes(StringBuilder html, int left, int top, int width, int height, double xMin, string xLabel, string yLabel, double xMax = 1)
    {
        for (var v = 0.0; v <= 1.0001; v += 0.2)
        {
            var y = top + ((1 - v) * height);
            html.Append(Invariant, $"<line class=\"grid\" x1=\"{left}\" y1=\"{y:F1}\" x2=\"{left + width}\" y2=\"{y:F1}\"/><text class=\"tick\" x=\"{left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{v:0.0}</text>\n");
        }

        var start = Math.Ceiling(xMin * 10) / 10;
        for (var v = start; v <= xMax + 0.0001; v += 0.1)
        {
            var x = left + ((v - xMin) / (xMax - xMin) * width);
            html.Append(Invariant, $"<line class=\"grid\" x1=\"{x:F1}\" y1=\"{top}\" x2=\"{x:F1}\" y2=\"{top + height}\"/><text class=\"tick\" x=\"{x:F1}\" y=\"{top + height + 14}\" text-anchor=\"middle\">{v:0.0}</text>\n");
        }

        html.Append(Invariant, $"<line class=\"axis\" x1=\"{left}\" y1=\"{top + height}\" x2=\"{left + width}\" y2=\"{top + height}\"/><line class=\"axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + height}\"/>\n");
        html.Append(Invariant, $"<text class=\"axis-label\" x=\"{left + (width / 2)}\" y=\"{top + height + 30}\" text-anchor=\"middle\">{E(xLabel)}</text>\n");
        if (yLabel.Length > 0)
        {
            html.Append(Invariant, $"<text class=\"axis-label\" transform=\"translate(12,{top + (height / 2)}) rotate(-90)\" text-anchor=\"middle\">{E(yLabel)}</text>\n");
        }
    }

    private static void Legend(StringBuilder html, int x, int y, (string Name, string Colour)[] items)
    {
        foreach (var (name, colour) in items)
        {
            html.Append(Invariant, $"<rect x=\"{x}\" y=\"{y - 9}\" width=\"12\" height=\"10\" fill=\"{colour}\"/><text x=\"{x + 16}\" y=\"{y}\" class=\"legend\">{E(name)}</text>\n");
            x += 30 + (name.Length * 7);
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F3(double value) => value.ToString("F3", Invariant);

    private static string Signed(double value) => value.ToString("+0.000;-0.000;0.000", Invariant);

    /// <summary>Formats a number for a data attribute so that it parses back to the same double.</summary>
    private static string R(double value) => value.ToString("R", Invariant);

    private const string Css = """

        :root { color-scheme: light; --ink: #1a202c; --muted: #4a5568; --line: #e2e8f0; --bg: #f7fafc; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
        header, main, footer { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 0 0 6px; }
        .subtitle, .note, footer { color: var(--muted); }
        .note { margin: 0 0 12px; max-width: 80ch; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 8px; padding: 0; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; }
        .card dt { color: var(--muted); font-size: 13px; }
        .card dd { margin: 0; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 16px 0; }
        .chart-row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 10px; text-align: right; border-bottom: 1px solid var(--line); }
        th:first-child { text-align: left; }
        thead th { font-size: 13px; color: var(--muted); font-weight: 600; }
        .heatmap td { width: 120px; height: 64px; text-align: center; border: 2px solid #fff; border-radius: 6px; }
        .heatmap td.total { background: var(--bg); color: var(--muted); }
        .heatmap .count { display: block; font-size: 22px; font-weight: 650; }
        .heatmap .share { display: block; font-size: 12px; opacity: .85; }
        .heatmap .corner { font-size: 12px; color: var(--muted); }
        .numbers { font-size: 14px; }
        .macro-row th, .macro-row td { font-weight: 650; border-top: 2px solid var(--line); }
        svg.chart { background: #fff; overflow: visible; }
        svg .grid { stroke: #edf2f7; stroke-width: 1; }
        svg .axis { stroke: #718096; stroke-width: 1.2; }
        svg .tick { font-size: 11px; fill: #718096; }
        svg .axis-label { font-size: 12px; fill: var(--muted); }
        svg .label { font-size: 14px; font-weight: 650; }
        svg .value { font-size: 11px; fill: var(--ink); }
        svg .value.inside { fill: #fff; font-weight: 600; }
        svg .bin-count { font-size: 10px; fill: #2c5282; }
        svg .legend { font-size: 12px; fill: var(--ink); }
        svg .macro { stroke: #1a202c; stroke-width: 1.5; stroke-dasharray: 5 4; }
        svg .accuracy-bar { fill: #bee3f8; stroke: #63b3ed; }
        svg .diagonal { stroke: #a0aec0; stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg .reliability { fill: none; stroke: #2b6cb0; stroke-width: 2; }
        svg .reliability-point { fill: #2b6cb0; }
        svg .accuracy-line { fill: none; stroke: #2b6cb0; stroke-width: 2.5; }
        svg .coverage-line { fill: none; stroke: #dd6b20; stroke-width: 2.5; stroke-dasharray: 7 4; }
        .mistakes { width: 100%; font-size: 13.5px; }
        .mistakes td { vertical-align: top; }
        .mistakes td.text, .mistakes th.text { text-align: left; max-width: 520px; }
        .mistakes td.where, .mistakes td.probs { white-space: nowrap; color: var(--muted); }
        .pill { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; }
        .pill.s0 { background: #2f855a; } .pill.s1 { background: #b7791f; } .pill.s2 { background: #c53030; }
        footer { padding-bottom: 24px; font-size: 13px; }

        """;
}
