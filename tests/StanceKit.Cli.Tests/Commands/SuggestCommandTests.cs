using StanceKit.Cli.Commands;

namespace StanceKit.Cli.Tests.Commands;

public class SuggestCommandTests
{
    [Fact]
    public void Suggest_Pool_WritesLeastSureStatementsWithEmptyLabel()
    {
        var result = Run.Expect(0, "suggest", "--pool", Fixture.Mini, "--count", "5", "--model", Fixture.Model);
        var rows = PredictCommandTests.ReadCsv(result.Stdout);
        Assert.Equal(["text", "stakeholder_group", "register", "stance", "confidence", "p_supportive", "p_sceptical", "p_opposed", "margin", "label"], rows[0]);
        Assert.Equal(6, rows.Count);

        var model = StanceClassifier.Load(Fixture.Model);
        var expected = Fixture.MiniStatements
            .Select((s, i) => (s.Text, Margin: SuggestCommand.Margin(model.Predict(s.Text)), i))
            .OrderBy(x => x.Margin).ThenBy(x => x.i).Take(5).Select(x => x.Text).ToList();
        Assert.Equal(expected, rows.Skip(1).Select(r => r[0]));
        var margins = rows.Skip(1).Select(r => double.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(margins.Order(), margins);
        Assert.All(rows.Skip(1), r => Assert.Equal(string.Empty, r[9]));
    }

    [Fact]
    public void Suggest_CountAbovePoolSize_ReturnsEveryRow()
    {
        using var folder = new TempFolder();
        var output = folder.File("to_label.csv");
        var result = Run.Expect(0, "suggest", "--pool", Fixture.Mini, "--count", "500", "--model", Fixture.Model, "--output", output);
        Assert.Contains("120 of 120", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(121, PredictCommandTests.ReadCsv(File.ReadAllText(output)).Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Suggest_CountBelowOne_ExitsTwo(string count)
    {
        var result = Run.Expect(2, "suggest", "--pool", Fixture.Mini, "--count", count, "--model", Fixture.Model);
        Assert.Contains("--count", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_MissingCount_ExitsTwo()
    {
        Run.Expect(2, "suggest", "--pool", Fixture.Mini, "--model", Fixture.Model);
    }

    [Fact]
    public void Suggest_MissingPool_ExitsOne()
    {
        var result = Run.Expect(1, "suggest", "--pool", "missing.csv", "--count", "3", "--model", Fixture.Model);
        Assert.Contains("missing.csv", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_HeaderOnly_ExitsOne()
    {
        using var folder = new TempFolder();
        var pool = folder.Write("pool.csv", "text\n");
        var result = Run.Expect(1, "suggest", "--pool", pool, "--count", "3", "--model", Fixture.Model, "--output", folder.File("out.csv"));
        Assert.Contains("no rows", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["pool.csv"], folder.Files());
    }

    [Fact]
    public void Margin_IsTopMinusSecond()
    {
        var prediction = StancePrediction.FromProbabilities(new StanceScores(0.5f, 0.3f, 0.2f));
        Assert.Equal(0.2f, SuggestCommand.Margin(prediction), 5);
    }
}
