using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace StanceKit.Benchmarks;

/// <summary>Loading the default model: StanceKit's loader (manifest, hashes, weights) against ML.NET's Model.Load of the same model.</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private byte[] file = [];
    private byte[] mlnet = [];

    [GlobalSetup]
    public void Setup()
    {
        using var stream = new MemoryStream();
        StanceClassifier.Default.Save(stream);
        file = stream.ToArray();
        mlnet = Models.ModelFile.Read(new MemoryStream(file), "default").MlNetModel;
    }

    [Benchmark(Baseline = true)]
    public object MlNetModelLoad() => Training.MlNetBridge.Load(mlnet);

    [Benchmark]
    public StanceClassifier StanceKitLoad() => StanceClassifier.Load(new MemoryStream(file));
}

/// <summary>Training on the train split of the corpus: seconds per run, so a few single runs instead of a statistical loop.</summary>
[MemoryDiagnoser]
[Config(typeof(TrainConfig))]
public class TrainBenchmarks
{
    private List<LabeledStatement> train = [];

    [Params(StanceAlgorithm.MaximumEntropy, StanceAlgorithm.AveragedPerceptron)]
    public StanceAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup() => train = Statements.Corpus().Where(s => s.Split == "train").ToList();

    [Benchmark]
    public StanceClassifier Train() => new StanceTrainer(new StanceTrainerOptions { Algorithm = Algorithm }).Train(train);

    private sealed class TrainConfig : ManualConfig
    {
        public TrainConfig() => AddJob(Job.Dry.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(1).WithIterationCount(3).WithId("Train"));
    }
}
