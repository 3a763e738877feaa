using System.Text.Json;

namespace StanceKit.Cli.Tests.Commands;

public class CrossValidateCommandTests
{
    [Fact]
    public void Cv_OneTrainer_PrintsMeanSdAndFolds()
    {
        var result = Run.Expect(0, "cv", "--data", Fixture.Mini, "--folds", "3", "--hash-bits", "10");
        Assert.Contains("3-fold cross-validation on", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Trainer: maxent", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("macro-F1 0.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(" ± ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("fold 3:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("cv maxent: 100%", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cv_AllTrainers_OneRowPerTrainer()
    {
        var result = Run.Expect(0, "cv", "--data", Fixture.Mini, "--folds", "2", "--trainer", "all", "--hash-bits", "10", "--trees", "5", "--iterations", "20");
        var rows = result.Stdout.Split('\n').Where(l => l.Contains('±', StringComparison.Ordinal) && !l.StartsWith("trainer", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.StartsWith("maxent", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("linear-svm", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("perceptron", rows[2], StringComparison.Ordinal);
        Assert.StartsWith("fasttree", rows[3], StringComparison.Ordinal);
        Assert.Contains("Best macro-F1:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cv_Json_MatchesLibrary()
    {
        var result = Run.Expect(0, "cv", "--data", Fixture.Mini, "--folds", "3", "--hash-bits", "10", "--seed", "7", "--json");
        var options = new StanceTrainerOptions { Seed = 7, Featurizer = new FeaturizerOptions { HashBits = 10 } };
        var expected = new StanceTrainer(options).CrossValidate(Fixture.MiniStatements, 3);
        using var json = JsonDocument.Parse(result.Stdout);
        var trainer = Assert.Single(json.RootElement.GetProperty("trainers").EnumerateArray());
        Assert.Equal("maxent", trainer.GetProperty("trainer").GetString());
        Assert.Equal(expected.MacroF1Mean, trainer.GetProperty("macroF1Mean").GetDouble());
        Assert.Equal(expected.MacroF1StandardDeviation, trainer.GetProperty("macroF1StandardDeviation").GetDouble());
        Assert.Equal(expected.Pooled.Accuracy, trainer.GetProperty("pooled").GetProperty("accuracy").GetDouble());
        Assert.Equal(3, trainer.GetProperty("foldResults").GetArrayLength());
    }

    [Fact]
    public void Cv_GroupByStakeholder_LeavesOneGroupOut()
    {
        var result = Run.Expect(0, "cv", "--data", Fixture.Mini, "--group-by", "stakeholder", "--hash-bits", "10", "--json");
        var groups = Fixture.MiniStatements.Select(s => s.Stakeholder).Distinct().Count();
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("leave-one-stakeholder-out cross-validation", json.RootElement.GetProperty("scheme").GetString());
        Assert.Equal(groups, json.RootElement.GetProperty("trainers")[0].GetProperty("folds").GetInt32());
    }

    [Theory]
    [InlineData("--trainer", "bayes", "not a trainer")]
    [InlineData("--folds", "1", "--folds 1")]
    [InlineData("--folds", "500", "more than the 120 rows")]
    [InlineData("--group-by", "country", "--group-by 'country'")]
    public void Cv_InvalidOption_ExitsTwo(string option, string value, string message)
    {
        var result = Run.Expect(2, "cv", "--data", Fixture.Mini, option, value);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cv_MissingFile_ExitsOne()
    {
        var result = Run.Expect(1, "cv", "--data", "missing.csv");
        Assert.Contains("missing.csv", result.Stderr, StringComparison.Ordinal);
    }
}
