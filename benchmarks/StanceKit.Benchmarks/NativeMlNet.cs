using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace StanceKit.Benchmarks;

/// <summary>
/// The model an ML.NET user would build without StanceKit: ML.NET's own text featurizer (word 1-2 grams + char 5-grams,
/// L2, like StanceKit's n-grams) and the same maximum-entropy trainer on the same train split, served by PredictionEngine.
/// Trained once and cached in the temp folder (keyed by the corpus size), since training it takes a while.
/// </summary>
public static class NativeMlNet
{
    public sealed class Input
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    public sealed class Output
    {
        public float[] Score { get; set; } = [];
    }

    public static PredictionEngine<Input, Output> CreateEngine()
    {
        var ml = new MLContext(seed: 1);
        var train = Statements.Corpus().Where(s => s.Split == "train").ToList();
        var cache = Path.Combine(Path.GetTempPath(), $"stancekit-bench-native-{train.Count}.zip");
        ITransformer model;
        if (File.Exists(cache))
        {
            model = ml.Model.Load(cache, out _);
        }
        else
        {
            var data = ml.Data.LoadFromEnumerable(train.Select(s => new Input { Text = s.Text, Label = StanceLabels.ToLabel(s.Label) }));
            var text = new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 5, UseAllLengths = false },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            };
            var pipeline = ml.Transforms.Text.FeaturizeText("Features", text, nameof(Input.Text))
                .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .AppendCacheCheckpoint(ml)
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    L1Regularization = 0,
                    L2Regularization = 0.03f,
                    NumberOfThreads = 1,
                }));
            model = pipeline.Fit(data);
            ml.Model.Save(model, data.Schema, cache);
        }

        return ml.Model.CreatePredictionEngine<Input, Output>(model);
    }
}
