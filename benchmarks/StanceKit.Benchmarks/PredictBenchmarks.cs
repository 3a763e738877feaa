using BenchmarkDotNet.Attributes;
using StanceKit.Features;

namespace StanceKit.Benchmarks;

/// <summary>One statement, classified by ML.NET's PredictionEngine (the baseline) and by StanceKit's fast path, on the same model.</summary>
[MemoryDiagnoser]
public abstract class PredictBenchmarks
{
    private StanceClassifier model = null!;
    private Microsoft.ML.PredictionEngine<Training.FeatureRow, Training.ScoreRow> engine = null!;
    private readonly FeatureBuffer buffer = new();

    /// <summary>Gets the statement of this suite.</summary>
    protected abstract string Statement { get; }

    [GlobalSetup]
    public void Setup()
    {
        model = StanceClassifier.Default;
        engine = model.CreateEngine();
    }

    /// <summary>The ML.NET way: featurize into a new VBuffer, then PredictionEngine.Predict.</summary>
    [Benchmark(Baseline = true)]
    public float MlNetPredictionEngine()
    {
        var row = Training.MlNetBridge.ToRow(model.Featurizer, Statement, string.Empty, buffer);
        return engine.Predict(row).Score[0];
    }

    /// <summary>StanceKit: the same featurizer into per-thread buffers, then softmax(W·x + b) over the exported weights.</summary>
    [Benchmark]
    public StancePrediction StanceKitPredict() => model.Predict(Statement);
}

public class ShortStatementBenchmarks : PredictBenchmarks
{
    protected override string Statement => Statements.ShortText;
}

public class TypicalStatementBenchmarks : PredictBenchmarks
{
    protected override string Statement => Statements.TypicalText;
}

public class LongStatementBenchmarks : PredictBenchmarks
{
    protected override string Statement => Statements.LongText;
}
