using Microsoft.ML;
using Microsoft.ML.Data;
using System.Reflection;
using Microsoft.ML.Trainers;
using StanceKit.Features;
using StanceKit.Prediction;

namespace StanceKit.Training;

/// <summary>An input row of the ML.NET pipeline: features from <see cref="TextFeaturizer"/> and the label string.</summary>
internal sealed class FeatureRow
{
    public VBuffer<float> Features { get; set; }

    public string Label { get; set; } = string.Empty;
}

/// <summary>An output row of the ML.NET pipeline.</summary>
internal sealed class ScoreRow
{
    public float[] Score { get; set; } = [];

    public string PredictedLabel { get; set; } = string.Empty;
}

/// <summary>Everything StanceKit does with ML.NET: pipelines, fitting, weight export, saving and loading models.</summary>
internal static class MlNetBridge
{
    private sealed class LabelRow
    {
        public string Label { get; set; } = string.Empty;
    }

    public static SchemaDefinition InputSchema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    public static FeatureRow ToRow(TextFeaturizer featurizer, string text, string label, FeatureBuffer buffer)
    {
        var count = featurizer.Featurize(text, buffer);
        var values = buffer.Values.AsSpan(0, count).ToArray();
        var indices = buffer.Indices.AsSpan(0, count).ToArray();
        Array.Sort(indices, values); // ML.NET's sparse vectors need increasing indices.
        return new FeatureRow { Features = new VBuffer<float>(featurizer.Dimension, count, values, indices), Label = label };
    }

    /// <summary>
    /// Fits the pipeline: label strings to keys in <see cref="Stance"/> order (so Score[i] is the probability of stance i),
    /// the trainer, and keys back to label strings.
    /// </summary>
    public static ITransformer Fit(StanceTrainerOptions options, IReadOnlyList<FeatureRow> rows, int dimension, CancellationToken cancellationToken)
    {
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows, InputSchema(dimension));
        var keys = ml.Data.LoadFromEnumerable(StanceLabels.Names.Select(name => new LabelRow { Label = name }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", keyData: keys)
            .AppendCacheCheckpoint(ml)
            .Append(CreateTrainer(ml, options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        cancellationToken.ThrowIfCancellationRequested();
        using var registration = cancellationToken.Register(() => CancelExecution(ml));
        try
        {
            var model = pipeline.Fit(data);
            cancellationToken.ThrowIfCancellationRequested();
            return model;
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            throw new OperationCanceledException("Training was cancelled.", exception, cancellationToken);
        }
    }

    // ML.NET's trainers stop when the environment behind an MLContext is cancelled (its ICancelable, which 5.0.1 keeps
    // internal). Found once by reflection; if a future ML.NET moves it, cancellation still works between stages.
    private static readonly FieldInfo? EnvironmentField = typeof(MLContext)
        .GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
        .FirstOrDefault(f => f.FieldType.GetInterfaces().Any(i => i.Name == "ICancelable"));

    private static readonly MethodInfo? CancelMethod = EnvironmentField?.FieldType.GetInterfaces()
        .First(i => i.Name == "ICancelable").GetMethod("CancelExecution");

    private static void CancelExecution(MLContext ml)
    {
        if (EnvironmentField?.GetValue(ml) is { } environment)
        {
            CancelMethod?.Invoke(environment, null);
        }
    }

    private static IEstimator<ITransformer> CreateTrainer(MLContext ml, StanceTrainerOptions options)
    {
        var multiclass = ml.MulticlassClassification.Trainers;
        var binary = ml.BinaryClassification.Trainers;
        switch (options.Algorithm)
        {
            case StanceAlgorithm.MaximumEntropy:
                return multiclass.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    L1Regularization = 0,
                    L2Regularization = options.L2Regularization,
                    MaximumNumberOfIterations = options.MaximumIterations,
                    OptimizationTolerance = 1e-7f,
                    NumberOfThreads = 1,
                });
            case StanceAlgorithm.LinearSvm:
                return multiclass.OneVersusAll(
                    binary.LinearSvm(new LinearSvmTrainer.Options { NumberOfIterations = Math.Min(options.MaximumIterations, 50) }),
                    useProbabilities: true);
            case StanceAlgorithm.AveragedPerceptron:
                return multiclass.OneVersusAll(
                    binary.AveragedPerceptron(new AveragedPerceptronTrainer.Options { NumberOfIterations = Math.Min(options.MaximumIterations, 20) }),
                    useProbabilities: true);
            case StanceAlgorithm.FastTree:
                return multiclass.OneVersusAll(
                    binary.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
                    {
                        NumberOfTrees = options.NumberOfTrees,
                        NumberOfLeaves = options.NumberOfLeaves,
                        NumberOfThreads = 1,
                        Seed = options.Seed,
                    }),
                    useProbabilities: true);
            default:
                throw new StanceKitException($"Algorithm {options.Algorithm} is not supported.");
        }
    }

    /// <summary>Exports W and b of a maximum-entropy model, or returns <see langword="null"/> for other trainers.</summary>
    public static LinearWeights? ExportLinearWeights(ITransformer model, int dimension)
    {
        if (model is not IEnumerable<ITransformer> chain)
        {
            return null;
        }

        foreach (var transformer in chain)
        {
            if (transformer is MulticlassPredictionTransformer<MaximumEntropyModelParameters> maxEnt)
            {
                VBuffer<float>[] weights = [];
                maxEnt.Model.GetWeights(ref weights, out var classes);
                var biases = maxEnt.Model.GetBiases().ToArray();
                if (classes != StanceLabels.Count || biases.Length != StanceLabels.Count)
                {
                    throw new StanceKitException($"The trained model has {classes} classes; expected {StanceLabels.Count}.");
                }

                var interleaved = new float[dimension * StanceLabels.Count];
                for (var c = 0; c < classes; c++)
                {
                    foreach (var pair in weights[c].Items())
                    {
                        interleaved[(pair.Key * StanceLabels.Count) + c] = pair.Value;
                    }
                }

                return new LinearWeights(dimension, interleaved, biases);
            }
        }

        return null;
    }

    public static byte[] Save(ITransformer model, int dimension)
    {
        var ml = new MLContext(seed: 0);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), InputSchema(dimension)).Schema;
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }

    public static ITransformer Load(byte[] bytes)
    {
        var ml = new MLContext(seed: 0);
        using var stream = new MemoryStream(bytes, writable: false);
        return ml.Model.Load(stream, out _);
    }

    public static PredictionEngine<FeatureRow, ScoreRow> CreateEngine(ITransformer model, int dimension)
    {
        var ml = new MLContext(seed: 0);
        return ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(model, ignoreMissingColumns: true, inputSchemaDefinition: InputSchema(dimension));
    }
}
