using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using StanceKit;

// Measures StanceKit (public API only) and a plain ML.NET text pipeline on the corpus's train/test split, for
// benchmarks/peers/run.sh, which runs the Python and fastText peers and prints one table. One JSON file per system:
//   dotnet run -c Release --project benchmarks/StanceKit.PeerHarness -- --data data/statements.csv --out /tmp/peers
var settings = Settings.Parse(args);
Directory.CreateDirectory(settings.Out);
var corpus = StanceCorpus.ReadCsv(settings.Data).Statements;
var train = corpus.Where(s => s.Split == "train").ToList();
var test = corpus.Where(s => s.Split == "test").ToList();
var testTexts = test.Select(s => s.Text).ToArray();

// Optional: real statements for evaluation only (never trained or tuned on); see run.sh.
var realDev = settings.RealDev is { } realDevPath && File.Exists(realDevPath) ? StanceCorpus.ReadCsv(realDevPath).Statements : [];
var realDevTexts = realDev.Select(s => s.Text).ToArray();
Console.WriteLine($"corpus: {corpus.Count} statements, train {train.Count}, test {test.Count}; {Environment.ProcessorCount} cores");

if (settings.Systems.Contains("stancekit"))
{
    RunStanceKit();
}

if (settings.Systems.Contains("mlnet"))
{
    RunMlNet();
}

void RunStanceKit()
{
    var options = new StanceTrainerOptions();
    var watch = Stopwatch.StartNew();
    var model = new StanceTrainer(options).Train(train);
    var trainSeconds = watch.Elapsed.TotalSeconds;
    var predictions = testTexts.Select(t => StanceLabels.ToLabel(model.Predict(t).Stance)).ToArray();
    var latency = Measure.Latency(testTexts, t => model.Predict(t).Confidence, settings.Passes);
    var batch = Measure.Throughput(testTexts.Length, () => model.PredictBatch(testTexts).Count, settings.Repeats);
    Report.Write(settings.Out, new Result
    {
        System = "StanceKit fast path",
        Config = $"new StanceTrainerOptions(): {options.Algorithm}, L2 {options.L2Regularization.ToString(CultureInfo.InvariantCulture)}, word 1-{options.Featurizer.WordNgramLength} + char {options.Featurizer.CharNgramMinLength}-{options.Featurizer.CharNgramMaxLength} grams + stance cues, 2^{options.Featurizer.HashBits} slots, {(options.Featurizer.InverseDocumentFrequency ? "sublinear TF-IDF" : "sublinear TF")}",
        TrainSeconds = trainSeconds,
        LatencyMedianMicroseconds = latency.Median,
        LatencyP90Microseconds = latency.P90,
        ThroughputPerSecond = batch,
        BatchMethod = $"PredictBatch (Parallel.For, {Environment.ProcessorCount} threads)",
        MacroF1 = Metrics.MacroF1(test.Select(s => StanceLabels.ToLabel(s.Label)).ToArray(), predictions),
        Predictions = Metrics.ById(test, predictions),
        RealDevPredictions = Metrics.ById(realDev, realDevTexts.Select(t => StanceLabels.ToLabel(model.Predict(t).Stance)).ToArray()),
    });
}

void RunMlNet()
{
    // Light tuning of the character n-gram length on a validation slice of train (never on test).
    var (subTrain, validation) = StanceCorpus.SplitStratified(train, 0.2, seed: 1);
    var bestLength = 0;
    var bestF1 = -1.0;
    var tuning = new List<string>();
    foreach (var charLength in new[] { 3, 4, 5 })
    {
        var candidate = MlNetPeer.Fit(subTrain, charLength);
        var f1 = Metrics.MacroF1(
            validation.Select(s => StanceLabels.ToLabel(s.Label)).ToArray(),
            MlNetPeer.PredictAll(candidate, validation.Select(s => s.Text).ToArray()));
        tuning.Add($"char {charLength}: {f1.ToString("F3", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"ML.NET tuning: char {charLength}-grams, validation macro-F1 {f1:F3}");
        if (f1 > bestF1)
        {
            bestF1 = f1;
            bestLength = charLength;
        }
    }

    var watch = Stopwatch.StartNew();
    var model = MlNetPeer.Fit(train, bestLength);
    var trainSeconds = watch.Elapsed.TotalSeconds;
    var predictions = MlNetPeer.PredictAll(model, testTexts);

    var engine = model.Context.Model.CreatePredictionEngine<MlNetPeer.Input, MlNetPeer.Output>(model.Transformer);
    var latency = Measure.Latency(testTexts, t => engine.Predict(new MlNetPeer.Input { Text = t }).Score[0], settings.Passes);

    // Batch: the better of ML.NET's own Transform over an IDataView and one PredictionEngine per thread in Parallel.For.
    var transform = Measure.Throughput(testTexts.Length, () => MlNetPeer.PredictAll(model, testTexts).Length, settings.Repeats);
    using var engines = new ThreadLocal<PredictionEngine<MlNetPeer.Input, MlNetPeer.Output>>(
        () => model.Context.Model.CreatePredictionEngine<MlNetPeer.Input, MlNetPeer.Output>(model.Transformer));
    var results = new string[testTexts.Length];
    var parallel = Measure.Throughput(
        testTexts.Length,
        () =>
        {
            Parallel.For(0, testTexts.Length, i => results[i] = engines.Value!.Predict(new MlNetPeer.Input { Text = testTexts[i] }).PredictedLabel);
            return results.Length;
        },
        settings.Repeats);
    Report.Write(settings.Out, new Result
    {
        System = "ML.NET PredictionEngine (FeaturizeText + LbfgsMaximumEntropy)",
        Config = $"FeaturizeText word 1-2 grams + char {bestLength}-grams (lower case, no diacritics, L2), LbfgsMaximumEntropy L1 0, L2 0.03; char length tuned on a 20% slice of train ({string.Join(", ", tuning)})",
        TrainSeconds = trainSeconds,
        LatencyMedianMicroseconds = latency.Median,
        LatencyP90Microseconds = latency.P90,
        ThroughputPerSecond = Math.Max(transform, parallel),
        BatchMethod = parallel >= transform
            ? $"a PredictionEngine per thread in Parallel.For ({Environment.ProcessorCount} threads); Transform over an IDataView: {transform:F0}/s"
            : $"Transform over an IDataView; a PredictionEngine per thread in Parallel.For: {parallel:F0}/s",
        MacroF1 = Metrics.MacroF1(test.Select(s => StanceLabels.ToLabel(s.Label)).ToArray(), predictions),
        Predictions = Metrics.ById(test, predictions),
        RealDevPredictions = Metrics.ById(realDev, realDevTexts.Length == 0 ? [] : MlNetPeer.PredictAll(model, realDevTexts)),
    });
}

/// <summary>The command line.</summary>
internal sealed record Settings(string Data, string Out, int Passes, int Repeats, HashSet<string> Systems, string? RealDev)
{
    public static Settings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new Settings(
            Value("--data", Path.Combine("data", "statements.csv")),
            Value("--out", Path.Combine(Path.GetTempPath(), "stancekit-peers")),
            int.Parse(Value("--passes", "5"), CultureInfo.InvariantCulture),
            int.Parse(Value("--repeats", "20"), CultureInfo.InvariantCulture),
            Value("--systems", "stancekit,mlnet").Split(',').ToHashSet(StringComparer.Ordinal),
            Array.IndexOf(args, "--realdev") >= 0 ? Value("--realdev", string.Empty) : null);
    }
}

/// <summary>What one system measured; written as JSON for run.sh.</summary>
internal sealed class Result
{
    public string System { get; init; } = string.Empty;

    public string Config { get; init; } = string.Empty;

    public double MacroF1 { get; init; }

    public double LatencyMedianMicroseconds { get; init; }

    public double LatencyP90Microseconds { get; init; }

    public double ThroughputPerSecond { get; init; }

    public string BatchMethod { get; init; } = string.Empty;

    public double TrainSeconds { get; init; }

    public Dictionary<string, string> Predictions { get; init; } = [];

    public Dictionary<string, string> RealDevPredictions { get; init; } = [];
}

internal static class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string directory, Result result)
    {
        var name = result.System.StartsWith("StanceKit", StringComparison.Ordinal) ? "stancekit" : "mlnet";
        File.WriteAllText(Path.Combine(directory, name + ".json"), JsonSerializer.Serialize(result, Json));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.System}: macro-F1 {result.MacroF1:F3}, latency median {result.LatencyMedianMicroseconds:F1} µs (p90 {result.LatencyP90Microseconds:F1}), batch {result.ThroughputPerSecond:F0}/s, training {result.TrainSeconds:F1} s"));
    }
}

internal static class Measure
{
    /// <summary>Per-call latency of single statements on this one thread: warm-up for a second, then every test statement timed alone, several passes.</summary>
    public static (double Median, double P90) Latency(string[] texts, Func<string, float> call, int passes)
    {
        var sink = 0f;
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1000)
        {
            foreach (var text in texts)
            {
                sink += call(text);
            }
        }

        var samples = new double[texts.Length * passes];
        var n = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var text in texts)
            {
                var start = Stopwatch.GetTimestamp();
                sink += call(text);
                samples[n++] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        GC.KeepAlive(sink);
        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[(int)(samples.Length * 0.9)]);
    }

    /// <summary>Statements per second over the whole test set: the median of several timed runs after two warm-up runs.</summary>
    public static double Throughput(int count, Func<int> run, int repeats)
    {
        run();
        run();
        var rates = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            rates[i] = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Array.Sort(rates);
        return rates[repeats / 2];
    }
}

internal static class Metrics
{
    public static double MacroF1(string[] gold, string[] predicted)
    {
        var total = 0.0;
        foreach (var label in StanceLabels.Names)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < gold.Length; i++)
            {
                var g = gold[i] == label;
                var p = predicted[i] == label;
                tp += g && p ? 1 : 0;
                fp += !g && p ? 1 : 0;
                fn += g && !p ? 1 : 0;
            }

            total += tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
        }

        return total / StanceLabels.Names.Count;
    }

    public static Dictionary<string, string> ById(IReadOnlyList<LabeledStatement> items, string[] predictions) =>
        items.Select((s, i) => (Id: s.Id ?? $"line{s.Line}", Label: predictions[i])).ToDictionary(p => p.Id, p => p.Label, StringComparer.Ordinal);
}

/// <summary>What an ML.NET user would build: FeaturizeText over the raw text, then maximum entropy.</summary>
internal static class MlNetPeer
{
    public static (MLContext Context, ITransformer Transformer) Fit(IReadOnlyList<LabeledStatement> items, int charLength)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(items.Select(s => new Input { Text = s.Text, Label = StanceLabels.ToLabel(s.Label) }));
        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = charLength, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", text, nameof(Input.Text)))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L1Regularization = 0,
                L2Regularization = 0.03f,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return (ml, pipeline.Fit(data));
    }

    /// <summary>Scores many statements with ML.NET's batch API: Transform over an IDataView, then read the column.</summary>
    public static string[] PredictAll((MLContext Context, ITransformer Transformer) model, string[] texts)
    {
        var data = model.Context.Data.LoadFromEnumerable(texts.Select(t => new Input { Text = t }));
        return model.Transformer.Transform(data).GetColumn<string>("PredictedLabel").ToArray();
    }

    public sealed class Input
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    public sealed class Output
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = string.Empty;
    }
}
