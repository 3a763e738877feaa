using Microsoft.ML;
using StanceKit.Training;

namespace StanceKit.Tests.Training;

public class StanceTrainerTests
{
    [Theory]
    [InlineData(StanceAlgorithm.MaximumEntropy, 0.55)]
    [InlineData(StanceAlgorithm.LinearSvm, 0.50)]
    [InlineData(StanceAlgorithm.AveragedPerceptron, 0.50)]
    [InlineData(StanceAlgorithm.FastTree, 0.30)]
    public void CrossValidate_EachAlgorithm_BeatsChance(StanceAlgorithm algorithm, double minimumMacroF1)
    {
        var options = new StanceTrainerOptions { Algorithm = algorithm, Featurizer = new FeaturizerOptions { HashBits = algorithm == StanceAlgorithm.FastTree ? 12 : 18 }, NumberOfTrees = 20 };
        var report = new StanceTrainer(options).CrossValidate(Fixture.Mini, folds: 3);
        Assert.Equal(3, report.Folds.Count);
        Assert.Equal(Fixture.Mini.Count, report.Pooled.Count);
        Assert.True(report.MacroF1Mean >= minimumMacroF1, $"{algorithm}: macro-F1 {report.MacroF1Mean:F3}");
    }

    [Fact]
    public void Train_SameSeedAndData_SameModel()
    {
        var first = new StanceTrainer().Train(Fixture.Mini);
        var second = new StanceTrainer().Train(Fixture.Mini);
        Assert.Equal(first.Linear!.ToBytes(), second.Linear!.ToBytes());
        Assert.Equal(first.Card.CorpusSha256, second.Card.CorpusSha256);
    }

    [Theory]
    [InlineData(StanceAlgorithm.AveragedPerceptron)]
    [InlineData(StanceAlgorithm.LinearSvm)]
    [InlineData(StanceAlgorithm.FastTree)]
    public void Train_OtherAlgorithmsSameSeed_SamePredictions(StanceAlgorithm algorithm)
    {
        var options = new StanceTrainerOptions { Algorithm = algorithm, NumberOfTrees = 10, Featurizer = new FeaturizerOptions { HashBits = 12 } };
        var first = new StanceTrainer(options).Train(Fixture.Mini);
        var second = new StanceTrainer(options).Train(Fixture.Mini);
        var texts = Fixture.Mini.Select(s => s.Text).ToList();
        Assert.Equal(first.PredictBatch(texts), second.PredictBatch(texts));
    }

    [Fact]
    public void Train_Card_DescribesTraining()
    {
        var model = Fixture.Model;
        Assert.Equal(Fixture.Mini.Count, model.Card.TrainingRows);
        Assert.Equal(64, model.Card.CorpusSha256.Length);
        Assert.Equal(StanceAlgorithm.MaximumEntropy, model.Card.Trainer.Algorithm);
        Assert.Null(model.Card.Metrics);
        Assert.True(model.HasFastScorer);
    }

    [Fact]
    public void Train_ReportsProgressToCompletion()
    {
        var reports = new List<TrainingProgress>();
        new StanceTrainer().Train(Fixture.Mini, new SynchronousProgress(reports.Add));
        Assert.Contains(reports, r => r.Stage == "featurize");
        Assert.Contains(reports, r => r.Stage.StartsWith("train", StringComparison.Ordinal));
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Completed <= p.Second.Completed));
        Assert.All(reports.Where(r => r.Stage == "featurize"), r => Assert.InRange(r.Fraction, 0, 0.1));
    }

    [Fact]
    public void Train_CancelledToken_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new StanceTrainer().Train(Fixture.Mini, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Train_CancelledDuringFit_StopsPromptly()
    {
        // 5,000 boosted trees per class would take minutes; cancellation must reach into ML.NET's training loop.
        // The cancel comes from a dedicated thread once the fit begins (see DedicatedCancel for why not a timer).
        using var cancellation = new CancellationTokenSource();
        var clock = new System.Diagnostics.Stopwatch();
        var progress = new SynchronousProgress(report =>
        {
            if (report.Stage.StartsWith("train", StringComparison.Ordinal) && !clock.IsRunning)
            {
                clock.Start();
                DedicatedCancel.After(cancellation, TimeSpan.FromMilliseconds(300));
            }
        });
        var options = new StanceTrainerOptions { Algorithm = StanceAlgorithm.FastTree, NumberOfTrees = 5_000, Featurizer = new FeaturizerOptions { HashBits = 12 } };
        Assert.ThrowsAny<OperationCanceledException>(() => new StanceTrainer(options).Train(Fixture.Mini, progress, cancellation.Token));
        Assert.True(clock.IsRunning, "the fit never started");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"cancellation took {clock.Elapsed}");
    }

    [Fact]
    public void Train_MissingStance_Throws()
    {
        var corpus = Fixture.Mini.Where(s => s.Label != Stance.Opposed);
        var error = Assert.Throws<StanceKitException>(() => new StanceTrainer().Train(corpus));
        Assert.Contains("opposed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_EmptyCorpus_Throws() => Assert.Throws<StanceKitException>(() => new StanceTrainer().Train([]));

    [Fact]
    public void Train_NullCorpus_Throws() => Assert.Throws<ArgumentNullException>(() => new StanceTrainer().Train(null!));

    [Fact]
    public void Options_Invalid_ListsEveryProblem()
    {
        var options = new StanceTrainerOptions { L2Regularization = -1, MaximumIterations = 0, NumberOfLeaves = 1, Featurizer = new FeaturizerOptions { HashBits = 3 } };
        var error = Assert.Throws<StanceKitException>(() => new StanceTrainer(options));
        Assert.Contains("L2Regularization", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaximumIterations", error.Message, StringComparison.Ordinal);
        Assert.Contains("NumberOfLeaves", error.Message, StringComparison.Ordinal);
        Assert.Contains("HashBits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreDocumentedValues()
    {
        var options = new StanceTrainerOptions();
        Assert.Equal((1, StanceAlgorithm.MaximumEntropy, 0.01f, 200), (options.Seed, options.Algorithm, options.L2Regularization, options.MaximumIterations));
        Assert.True(options.Featurizer.InverseDocumentFrequency);
    }

    [Fact]
    public void CrossValidate_TooFewFolds_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StanceTrainer().CrossValidate(Fixture.Mini, folds: 1));

    [Fact]
    public void CrossValidateByGroup_HoldsOutEachGroup()
    {
        var groups = Fixture.Mini.Select(s => s.Register).Distinct().Count();
        var report = new StanceTrainer().CrossValidateByGroup(Fixture.Mini, s => s.Register);
        Assert.Equal(groups, report.Folds.Count);
        Assert.Equal(Fixture.Mini.Count, report.Folds.Sum(f => f.Count));
    }

    [Fact]
    public void LabelKeys_ScoreIndexMatchesPredictedLabel()
    {
        // ML.NET trap: key types are 0-based in inputs but 1-based when read back. Check that Score[i] is stance i
        // by comparing the argmax of Score with ML.NET's own PredictedLabel string for every training statement.
        var model = Fixture.Model;
        var engine = model.CreateEngine();
        var buffer = new StanceKit.Features.FeatureBuffer();
        foreach (var statement in Fixture.Mini)
        {
            var row = MlNetBridge.ToRow(model.Featurizer, statement.Text, string.Empty, buffer);
            var output = engine.Predict(row);
            var argmax = Array.IndexOf(output.Score, output.Score.Max());
            Assert.Equal(StanceLabels.Names[argmax], output.PredictedLabel);
        }
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
