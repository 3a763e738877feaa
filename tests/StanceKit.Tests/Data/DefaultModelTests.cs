using System.Globalization;

namespace StanceKit.Tests.Data;

/// <summary>The embedded default model reproduces its published figures.</summary>
public class DefaultModelTests
{
    private static List<LabeledStatement> TestSplit() =>
        StanceCorpus.ReadCsv(Repository.File("data", "statements.csv")).Statements.Where(s => s.Split == "test").ToList();

    [Fact]
    public void Default_TestSplitMacroF1_MatchesCardAndReadme()
    {
        var model = StanceClassifier.Default;
        var metrics = model.Card.Metrics;
        Assert.NotNull(metrics);
        var report = model.Evaluate(TestSplit());
        Assert.Equal(metrics.Count, report.Count);
        Assert.True(Math.Abs(report.MacroF1 - metrics.MacroF1) <= 0.005, $"measured {report.MacroF1:F4}, card {metrics.MacroF1:F4}");
        var published = metrics.MacroF1.ToString("F3", CultureInfo.InvariantCulture);
        Assert.Contains($"test-split macro-F1 **{published}**", File.ReadAllText(Repository.File("README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_TrainedOnTheTrainSplitOfTheCommittedCorpus()
    {
        var train = StanceCorpus.ReadCsv(Repository.File("data", "statements.csv")).Statements.Where(s => s.Split == "train").ToList();
        var card = StanceClassifier.Default.Card;
        Assert.Equal(train.Count, card.TrainingRows);
        Assert.Equal(StanceTrainer.CorpusHash(train), card.CorpusSha256);
        Assert.Equal(new StanceTrainerOptions(), card.Trainer with { Featurizer = card.Trainer.Featurizer });
        Assert.Equal(new FeaturizerOptions(), card.Trainer.Featurizer);
    }

    [Fact]
    public void Default_FastScorer_MatchesMlNetOnTheWholeCorpus()
    {
        // Issue 5's contract: the fused fast path gives ML.NET's probabilities (PredictionEngine over the same model and
        // features) on every statement of the corpus, to 1e-5, with no disagreement on the stance.
        var model = StanceClassifier.Default;
        var statements = StanceCorpus.ReadCsv(Repository.File("data", "statements.csv")).Statements;
        var maxDifference = 0f;
        var disagreements = new List<string>();
        foreach (var statement in statements)
        {
            var fast = model.Predict(statement.Text).Probabilities;
            var reference = model.PredictWithMlNet(statement.Text).Probabilities;
            if (fast.MostLikely != reference.MostLikely)
            {
                disagreements.Add(statement.Id!);
            }

            foreach (var stance in StanceLabels.All)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(fast[stance] - reference[stance]));
            }
        }

        Assert.True(statements.Count > 5000);
        Assert.Empty(disagreements);
        Assert.True(maxDifference <= 1e-5f, $"max |fast - ML.NET| = {maxDifference}");
    }

    [Fact]
    public void Default_LessConfidentOnStatementsWithoutStance()
    {
        var options = new CorpusCsvOptions { LabelColumn = "kind", LabelAliases = CorpusCsvOptions.ParseLabelMap("deployment_fact=sceptical,unrelated=sceptical") };
        var noStance = StanceCorpus.ReadCsv(Repository.File("data", "no_stance.csv"), options).Statements.Select(s => s.Text).ToList();
        var model = StanceClassifier.Default;
        var noStanceConfidence = model.PredictBatch(noStance).Average(p => p.Confidence);
        var stanceConfidence = model.PredictBatch(TestSplit().Select(s => s.Text).ToList()).Average(p => p.Confidence);
        Assert.True(noStanceConfidence < stanceConfidence - 0.05, $"no stance {noStanceConfidence:F3}, stance {stanceConfidence:F3}");
    }

    [Fact]
    public void Default_QuickStartIsTheReadmeQuickStart()
    {
        // The README's C# quick start is the QuickStart sample's code, so it compiles by construction.
        var readme = File.ReadAllText(Repository.File("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no csharp block");
        var end = readme.IndexOf("```", start + 10, StringComparison.Ordinal);
        var block = readme[(start + 10)..end].Trim();
        var sample = File.ReadAllText(Repository.File("samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");
        var code = string.Join('\n', sample.Split('\n').TakeWhile(l => !l.StartsWith("// Expected output", StringComparison.Ordinal))).Trim();
        Assert.Equal(code, block);
        Assert.True(block.Split('\n').Count(l => l.Trim().Length > 0) <= 10, "quick start longer than 10 lines");
    }
}
