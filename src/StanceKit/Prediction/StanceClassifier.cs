using System.Collections.Concurrent;
using Microsoft.ML;
using StanceKit.Features;
using StanceKit.Models;
using StanceKit.Prediction;
using StanceKit.Training;

namespace StanceKit;

/// <summary>A trained stance model: classifies statements, evaluates on labelled sets, saves and loads itself.</summary>
/// <remarks>
/// <para>Instances are immutable and safe to share between any number of threads: the fast linear scorer reads only
/// immutable weights and keeps its scratch memory per thread; models without a fast scorer (FastTree, the one-versus-all
/// trainers) rent ML.NET prediction engines from a pool, since a <c>PredictionEngine</c> is not thread-safe.</para>
/// <para>Failure policy: <see cref="Predict(string)"/> throws only for <see langword="null"/>. Empty, white-space-only or
/// punctuation-only text gets <see cref="StancePrediction.NoSignal"/>; text without a stance gets whatever the model says,
/// usually with low confidence. Only the first <see cref="FeaturizerOptions.MaximumCharacters"/> characters are read, and a
/// prediction made on such a prefix has <see cref="StancePrediction.IsTruncated"/> set. Any UTF-16 text is valid input, lone
/// surrogates, control characters and NUL included: characters that are not letters or digits separate words.</para>
/// </remarks>
public sealed class StanceClassifier
{
    private const string DefaultResourceName = "StanceKit.Models.default.stancekit.zip";
    private static readonly Lazy<StanceClassifier> DefaultModel = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TextFeaturizer featurizer;
    private readonly LinearWeights? linear;
    private readonly ScoringRows? scoringRows;
    private readonly byte[] mlnetModel;
    private readonly Lazy<ITransformer> mlnetTransformer;
    private readonly ConcurrentBag<PredictionEngine<FeatureRow, ScoreRow>> engines = [];

    internal StanceClassifier(ModelCard card, byte[] mlnetModel, LinearWeights? linear, float[]? idf, ITransformer? transformer = null)
    {
        Card = card;
        featurizer = new TextFeaturizer(card.Trainer.Featurizer, idf);
        this.linear = linear;
        scoringRows = linear is null ? null : featurizer.CreateScoringRows(linear);
        this.mlnetModel = mlnetModel;
        mlnetTransformer = transformer is null
            ? new Lazy<ITransformer>(() => MlNetBridge.Load(mlnetModel), LazyThreadSafetyMode.ExecutionAndPublication)
            : new Lazy<ITransformer>(transformer);
    }

    // A copy with another card (same featurizer options): shares the featurizer, the weights, the scoring rows and the
    // ML.NET model instead of building them again.
    private StanceClassifier(StanceClassifier source, ModelCard card)
    {
        Card = card;
        featurizer = source.featurizer;
        linear = source.linear;
        scoringRows = source.scoringRows;
        mlnetModel = source.mlnetModel;
        mlnetTransformer = source.mlnetTransformer;
    }

    /// <summary>Gets the embedded default model, loaded once on first use.</summary>
    /// <remarks>Trained on the project's own corpus (data/statements.csv); see the README for its measured quality.</remarks>
    /// <exception cref="StanceKitException">The package was built without its embedded model.</exception>
    /// <example><code>var prediction = StanceClassifier.Default.Predict("Kenya will send 1,000 officers to Haiti.");</code></example>
    public static StanceClassifier Default => DefaultModel.Value;

    /// <summary>Gets the model card: labels, training options and corpus, metrics, creation time, library version.</summary>
    public ModelCard Card { get; }

    /// <summary>Gets a value indicating whether predictions use the allocation-free linear scorer rather than ML.NET.</summary>
    public bool HasFastScorer => linear is not null;

    internal TextFeaturizer Featurizer => featurizer;

    internal LinearWeights? Linear => linear;

    /// <summary>Loads a model saved with <see cref="Save(string)"/> or <c>stancekit train</c>.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a StanceKit model, is truncated or corrupted, or has a newer format version.</exception>
    public static StanceClassifier Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads a model from a stream; the stream is read but not disposed.</summary>
    /// <param name="model">A readable stream holding a model file.</param>
    /// <param name="sourceName">A name for the stream in error messages. The default value is <c>stream</c>.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ModelFormatException">The stream is not a StanceKit model, is truncated or corrupted, or has a newer format version.</exception>
    public static StanceClassifier Load(Stream model, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.CanSeek)
        {
            var copy = new MemoryStream();
            model.CopyTo(copy);
            copy.Position = 0;
            model = copy;
        }

        var contents = ModelFile.Read(model, sourceName);
        LinearWeights? weights = null;
        if (contents.Weights is not null)
        {
            weights = LinearWeights.FromBytes(contents.Weights, contents.Card.Trainer.Featurizer.Dimension, out var error)
                ?? throw new ModelFormatException(sourceName, $"'{sourceName}' is corrupted: {error}.");
        }

        float[]? idf = null;
        if (contents.Idf is not null)
        {
            idf = IdfTable.FromBytes(contents.Idf, contents.Card.Trainer.Featurizer.Dimension, out var error)
                ?? throw new ModelFormatException(sourceName, $"'{sourceName}' is corrupted: {error}.");
        }

        var classifier = new StanceClassifier(contents.Card, contents.MlNetModel, weights, idf);
        if (weights is null)
        {
            // Scored through ML.NET: open its model now, so that a bad one fails here with a typed error and not in Predict.
            classifier.CheckMlNetModel(sourceName);
        }

        return classifier;
    }

    /// <summary>Saves the model to a file, atomically: the file appears whole or not at all.</summary>
    /// <param name="path">The destination; an existing file is replaced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                Save(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes the model to a stream; the stream is not disposed.</summary>
    /// <param name="destination">A writable stream.</param>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public void Save(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var idf = featurizer.InverseDocumentFrequency;
        ModelFile.Write(destination, Card, mlnetModel, linear?.ToBytes(), idf is null ? null : IdfTable.ToBytes(idf));
    }

    /// <summary>Returns a copy of this classifier whose card records the given metrics; the model itself is shared.</summary>
    /// <param name="metrics">The measured quality.</param>
    /// <returns>The new classifier.</returns>
    public StanceClassifier WithMetrics(ModelMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new StanceClassifier(this, Card with { Metrics = metrics });
    }

    /// <summary>Returns a copy of this classifier whose card carries the given description; the model itself is shared.</summary>
    /// <param name="description">For example where the training corpus came from.</param>
    /// <returns>The new classifier.</returns>
    public StanceClassifier WithDescription(string? description) =>
        new(this, Card with { Description = description });

    /// <summary>Classifies one statement.</summary>
    /// <param name="statement">The statement, in any language; only its first <see cref="FeaturizerOptions.MaximumCharacters"/> characters are read.</param>
    /// <returns>The stance, its confidence and the three probabilities; <see cref="StancePrediction.IsTruncated"/> tells whether the statement was cut.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="statement"/> is null.</exception>
    /// <example><code>var p = StanceClassifier.Default.Predict("We will send 200 officers."); // p.Stance, p.Confidence</code></example>
    public StancePrediction Predict(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Predict(statement.AsSpan());
    }

    /// <summary>Classifies one statement without allocating when the model has a fast scorer (<see cref="HasFastScorer"/>).</summary>
    /// <param name="statement">The statement.</param>
    /// <returns>The stance, its confidence and the three probabilities.</returns>
    public StancePrediction Predict(ReadOnlySpan<char> statement)
    {
        // The hot path shares nothing mutable: the weights and the featurizer are read-only, and scratch memory is per thread.
        var buffer = FeatureBuffer.ForCurrentThread;
        if (scoringRows is null)
        {
            return ScoreWithMlNet(buffer, statement);
        }

        var prediction = featurizer.TryScore(statement, buffer, scoringRows, out var scores)
            ? StancePrediction.FromProbabilities(scores)
            : StancePrediction.NoSignal;
        return FlagTruncation(prediction, statement.Length);
    }

    // Marks a prediction whose statement was longer than the featurizer reads.
    private StancePrediction FlagTruncation(StancePrediction prediction, int statementLength) =>
        statementLength > featurizer.Options.MaximumCharacters ? prediction with { IsTruncated = true } : prediction;

    // Featurizes and scores through ML.NET (models without a fast scorer, and the reference for tests): no words ->
    // NoSignal; flags truncation.
    private StancePrediction ScoreWithMlNet(FeatureBuffer buffer, ReadOnlySpan<char> statement)
    {
        var count = featurizer.Featurize(statement, buffer);
        var prediction = count == 0 ? StancePrediction.NoSignal : StancePrediction.FromProbabilities(ScoreWithMlNet(buffer, count));
        return FlagTruncation(prediction, statement.Length);
    }

    /// <summary>Classifies many statements on all cores; results come back in input order.</summary>
    /// <param name="statements">The statements; none may be null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One prediction per statement, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="statements"/> or one of its items is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<StancePrediction> PredictBatch(IEnumerable<string> statements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var items = statements as IReadOnlyList<string> ?? statements.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentNullException(nameof(statements), $"Statement at index {i} is null.");
            }
        }

        var results = new StancePrediction[items.Count];
        Parallel.For(
            0,
            items.Count,
            new ParallelOptions { CancellationToken = cancellationToken },
            i => results[i] = Predict(items[i].AsSpan()));
        return results;
    }

    /// <summary>Classifies a labelled set and measures accuracy, macro-F1, per-stance metrics, the confusion matrix and log-loss.</summary>
    /// <param name="testSet">The labelled statements.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="testSet"/> or one of its items is null.</exception>
    /// <exception cref="StanceKitException"><paramref name="testSet"/> is empty.</exception>
    public EvaluationReport Evaluate(IEnumerable<LabeledStatement> testSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        var items = testSet as IReadOnlyList<LabeledStatement> ?? testSet.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentNullException(nameof(testSet), $"The statement at index {i} is null.");
            }
        }

        var predictions = PredictBatch(items.Select(s => s.Text).ToList(), cancellationToken);
        return new EvaluationReport(items.Select(s => s.Label).ToList(), predictions.Select(p => p.Probabilities).ToList());
    }

    /// <summary>Classifies a statement and lists the n-grams that pushed the prediction toward each stance.</summary>
    /// <param name="statement">The statement.</param>
    /// <returns>The prediction and the contributions of its n-grams.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="statement"/> is null.</exception>
    /// <exception cref="NotSupportedException">The model is not linear (<see cref="HasFastScorer"/> is false), so n-grams have no single weight.</exception>
    public StanceExplanation Explain(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (linear is null)
        {
            throw new NotSupportedException($"Explanations need a linear model; this one was trained with {Card.Trainer.Algorithm}. Train with StanceAlgorithm.MaximumEntropy.");
        }

        // The prediction is Predict's own (the fused scorer rounds differently in the last bit from a dot product over x).
        var prediction = Predict(statement.AsSpan());
        var buffer = new FeatureBuffer();
        var count = featurizer.Featurize(statement, buffer);
        var valueOf = new Dictionary<int, float>(count);
        for (var i = 0; i < count; i++)
        {
            valueOf[buffer.Indices[i]] = buffer.Values[i];
        }

        var seen = new HashSet<(int, string)>();
        var contributions = new List<FeatureContribution>();
        foreach (var (slot, ngram, kind) in featurizer.Describe(statement))
        {
            if (!seen.Add((slot, ngram)) || !valueOf.TryGetValue(slot, out var value))
            {
                continue;
            }

            var w0 = linear.Weight(slot, Stance.Supportive) * value;
            var w1 = linear.Weight(slot, Stance.Sceptical) * value;
            var w2 = linear.Weight(slot, Stance.Opposed) * value;
            var mean = (w0 + w1 + w2) / 3;
            contributions.Add(new FeatureContribution(ngram, kind, new StanceScores(w0 - mean, w1 - mean, w2 - mean)));
        }

        contributions.Sort((a, b) => MaxAbs(b.Weights).CompareTo(MaxAbs(a.Weights)));
        return new StanceExplanation(prediction, contributions);
    }

    /// <summary>Scores through ML.NET's PredictionEngine over the same features: the reference the fast scorer is tested against.</summary>
    internal StancePrediction PredictWithMlNet(string statement)
    {
        return ScoreWithMlNet(FeatureBuffer.ForCurrentThread, statement);
    }

    /// <summary>Loads the ML.NET model, scores an empty row and keeps the engine in the pool; any failure becomes a <see cref="ModelFormatException"/>.</summary>
    private void CheckMlNetModel(string source)
    {
        try
        {
            var engine = CreateEngine();
            var output = engine.Predict(new FeatureRow { Features = new Microsoft.ML.Data.VBuffer<float>(featurizer.Dimension, 0, [], []) });
            if (output.Score.Length != StanceLabels.Count)
            {
                throw new ModelFormatException(source, $"'{source}' holds an ML.NET model that gives {output.Score.Length} scores; a StanceKit model gives {StanceLabels.Count}.");
            }

            engines.Add(engine);
        }
        catch (Exception exception) when (exception is not ModelFormatException and not OutOfMemoryException)
        {
            throw new ModelFormatException(source, $"'{source}' holds an ML.NET model ({ModelFile.MlNetEntry}) that cannot be loaded: {exception.Message} Train the model again, or restore the file from its source.", exception);
        }
    }

    internal PredictionEngine<FeatureRow, ScoreRow> CreateEngine() => MlNetBridge.CreateEngine(mlnetTransformer.Value, featurizer.Dimension);

    private StanceScores ScoreWithMlNet(FeatureBuffer buffer, int count)
    {
        var values = buffer.Values.AsSpan(0, count).ToArray();
        var indices = buffer.Indices.AsSpan(0, count).ToArray();
        Array.Sort(indices, values); // ML.NET's sparse vectors need increasing indices.
        var row = new FeatureRow { Features = new Microsoft.ML.Data.VBuffer<float>(featurizer.Dimension, count, values, indices) };
        if (!engines.TryTake(out var engine))
        {
            engine = CreateEngine();
        }

        try
        {
            var output = engine.Predict(row);
            return Normalize(output.Score);
        }
        finally
        {
            engines.Add(engine);
        }
    }

    private static float MaxAbs(StanceScores s) => Math.Max(Math.Abs(s.Supportive), Math.Max(Math.Abs(s.Sceptical), Math.Abs(s.Opposed)));

    private static StanceScores Normalize(float[] score)
    {
        if (score.Length != StanceLabels.Count)
        {
            throw new StanceKitException($"The ML.NET model returned {score.Length} scores; expected {StanceLabels.Count}.");
        }

        var s0 = Math.Max(score[0], 0);
        var s1 = Math.Max(score[1], 0);
        var s2 = Math.Max(score[2], 0);
        var sum = s0 + s1 + s2;
        return sum > 0 && float.IsFinite(sum) ? new StanceScores(s0 / sum, s1 / sum, s2 / sum) : StanceScores.Uniform;
    }

    private static StanceClassifier LoadDefault()
    {
        using var stream = typeof(StanceClassifier).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new StanceKitException($"This build of StanceKit has no embedded default model (resource {DefaultResourceName}). Rebuild after training one, or load a model file with StanceClassifier.Load.");
        return Load(stream, "embedded default model");
    }
}
