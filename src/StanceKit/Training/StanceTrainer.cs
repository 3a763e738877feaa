using System.Security.Cryptography;
using System.Text;
using StanceKit.Features;
using StanceKit.Training;

namespace StanceKit;

/// <summary>Trains stance models on labelled statements with ML.NET, and cross-validates them.</summary>
/// <remarks>
/// Immutable; one trainer may run several trainings at once on different threads. Training is CPU-bound and synchronous,
/// reports progress through <see cref="IProgress{T}"/> and stops on cancellation. The same corpus, options and seed give the same model.
/// </remarks>
/// <example><code>var model = new StanceTrainer().Train(StanceCorpus.ReadCsv("corpus.csv").Statements);</code></example>
public sealed class StanceTrainer
{
    // Progress of a run goes from 0 to ProgressUnits: featurizing fills the first tenth, the ML.NET fits share the rest.
    private const int ProgressUnits = 1000;
    private const int FeaturizeShare = 100;

    /// <summary>Initializes a new trainer.</summary>
    /// <param name="options">The options; <see langword="null"/> means the defaults.</param>
    /// <exception cref="StanceKitException">The options are invalid (every problem is listed).</exception>
    public StanceTrainer(StanceTrainerOptions? options = null)
    {
        Options = options ?? new StanceTrainerOptions();
        Options.Validate();
    }

    /// <summary>Gets the options of this trainer.</summary>
    public StanceTrainerOptions Options { get; }

    /// <summary>Trains a model on a corpus.</summary>
    /// <param name="corpus">Labelled statements; every stance needs at least one example, and two are advised.</param>
    /// <param name="progress">Receives progress reports, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <returns>The trained classifier (its card has no metrics yet; see <see cref="StanceClassifier.WithMetrics"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="corpus"/> is null or holds a null item.</exception>
    /// <exception cref="StanceKitException">The corpus is empty, lacks a stance, or has only empty texts.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public StanceClassifier Train(IEnumerable<LabeledStatement> corpus, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var items = Materialize(corpus);
        var featurizer = CreateFeaturizer(items, cancellationToken);
        var rows = Featurize(featurizer, items, progress, cancellationToken);
        var classifier = TrainOnRows(featurizer, rows, items, progress, FeaturizeShare, cancellationToken);
        progress?.Report(new TrainingProgress("done", ProgressUnits, ProgressUnits));
        return classifier;
    }

    /// <summary>Runs a seeded, stratified k-fold cross-validation.</summary>
    /// <param name="corpus">Labelled statements.</param>
    /// <param name="folds">The number of folds, at least 2. The default value is 5.</param>
    /// <param name="progress">Receives progress reports, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The per-fold and pooled reports.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is under 2 or over the corpus size.</exception>
    /// <exception cref="StanceKitException">The corpus is empty or lacks a stance.</exception>
    public CrossValidationReport CrossValidate(IEnumerable<LabeledStatement> corpus, int folds = 5, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var items = Materialize(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(folds, items.Count);
        var assignment = StanceCorpus.StratifiedFolds(items, folds, Options.Seed);
        return RunFolds(items, assignment, folds, progress, cancellationToken);
    }

    /// <summary>
    /// Cross-validates by group: each distinct group (for example a stakeholder group or register) is held out in turn,
    /// and the model is trained on all the others. Measures how well the model reads speakers or styles it never saw.
    /// </summary>
    /// <param name="corpus">Labelled statements.</param>
    /// <param name="groupOf">The group of a statement; statements whose group is null or empty are always in training.</param>
    /// <param name="progress">Receives progress reports, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One fold per group (in ordinal order of the group names) and the pooled report.</returns>
    /// <exception cref="StanceKitException">Fewer than two groups are present.</exception>
    public CrossValidationReport CrossValidateByGroup(IEnumerable<LabeledStatement> corpus, Func<LabeledStatement, string?> groupOf, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupOf);
        var items = Materialize(corpus);
        var groups = items.Select(groupOf).Where(g => !string.IsNullOrEmpty(g)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (groups.Count < 2)
        {
            throw new StanceKitException($"Leave-one-group-out needs at least two groups; found {groups.Count}.");
        }

        var index = groups.Select((g, i) => (g, i)).ToDictionary(p => p.g!, p => p.i, StringComparer.Ordinal);
        var assignment = items.Select(s => groupOf(s) is { Length: > 0 } g ? index[g] : -1).ToArray();
        return RunFolds(items, assignment, groups.Count, progress, cancellationToken);
    }

    private CrossValidationReport RunFolds(List<LabeledStatement> items, int[] assignment, int folds, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        // Without IDF every fold shares one featurization; with IDF each fold learns its table from its own training part
        // (a table learned on all rows would leak the held-out statements' vocabulary into the scores).
        var shared = Options.Featurizer.InverseDocumentFrequency ? null : new TextFeaturizer(Options.Featurizer);
        var rows = shared is null ? null : Featurize(shared, items, progress, cancellationToken);
        var reports = new List<EvaluationReport>();
        var pooledGold = new List<Stance>();
        var pooledScores = new List<StanceScores>();
        for (var fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainIndices = Enumerable.Range(0, items.Count).Where(i => assignment[i] != fold).ToList();
            var testIndices = Enumerable.Range(0, items.Count).Where(i => assignment[i] == fold).ToList();
            if (testIndices.Count == 0)
            {
                continue;
            }

            var trainItems = trainIndices.Select(i => items[i]).ToList();
            var featurizer = shared ?? CreateFeaturizer(trainItems, cancellationToken);
            var trainRows = rows is null ? Featurize(featurizer, trainItems, null, cancellationToken) : trainIndices.Select(i => rows[i]).ToList();
            var model = TrainOnRows(featurizer, trainRows, trainItems, null, 0, cancellationToken);
            var gold = testIndices.Select(i => items[i].Label).ToList();
            var scores = model.PredictBatch(testIndices.Select(i => items[i].Text).ToList(), cancellationToken).Select(p => p.Probabilities).ToList();
            reports.Add(new EvaluationReport(gold, scores));
            pooledGold.AddRange(gold);
            pooledScores.AddRange(scores);
            progress?.Report(new TrainingProgress($"fold {fold + 1}/{folds}", FeaturizeShare + ((ProgressUnits - FeaturizeShare) * (fold + 1) / folds), ProgressUnits));
        }

        return new CrossValidationReport(reports, new EvaluationReport(pooledGold, pooledScores));
    }

    private static List<LabeledStatement> Materialize(IEnumerable<LabeledStatement> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var items = corpus.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentNullException(nameof(corpus), $"The statement at index {i} is null.");
            }
        }

        if (items.Count == 0)
        {
            throw new StanceKitException("The training corpus is empty: give at least one labelled statement per stance.");
        }

        var missing = StanceLabels.All.Where(s => items.All(i => i.Label != s)).Select(StanceLabels.ToLabel).ToList();
        if (missing.Count > 0)
        {
            throw new StanceKitException($"The training corpus has no examples of {string.Join(" and ", missing)}; every stance needs examples for a three-way model.");
        }

        if (items.All(i => string.IsNullOrWhiteSpace(i.Text)))
        {
            throw new StanceKitException("Every statement of the training corpus is empty; there is nothing to learn from.");
        }

        return items;
    }

    // The featurizer of these options; with IDF, its table learned from the given training statements.
    private TextFeaturizer CreateFeaturizer(List<LabeledStatement> training, CancellationToken cancellationToken) =>
        new(Options.Featurizer, Options.Featurizer.InverseDocumentFrequency
            ? TextFeaturizer.ComputeInverseDocumentFrequency(Options.Featurizer, training.Select(s => s.Text ?? string.Empty).ToList(), cancellationToken)
            : null);

    private static List<FeatureRow> Featurize(TextFeaturizer featurizer, List<LabeledStatement> items, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var buffer = new FeatureBuffer();
        var rows = new List<FeatureRow>(items.Count);
        var step = Math.Max(1, items.Count / 20);
        for (var i = 0; i < items.Count; i++)
        {
            if (i % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            rows.Add(MlNetBridge.ToRow(featurizer, items[i].Text ?? string.Empty, StanceLabels.ToLabel(items[i].Label), buffer));
            if (progress is not null && ((i + 1) % step == 0 || i + 1 == items.Count))
            {
                progress.Report(new TrainingProgress("featurize", (int)((long)FeaturizeShare * (i + 1) / items.Count), ProgressUnits));
            }
        }

        return rows;
    }

    private StanceClassifier TrainOnRows(TextFeaturizer featurizer, List<FeatureRow> rows, List<LabeledStatement> items, IProgress<TrainingProgress>? progress, int done, CancellationToken cancellationToken)
    {
        progress?.Report(new TrainingProgress("train " + Options.Algorithm, done, ProgressUnits));
        var model = MlNetBridge.Fit(Options, rows, featurizer.Dimension, cancellationToken);
        var weights = MlNetBridge.ExportLinearWeights(model, featurizer.Dimension);
        var card = new ModelCard
        {
            FormatVersion = Models.ModelFile.FormatVersionFor(Options.Featurizer),
            Trainer = Options,
            TrainingRows = items.Count,
            CorpusSha256 = CorpusHash(items),
            CreatedUtc = DateTimeOffset.UtcNow,
            LibraryVersion = Models.ModelFile.LibraryVersion,
        };
        return new StanceClassifier(card, MlNetBridge.Save(model, featurizer.Dimension), weights, featurizer.InverseDocumentFrequency, model);
    }

    internal static string CorpusHash(IEnumerable<LabeledStatement> items)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in items)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(StanceLabels.ToLabel(item.Label) + "\t" + item.Text + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
