using System.Text.Json;

namespace StanceKit.Cli.Tests.Commands;

public class ExplainCommandTests
{
    private const string Statement = "Kenya must withdraw its police from Haiti immediately.";

    [Fact]
    public void Explain_Statement_ListsSignedNgramsTowardEachStance()
    {
        var result = Run.Expect(0, "explain", "--model", Fixture.Model, "--top", "3", Statement);
        Assert.Contains("(confidence ", result.Stdout, StringComparison.Ordinal);
        foreach (var name in StanceLabels.Names)
        {
            Assert.Contains($"toward {name}:", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("+0.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("-0.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Json_MatchesLibraryExplanation()
    {
        var result = Run.Expect(0, "explain", "--model", Fixture.Model, "--top", "4", "--json", Statement);
        var expected = StanceClassifier.Load(Fixture.Model).Explain(Statement);
        using var json = JsonDocument.Parse(result.Stdout);
        var toward = json.RootElement.GetProperty("toward");
        foreach (var stance in StanceLabels.All)
        {
            var listed = toward.GetProperty(StanceLabels.ToLabel(stance)).EnumerateArray().ToList();
            var top = expected.Toward(stance, 4);
            Assert.Equal(top.Select(c => c.Feature), listed.Select(e => e.GetProperty("ngram").GetString()));
            Assert.Equal(top.Select(c => c.Weights[stance]), listed.Select(e => e.GetProperty("weight").GetSingle()));
            Assert.All(listed, e => Assert.True(e.GetProperty("weight").GetSingle() > 0));
        }

        Assert.Equal(StanceLabels.ToLabel(expected.Prediction.Stance), json.RootElement.GetProperty("stance").GetString());
    }

    [Fact]
    public void Explain_NonLinearModel_ExitsOne()
    {
        var result = Run.Expect(1, "explain", "--model", Fixture.SvmModel, Statement);
        Assert.Contains("linear model", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--trainer maxent", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NoStatement_ExitsTwo()
    {
        Run.Expect(2, "explain", "--model", Fixture.Model);
    }

    [Fact]
    public void Explain_TopZero_ExitsTwo()
    {
        var result = Run.Expect(2, "explain", "--model", Fixture.Model, "--top", "0", Statement);
        Assert.Contains("--top 0", result.Stderr, StringComparison.Ordinal);
    }
}
