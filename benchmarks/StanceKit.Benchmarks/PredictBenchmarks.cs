using BenchmarkDotNet.Attributes;
using StanceKit.Features;

namespace StanceKit.Benchmarks;

/// <summary>
/// One statement, three ways: ML.NET's PredictionEngine over ML.NET's own text featurizer and the same trainer on the same
/// data (the baseline: what an ML.NET user builds), ML.NET's PredictionEngine over StanceKit's model (same features, same
/// weights: the reference the fast path is tested against), and StanceKit's allocation-free fast path.
/// </summary>
[MemoryDiagnoser]
public abstract class PredictBenchmarks
{
    private StanceClassifier model = null!;
    private Microsoft.ML.PredictionEngine<Training.FeatureRow, Training.ScoreRow> engine = null!;
    private Microsoft.ML.PredictionEngine<NativeMlNet.Input, NativeMlNet.Output> native = null!;
    private readonly NativeMlNet.Input input = new();
    private readonly FeatureBuffer buffer = new();

    /// <summary>Gets the statement of this suite.</summary>
    protected abstract string Statement { get; }

    [GlobalSetup]
    public void Setup()
    {
        model = StanceClassifier.Default;
        engine = model.CreateEngine();
        native = NativeMlNet.CreateEngine();
        input.Text = Statement;
    }

    /// <summary>ML.NET end to end: FeaturizeText + maximum entropy, PredictionEngine.Predict.</summary>
    [Benchmark(Baseline = true)]
    public float MlNetTextPipeline() => native.Predict(input).Score[0];

    /// <summary>StanceKit's model through ML.NET: StanceKit's featurizer into a new VBuffer, then PredictionEngine.Predict.</summary>
    [Benchmark]
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
