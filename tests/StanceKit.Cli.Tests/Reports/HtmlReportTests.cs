using System.Globalization;
using System.Text.RegularExpressions;
using StanceKit.Cli.Reports;

namespace StanceKit.Cli.Tests.Reports;

public partial class HtmlReportTests
{
    [Fact]
    public void EvaluateReport_IsSelfContainedWithFiveSectionsAndMatchingNumbers()
    {
        using var folder = new TempFolder();
        var path = folder.File("report.html");
        var result = Run.Expect(0, "evaluate", "--data", Fixture.SplitCorpus, "--split", "test", "--model", Fixture.Model, "--report", path, "--mistakes", "5");
        Assert.Contains("report written to", result.Stderr, StringComparison.Ordinal);
        var html = File.ReadAllText(path);

        // Self-contained: no network, no scripts, no external files.
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);

        // The five sections, in order.
        var positions = HtmlReport.SectionIds.Select(id => html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(5, Regex.Count(html, "<section "));

        // The numbers are those of the library's report and of the model's predictions.
        var test = StanceCorpus.ReadCsv(Fixture.SplitCorpus).Statements.Where(s => s.Split == "test").ToList();
        var model = StanceClassifier.Load(Fixture.Model);
        var report = model.Evaluate(test);
        var predictions = test.Select(s => model.Predict(s.Text)).ToList();
        Assert.Equal(report.Accuracy, Attribute(html, "data-metric=\"accuracy\" data-value"));
        Assert.Equal(report.MacroF1, Attribute(html, "data-metric=\"macroF1\" data-value"));
        Assert.Equal(report.LogLoss, Attribute(html, "data-metric=\"logLoss\" data-value"));
        foreach (var actual in StanceLabels.All)
        {
            foreach (var predicted in StanceLabels.All)
            {
                var count = Attribute(html, $"data-actual=\"{StanceLabels.ToLabel(actual)}\" data-predicted=\"{StanceLabels.ToLabel(predicted)}\" data-count");
                Assert.Equal(report.Confusion(actual, predicted), (int)count);
            }
        }

        foreach (var metrics in report.PerClass)
        {
            var group = $"<g data-stance=\"{StanceLabels.ToLabel(metrics.Stance)}\" data-precision";
            Assert.Equal(metrics.Precision, Attribute(html, group));
            Assert.Contains($"data-f1=\"{metrics.F1.ToString("R", CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
        }

        // Calibration: bins hold every statement, and the ECE is recomputed here from the predictions.
        var bins = BinRegex().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(test.Count, bins.Sum());
        var ece = Enumerable.Range(0, 10).Sum(b =>
        {
            var members = test.Select((s, i) => (s, p: predictions[i])).Where(x => Math.Clamp((int)(x.p.Confidence * 10), 0, 9) == b).ToList();
            return members.Count == 0 ? 0 : members.Count * Math.Abs(members.Count(x => x.p.Stance == x.s.Label) / (double)members.Count - members.Average(x => (double)x.p.Confidence));
        }) / test.Count;
        Assert.Equal(ece, Attribute(html, "<section id=\"calibration\" data-ece"), 12);

        // Accuracy at the 0.5 threshold.
        var kept = test.Select((s, i) => (s, p: predictions[i])).Where(x => x.p.Confidence >= 0.5f).ToList();
        Assert.Equal(kept.Count, (int)Attribute(html, "data-threshold=\"0.50\" data-kept"));
        Assert.Equal(kept.Count(x => x.p.Stance == x.s.Label) / (double)kept.Count, Attribute(html, "data-threshold=\"0.50\" data-kept=\"" + kept.Count + "\" data-coverage=\"[^\"]+\" data-accuracy"), 12);

        // Mistakes: the surest wrong predictions, surest first, at most 5.
        var wrong = test.Count - (int)Math.Round(report.Accuracy * test.Count);
        Assert.Equal(wrong, (int)Attribute(html, "<section id=\"mistakes\" data-mistakes"));
        var listed = MistakeRegex().Matches(html).Select(m => (Confidence: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Actual: m.Groups[2].Value, Predicted: m.Groups[3].Value)).ToList();
        Assert.Equal(Math.Min(5, wrong), listed.Count);
        Assert.All(listed, m => Assert.NotEqual(m.Actual, m.Predicted));
        Assert.Equal(listed.Select(m => m.Confidence).OrderDescending(), listed.Select(m => m.Confidence));
    }

    [Fact]
    public void Render_StatementWithMarkup_IsEncoded()
    {
        var model = StanceClassifier.Load(Fixture.Model);
        const string Text = "<script>alert('x')</script> Kenya & Haiti: bring the police home";
        var predicted = model.Predict(Text).Stance;
        var wrongLabel = StanceLabels.All.First(s => s != predicted);
        var statements = new[] { new LabeledStatement(Text, wrongLabel) { Line = 7 } };
        var report = model.Evaluate(statements);
        var html = HtmlReport.Render(
            new ReportSubject("m<1>.zip", "data & more.csv", model.Card, DateTimeOffset.UnixEpoch),
            report,
            statements.Select(s => new ScoredStatement(s, model.Predict(s.Text))).ToList());
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Kenya &amp; Haiti", html, StringComparison.Ordinal);
        Assert.Contains("m&lt;1&gt;.zip", html, StringComparison.Ordinal);
        Assert.Contains("line 7", html, StringComparison.Ordinal);
    }

    private static double Attribute(string html, string prefix)
    {
        var match = Regex.Match(html, prefix + "=\"([^\"]+)\"");
        Assert.True(match.Success, $"no attribute matching {prefix}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("<tr data-bin=\"\\d+\" data-count=\"(\\d+)\"")]
    private static partial Regex BinRegex();

    [GeneratedRegex("<tr data-mistake=\"\\d+\" data-confidence=\"([^\"]+)\" data-actual=\"(\\w+)\" data-predicted=\"(\\w+)\"")]
    private static partial Regex MistakeRegex();
}
