using BenchmarkDotNet.Attributes;
using StanceKit.Features;

namespace StanceKit.Benchmarks;

/// <summary>
/// Where the typical statement's time goes. Predict featurizes and scores in one pass (TextFeaturizer.TryScore);
/// Featurize writes the normalised vector out instead (what training, Explain and the ML.NET path use), so the two are
/// close, and the variants without char n-grams or without cues show what those cost.
/// </summary>
[MemoryDiagnoser]
public class HotPathBreakdownBenchmarks
{
    private StanceClassifier model = null!;
    private TextFeaturizer featurizer = null!;
    private readonly FeatureBuffer buffer = new();
    private TextFeaturizer noChars = null!;
    private TextFeaturizer noCues = null!;

    [GlobalSetup]
    public void Setup()
    {
        model = StanceClassifier.Default;
        featurizer = model.Featurizer;
    }

    /// <summary>The whole call, as in TypicalStatementBenchmarks.</summary>
    [Benchmark(Baseline = true)]
    public StancePrediction Predict() => model.Predict(Statements.TypicalText);

    /// <summary>The featurizer alone.</summary>
    [Benchmark]
    public int Featurize() => featurizer.Featurize(Statements.TypicalText, buffer);

    [GlobalSetup(Target = nameof(FeaturizeNoChars) + "," + nameof(FeaturizeNoCues))]
    public void SetupVariants()
    {
        Setup();
        noChars = new TextFeaturizer(featurizer.Options with { CharNgramMinLength = 0, CharNgramMaxLength = 0 }, featurizer.InverseDocumentFrequency);
        noCues = new TextFeaturizer(featurizer.Options with { StanceCueWeight = 0 }, featurizer.InverseDocumentFrequency);
    }

    /// <summary>The featurizer without character n-grams: the difference to Featurize is their cost.</summary>
    [Benchmark]
    public int FeaturizeNoChars() => noChars.Featurize(Statements.TypicalText, buffer);

    /// <summary>The featurizer without stance cues: the difference to Featurize is the lexicon's cost.</summary>
    [Benchmark]
    public int FeaturizeNoCues() => noCues.Featurize(Statements.TypicalText, buffer);
}
