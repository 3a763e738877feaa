using BenchmarkDotNet.Attributes;

namespace StanceKit.Benchmarks;

/// <summary>10,000 statements: a PredictionEngine loop (the baseline) against StanceKit's parallel batch.</summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int Size = 10_000;
    private StanceClassifier model = null!;
    private Microsoft.ML.PredictionEngine<Training.FeatureRow, Training.ScoreRow> engine = null!;
    private string[] texts = [];

    [GlobalSetup]
    public void Setup()
    {
        model = StanceClassifier.Default;
        engine = model.CreateEngine();
        var corpus = Statements.Corpus();
        var random = new Random(42);
        texts = Enumerable.Range(0, Size).Select(_ => corpus[random.Next(corpus.Count)].Text).ToArray();
    }

    [Benchmark(Baseline = true)]
    public float MlNetPredictionEngineLoop()
    {
        var buffer = new Features.FeatureBuffer();
        var sum = 0f;
        foreach (var text in texts)
        {
            sum += engine.Predict(Training.MlNetBridge.ToRow(model.Featurizer, text, string.Empty, buffer)).Score[0];
        }

        return sum;
    }

    [Benchmark]
    public IReadOnlyList<StancePrediction> StanceKitPredictBatch() => model.PredictBatch(texts);
}
