using System.Text.Json;

namespace StanceKit.Cli.Tests.Commands;

public class InfoCommandTests
{
    [Fact]
    public void Info_ModelFile_ShowsCard()
    {
        var result = Run.Expect(0, "info", Fixture.Model);
        Assert.Contains("maxent (MaximumEntropy)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2^12 slots", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("training rows", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("No measured quality", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_ModelWithMetrics_ShowsThem()
    {
        using var folder = new TempFolder();
        var model = folder.File("m.zip");
        Run.Expect(0, "train", "--data", Fixture.SplitCorpus, "--split", "train", "--eval-split", "test", "--hash-bits", "10", "--output", model);
        var result = Run.Expect(0, "info", "--model", model);
        Assert.Contains("Measured on", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(split=test)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("macro-F1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_Json_IsTheCard()
    {
        var result = Run.Expect(0, "info", Fixture.Model, "--json");
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(120, json.RootElement.GetProperty("trainingRows").GetInt32());
        Assert.Equal("MaximumEntropy", json.RootElement.GetProperty("trainer").GetProperty("algorithm").GetString());
    }

    [Fact]
    public void Info_MissingFile_ExitsOne()
    {
        var result = Run.Expect(1, "info", "nope.zip");
        Assert.Contains("nope.zip: model file not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_CorruptModel_ExitsOne()
    {
        using var folder = new TempFolder();
        var model = folder.Write("bad.zip", "garbage");
        var result = Run.Expect(1, "info", model);
        Assert.Contains("bad.zip", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_ArgumentAndOption_ExitsTwo()
    {
        Run.Expect(2, "info", Fixture.Model, "--model", Fixture.Model);
    }

    [Fact]
    public void Info_NoModel_UsesDefaultOrExitsOne()
    {
        var result = Run.Cli("info");
        Assert.Equal(EvaluateCommandTests.HasDefaultModel() ? 0 : 1, result.ExitCode);
    }
}
