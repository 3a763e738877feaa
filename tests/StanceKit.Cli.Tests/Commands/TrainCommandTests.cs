using System.Diagnostics;
using System.Text.Json;

namespace StanceKit.Cli.Tests.Commands;

public class TrainCommandTests
{
    [Fact]
    public void Train_Corpus_WritesModelAndPrintsCrossValidation()
    {
        using var folder = new TempFolder();
        var model = folder.File("model.zip");
        var result = Run.Expect(0, "train", "--data", Fixture.Mini, "--output", model, "--hash-bits", "12", "--folds", "3");
        Assert.True(File.Exists(model));
        Assert.Contains("Trained maxent on 120 statements", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("3-fold cross-validation: macro-F1 ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("±", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("confusion (rows: labelled, columns: predicted)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("cv maxent:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("train maxent:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["model.zip"], folder.Files());
        Assert.NotNull(StanceClassifier.Load(model).Card.Metrics);
    }

    [Fact]
    public void TrainThenEvaluate_EvalSplit_ReproducesLibraryNumbers()
    {
        // The library, called directly: train on the train rows, evaluate on the test rows.
        var all = StanceCorpus.ReadCsv(Fixture.SplitCorpus).Statements;
        var options = new StanceTrainerOptions { Seed = 1, Featurizer = new FeaturizerOptions { HashBits = 12 } };
        var expected = new StanceTrainer(options).Train(all.Where(s => s.Split == "train")).Evaluate(all.Where(s => s.Split == "test").ToList());

        using var folder = new TempFolder();
        var model = folder.File("model.zip");
        var trained = Run.Expect(0, "train", "--data", Fixture.SplitCorpus, "--split", "train", "--eval-split", "test", "--hash-bits", "12", "--output", model, "--json");
        var evaluated = Run.Expect(0, "evaluate", "--data", Fixture.SplitCorpus, "--split", "test", "--model", model, "--json");

        using var train = JsonDocument.Parse(trained.Stdout);
        using var evaluate = JsonDocument.Parse(evaluated.Stdout);
        var heldOut = train.RootElement.GetProperty("evaluation");
        Assert.Equal("held-out", heldOut.GetProperty("kind").GetString());
        Assert.Equal(96, train.RootElement.GetProperty("trainingRows").GetInt32());
        foreach (var json in new[] { heldOut, evaluate.RootElement })
        {
            Assert.Equal(expected.Count, json.GetProperty("count").GetInt32());
            Assert.Equal(expected.MacroF1, json.GetProperty("macroF1").GetDouble());
            Assert.Equal(expected.Accuracy, json.GetProperty("accuracy").GetDouble());
            Assert.Equal(expected.LogLoss, json.GetProperty("logLoss").GetDouble(), 12);
        }

        var card = StanceClassifier.Load(model).Card;
        Assert.Equal(expected.MacroF1, card.Metrics!.MacroF1);
        Assert.Contains("split=test", card.Metrics.EvaluatedOn, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_EvalSplitWithoutSplit_TrainsOnEveryOtherRow()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(0, "train", "--data", Fixture.SplitCorpus, "--eval-split", "test", "--hash-bits", "10", "--output", folder.File("m.zip"), "--json");
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(96, json.RootElement.GetProperty("trainingRows").GetInt32());
        Assert.Equal(24, json.RootElement.GetProperty("evaluation").GetProperty("count").GetInt32());
    }

    [Fact]
    public void Train_TestFile_EvaluatesOnIt()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(0, "train", "--data", Fixture.Mini, "--test", Fixture.Mini, "--hash-bits", "10", "--output", folder.File("m.zip"));
        Assert.Contains("Held-out evaluation on", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("macro-F1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_LabelMapAndColumns_ReadsForeignCorpus()
    {
        using var folder = new TempFolder();
        var lines = Fixture.MiniLines.Skip(1).Select(line => line
            .Replace(",supportive,", ",FAVOR,", StringComparison.Ordinal)
            .Replace(",opposed,", ",AGAINST,", StringComparison.Ordinal)
            .Replace(",sceptical,", ",NONE,", StringComparison.Ordinal));
        var data = folder.Write("semeval.csv", "Tweet,Stance,stakeholder_group,register\n" + string.Join('\n', lines) + "\n");
        var result = Run.Expect(
            0, "train", "--data", data, "--text-column", "Tweet", "--label-column", "Stance",
            "--label-map", "FAVOR=supportive,AGAINST=opposed,NONE=sceptical", "--hash-bits", "10", "--folds", "0", "--output", folder.File("m.zip"));
        Assert.Contains("on 120 statements", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_MissingDataFile_ExitsOneNamingIt()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(1, "train", "--data", folder.File("missing.csv"), "--output", folder.File("m.zip"));
        Assert.Contains("missing.csv", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(folder.Files());
    }

    [Fact]
    public void Train_UnknownTextColumn_ExitsOneListingColumns()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(1, "train", "--data", Fixture.Mini, "--text-column", "body", "--output", folder.File("m.zip"));
        Assert.Contains("line 1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no column 'body'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'stakeholder_group'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_UnknownLabel_ExitsOneWithLineAndColumn()
    {
        using var folder = new TempFolder();
        var lines = Fixture.MiniLines.ToList();
        lines[3] = "We are not sure what to think.,maybe,analysts,op_ed";
        var data = folder.Write("bad.csv", string.Join('\n', lines) + "\n");
        var result = Run.Expect(1, "train", "--data", data, "--output", folder.File("m.zip"));
        Assert.Contains("bad.csv, line 4, column 'label'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'maybe'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["bad.csv"], folder.Files());
    }

    [Fact]
    public void Train_SkipInvalidRows_WarnsAndTrains()
    {
        using var folder = new TempFolder();
        var lines = Fixture.MiniLines.ToList();
        lines[3] = "We are not sure what to think.,maybe,analysts,op_ed";
        var data = folder.Write("bad.csv", string.Join('\n', lines) + "\n");
        var result = Run.Expect(0, "train", "--data", data, "--skip-invalid-rows", "--hash-bits", "10", "--folds", "0", "--output", folder.File("m.zip"));
        Assert.Contains("line 4, column 'label': skipped", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("on 119 statements", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--trainer", "random-forest", "not a trainer")]
    [InlineData("--trainer", "all", "not a trainer")]
    [InlineData("--hash-bits", "40", "--hash-bits")]
    [InlineData("--folds", "1", "--folds 1")]
    [InlineData("--label-map", "FAVOR=happy", "--label-map")]
    [InlineData("--delimiter", ";;", "--delimiter")]
    public void Train_InvalidOption_ExitsTwo(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var result = Run.Expect(2, "train", "--data", Fixture.Mini, "--output", folder.File("m.zip"), option, value);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(folder.Files());
    }

    [Fact]
    public void Train_MissingOutput_ExitsTwo()
    {
        var result = Run.Expect(2, "train", "--data", Fixture.Mini);
        Assert.Contains("--output", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_OutputFolderMissing_ExitsOneBeforeTraining()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(1, "train", "--data", Fixture.Mini, "--output", Path.Combine(folder.Path, "nope", "m.zip"));
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("train maxent", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SplitWithoutSplitColumn_ExitsOne()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(1, "train", "--data", Fixture.Mini, "--split", "train", "--output", folder.File("m.zip"));
        Assert.Contains("has no 'split' column", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_UnknownSplit_ExitsOneListingSplits()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(1, "train", "--data", Fixture.SplitCorpus, "--split", "dev", "--output", folder.File("m.zip"));
        Assert.Contains("no row has split 'dev'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("test, train", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_CancelledDuringFit_StopsPromptlyAndWritesNothing()
    {
        using var folder = new TempFolder();
        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        StanceKit.Tests.DedicatedCancel.After(cancellation, TimeSpan.FromMilliseconds(500));
        var result = Run.WithToken(
            string.Empty, cancellation.Token, "train", "--data", Fixture.Mini, "--output", folder.File("m.zip"),
            "--trainer", "fasttree", "--trees", "5000", "--hash-bits", "10", "--folds", "0");
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Empty(folder.Files());
    }

    [Fact]
    public void Train_UsesTfIdfByDefault_NoIdfWritesFormatOne()
    {
        var loaded = StanceClassifier.Load(Fixture.Model);
        Assert.True(loaded.Card.Trainer.Featurizer.InverseDocumentFrequency);
        Assert.Equal(2, loaded.Card.FormatVersion);
        Assert.Contains("sublinear TF-IDF", Run.Expect(0, "info", Fixture.Model).Stdout, StringComparison.Ordinal);

        using var folder = new TempFolder();
        var plain = folder.File("plain.zip");
        Run.Expect(0, "train", "--data", Fixture.Mini, "--output", plain, "--hash-bits", "12", "--folds", "0", "--no-idf");
        loaded = StanceClassifier.Load(plain);
        Assert.False(loaded.Card.Trainer.Featurizer.InverseDocumentFrequency);
        Assert.Equal(1, loaded.Card.FormatVersion);
        var info = Run.Expect(0, "info", plain).Stdout;
        Assert.Contains("sublinear TF", info, StringComparison.Ordinal);
        Assert.DoesNotContain("IDF", info, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ExistingModel_IsReplaced()
    {
        using var folder = new TempFolder();
        var model = folder.Write("m.zip", "old");
        Run.Expect(0, "train", "--data", Fixture.Mini, "--output", model, "--hash-bits", "10", "--folds", "0");
        Assert.Equal(120, StanceClassifier.Load(model).Card.TrainingRows);
        Assert.Equal(["m.zip"], folder.Files());
    }
}
