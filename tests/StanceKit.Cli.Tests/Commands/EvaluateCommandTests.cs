using System.Text.Json;

namespace StanceKit.Cli.Tests.Commands;

public class EvaluateCommandTests
{
    [Fact]
    public void Evaluate_Table_ShowsPerClassMetricsAndConfusion()
    {
        var result = Run.Expect(0, "evaluate", "--data", Fixture.Mini, "--model", Fixture.Model);
        var expected = StanceClassifier.Load(Fixture.Model).Evaluate(Fixture.MiniStatements);
        Assert.Contains($"Model: {Fixture.Model} (maxent, trained on 120 statements)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(expected.ToTable(), result.Stdout.ReplaceLineEndings(Environment.NewLine), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Json_FollowsTheContract()
    {
        var result = Run.Expect(0, "evaluate", "--data", Fixture.SplitCorpus, "--split", "test", "--model", Fixture.Model, "--json");
        var test = StanceCorpus.ReadCsv(Fixture.SplitCorpus).Statements.Where(s => s.Split == "test").ToList();
        var expected = StanceClassifier.Load(Fixture.Model).Evaluate(test);

        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(expected.MacroF1, root.GetProperty("macroF1").GetDouble());
        Assert.Equal(expected.Accuracy, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(24, root.GetProperty("count").GetInt32());
        foreach (var metrics in expected.PerClass)
        {
            var perClass = root.GetProperty("perClass").GetProperty(StanceLabels.ToLabel(metrics.Stance));
            Assert.Equal(metrics.Precision, perClass.GetProperty("precision").GetDouble());
            Assert.Equal(metrics.Recall, perClass.GetProperty("recall").GetDouble());
            Assert.Equal(metrics.F1, perClass.GetProperty("f1").GetDouble());
            Assert.Equal(metrics.Support, perClass.GetProperty("support").GetInt32());
        }

        var confusion = root.GetProperty("confusion");
        Assert.Equal(StanceLabels.Names, confusion.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        var matrix = confusion.GetProperty("matrix");
        foreach (var actual in StanceLabels.All)
        {
            foreach (var predicted in StanceLabels.All)
            {
                Assert.Equal(expected.Confusion(actual, predicted), matrix[(int)actual][(int)predicted].GetInt32());
            }
        }
    }

    [Fact]
    public void Evaluate_CorruptModel_ExitsOneNamingFile()
    {
        using var folder = new TempFolder();
        var model = folder.Write("corrupt.zip", "this is not a zip file");
        var result = Run.Expect(1, "evaluate", "--data", Fixture.Mini, "--model", model);
        Assert.Contains("corrupt.zip", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Evaluate_TruncatedModel_ExitsOne()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(Fixture.Model);
        var model = folder.File("truncated.zip");
        File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);
        var result = Run.Expect(1, "evaluate", "--data", Fixture.Mini, "--model", model);
        Assert.Contains("truncated.zip", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingModel_ExitsOne()
    {
        var result = Run.Expect(1, "evaluate", "--data", Fixture.Mini, "--model", "no-such-model.zip");
        Assert.Contains("no-such-model.zip: model file not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WithoutModel_UsesDefaultOrExitsOne()
    {
        var result = Run.Cli("evaluate", "--data", Fixture.Mini);
        if (HasDefaultModel())
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("Model: the default model", result.Stdout, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("no default model", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("--model", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_MissingData_ExitsTwo()
    {
        var result = Run.Expect(2, "evaluate", "--model", Fixture.Model);
        Assert.Contains("--data", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DataIsFolder_ExitsOne()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(1, "evaluate", "--data", folder.Path, "--model", Fixture.Model);
        Assert.Contains("is a directory", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EmptyFile_ExitsOne()
    {
        using var folder = new TempFolder();
        var data = folder.Write("empty.csv", string.Empty);
        var result = Run.Expect(1, "evaluate", "--data", data, "--model", Fixture.Model);
        Assert.Contains("empty.csv", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BrokenQuote_ExitsOneWithLine()
    {
        using var folder = new TempFolder();
        var lines = Fixture.MiniLines.ToList();
        lines[5] = "\"An unclosed quote, supportive,analysts,op_ed";
        var data = folder.Write("quote.csv", string.Join('\n', lines) + "\n");
        var result = Run.Expect(1, "evaluate", "--data", data, "--model", Fixture.Model);
        Assert.Contains("quote.csv, line 6", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ReportFolderMissing_ExitsOneBeforeScoring()
    {
        var result = Run.Expect(1, "evaluate", "--data", Fixture.Mini, "--model", Fixture.Model, "--report", "/no/such/folder/report.html");
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    internal static bool HasDefaultModel()
    {
        try
        {
            _ = StanceClassifier.Default;
            return true;
        }
        catch (StanceKitException)
        {
            return false;
        }
    }
}
