using System.Diagnostics;

namespace StanceKit.Tests.Hardening;

/// <summary>
/// Issue 7, training: degenerate corpora get a clear error or a correct model; 100,000 rows train in bounded time;
/// cancellation stops featurizing and fitting; a model file is written whole or not at all. Counts: docs/RELIABILITY.md.
/// </summary>
public class TrainingEdgeCaseTests
{
    /// <summary>The rows of the large corpus.</summary>
    public const int LargeRows = 100_000;

    private static readonly Lazy<IReadOnlyList<LabeledStatement>> Large = new(() => Synthetic(LargeRows, seed: 5));

    private static readonly StanceTrainerOptions Small = new() { Featurizer = new FeaturizerOptions { HashBits = 14 } };

    private static LabeledStatement Row(string text, Stance label) => new(text, label);

    /// <summary>Distinct statements built from the fixture's, each with its label, shuffled words at the end and a number.</summary>
    private static List<LabeledStatement> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        var mini = Fixture.Mini;
        var rows = new List<LabeledStatement>(count);
        for (var i = 0; i < count; i++)
        {
            var source = mini[random.Next(mini.Count)];
            var other = mini[random.Next(mini.Count)].Text.Split(' ');
            rows.Add(new LabeledStatement($"{source.Text} {other[random.Next(other.Length)]} item{i % 997}", source.Label));
        }

        return rows;
    }

    [Theory]
    [InlineData(Stance.Supportive)]
    [InlineData(Stance.Sceptical)]
    [InlineData(Stance.Opposed)]
    public void TrainAndCrossValidate_LabelWithNoExamples_ThrowNamingIt(Stance missing)
    {
        var corpus = Fixture.Mini.Where(s => s.Label != missing).ToList();
        var trainer = new StanceTrainer(Small);
        var name = StanceLabels.ToLabel(missing);
        Assert.Contains(name, Assert.Throws<StanceKitException>(() => trainer.Train(corpus)).Message, StringComparison.Ordinal);
        Assert.Contains(name, Assert.Throws<StanceKitException>(() => trainer.CrossValidate(corpus, 3)).Message, StringComparison.Ordinal);
        Assert.Contains(name, Assert.Throws<StanceKitException>(() => trainer.CrossValidateByGroup(corpus, s => s.Register)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_OneExamplePerLabel_LearnsEach()
    {
        LabeledStatement[] corpus =
        [
            Row("We welcome the Kenyan officers and thank them", Stance.Supportive),
            Row("Nobody knows who will pay or how long it lasts", Stance.Sceptical),
            Row("Bring the police home and end this occupation", Stance.Opposed),
        ];
        var model = new StanceTrainer(Small).Train(corpus);
        Assert.Equal(3, model.Card.TrainingRows);
        foreach (var statement in corpus)
        {
            var prediction = model.Predict(statement.Text);
            HardeningFixture.AssertValid(prediction, statement.Text);
            Assert.Equal(statement.Label, prediction.Stance);
        }
    }

    [Fact]
    public void CrossValidate_OneExamplePerLabel_EachFoldLacksALabelYetReportsHonestly()
    {
        LabeledStatement[] corpus =
        [
            Row("We welcome the Kenyan officers", Stance.Supportive),
            Row("Nobody knows who will pay", Stance.Sceptical),
            Row("Bring the police home", Stance.Opposed),
        ];
        var report = new StanceTrainer(Small).CrossValidate(corpus, folds: 3);
        Assert.Equal(3, report.Folds.Count);
        Assert.Equal(3, report.Pooled.Count);
        Assert.InRange(report.Pooled.Accuracy, 0, 1);
        Assert.True(double.IsFinite(report.Pooled.LogLoss));
    }

    [Fact]
    public void Train_AllTextsIdenticalBalanced_PredictsNearUniform()
    {
        var corpus = StanceLabels.All.SelectMany(label => Enumerable.Repeat(Row("The officers arrived today", label), 10)).ToList();
        var prediction = new StanceTrainer(Small).Train(corpus).Predict("The officers arrived today");
        HardeningFixture.AssertValid(prediction, "identical");
        Assert.All([prediction.Probabilities.Supportive, prediction.Probabilities.Sceptical, prediction.Probabilities.Opposed], p => Assert.InRange(p, 0.30f, 0.37f));
        Assert.True(prediction.IsLowConfidence);
    }

    [Fact]
    public void Train_AllTextsIdenticalUnbalanced_PredictsTheMajority()
    {
        var corpus = Enumerable.Repeat(Row("The officers arrived today", Stance.Supportive), 20)
            .Concat(Enumerable.Repeat(Row("The officers arrived today", Stance.Sceptical), 5))
            .Concat(Enumerable.Repeat(Row("The officers arrived today", Stance.Opposed), 5)).ToList();
        var prediction = new StanceTrainer(Small).Train(corpus).Predict("The officers arrived today");
        Assert.Equal(Stance.Supportive, prediction.Stance);
        Assert.InRange(prediction.Confidence, 0.55f, 0.75f);
    }

    [Fact]
    public void Train_NoTextHasAWord_GivesAValidModel()
    {
        // Punctuation-only statements have no features; the model learns the label balance and every prediction is valid.
        var corpus = StanceLabels.All.SelectMany(label => Enumerable.Repeat(Row("!!! ... ???", label), 3)).ToList();
        var model = new StanceTrainer(Small).Train(corpus);
        HardeningFixture.AssertValid(model.Predict("Kenya must send more officers"), "words");
        Assert.Equal(StancePrediction.NoSignal, model.Predict("!!!"));
    }

    [Fact]
    public void Train_HundredThousandRows_TrainsInBoundedTime()
    {
        var corpus = Large.Value;
        var stages = new List<(string Stage, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        var progress = new SynchronousProgress(p => stages.Add((p.Stage, clock.Elapsed)));
        var model = new StanceTrainer(new StanceTrainerOptions { MaximumIterations = 10 }).Train(corpus, progress);
        clock.Stop();
        Assert.Equal(LargeRows, model.Card.TrainingRows);
        Assert.True(model.HasFastScorer);
        var sample = corpus.Take(2_000).ToList();
        var report = model.Evaluate(sample);
        var timeline = string.Join(", ", stages.DistinctBy(s => s.Stage).Select(s => $"{s.Stage} at {s.At.TotalSeconds:F1}s"));
        Assert.True(report.Accuracy > 0.8, $"training accuracy {report.Accuracy:F3}");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"trained in {clock.Elapsed} ({timeline})");
    }

    [Fact]
    public void Train_CancelledWhileFeaturizing_StopsWithinAFewHundredRows()
    {
        using var cancellation = new CancellationTokenSource();
        var featurizeReports = 0;
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == "featurize" && ++featurizeReports == 2)
            {
                cancellation.Cancel();
            }
        });
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => new StanceTrainer().Train(Large.Value, progress, cancellation.Token));
        Assert.Equal(2, featurizeReports);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cancelled after {clock.Elapsed}");
    }

    [Fact]
    public void Train_CancelledDuringMaximumEntropyFit_StopsPromptly()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelledAt = Stopwatch.StartNew();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage.StartsWith("train", StringComparison.Ordinal))
            {
                // The fit starts right after this report; cancel from another thread while it runs.
                DedicatedCancel.After(cancellation, TimeSpan.FromMilliseconds(500));
                cancelledAt.Restart();
            }
        });
        var options = new StanceTrainerOptions { MaximumIterations = 100_000, L2Regularization = 0 };
        Assert.ThrowsAny<OperationCanceledException>(() => new StanceTrainer(options).Train(Large.Value, progress, cancellation.Token));
        Assert.True(cancelledAt.Elapsed < TimeSpan.FromSeconds(30), $"stopped {cancelledAt.Elapsed} after the fit started");
    }

    [Fact]
    public void Save_DestinationCannotBeReplaced_LeavesNoFileBehind()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stancekit-save-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var blocked = Path.Combine(folder, "model.zip");
            Directory.CreateDirectory(blocked); // a folder where the file should go: the final rename fails
            Assert.ThrowsAny<IOException>(() => Fixture.Model.Save(blocked));
            Assert.Equal(["model.zip"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Save_ExistingModelReplacedWhole_LoadsTheNewOne()
    {
        var path = Fixture.TempFile(".zip");
        try
        {
            File.WriteAllText(path, "an older, broken file");
            Fixture.Model.Save(path);
            Assert.Equal(Fixture.Model.Predict("Kenya must stay"), StanceClassifier.Load(path).Predict("Kenya must stay"));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
