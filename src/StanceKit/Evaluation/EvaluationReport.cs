using System.Globalization;
using System.Text;

namespace StanceKit;

/// <summary>Precision, recall and F1 of one stance.</summary>
/// <param name="Stance">The stance.</param>
/// <param name="Precision">Of the statements predicted as this stance, the fraction that were.</param>
/// <param name="Recall">Of the statements labelled with this stance, the fraction predicted as it.</param>
/// <param name="F1">The harmonic mean of precision and recall (0 when both are 0).</param>
/// <param name="Support">The number of statements labelled with this stance.</param>
public sealed record ClassMetrics(Stance Stance, double Precision, double Recall, double F1, int Support);

/// <summary>How well a model classified a labelled set: accuracy, macro-F1, per-stance metrics, confusion matrix, log-loss.</summary>
/// <remarks>Immutable; safe to share between threads. <see cref="ToTable"/> renders it for people.</remarks>
public sealed class EvaluationReport
{
    private readonly int[,] confusion;

    internal EvaluationReport(IReadOnlyList<Stance> gold, IReadOnlyList<StanceScores> probabilities)
    {
        if (gold.Count != probabilities.Count)
        {
            throw new ArgumentException("Gold labels and predictions differ in number.");
        }

        if (gold.Count == 0)
        {
            throw new StanceKitException("Cannot evaluate on an empty set: give at least one labelled statement.");
        }

        Count = gold.Count;
        confusion = new int[StanceLabels.Count, StanceLabels.Count];
        double logLoss = 0;
        var correct = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var predicted = probabilities[i].MostLikely;
            confusion[(int)gold[i], (int)predicted]++;
            correct += gold[i] == predicted ? 1 : 0;
            logLoss -= Math.Log(Math.Max(probabilities[i][gold[i]], 1e-15));
        }

        Accuracy = (double)correct / Count;
        LogLoss = logLoss / Count;
        var perClass = new List<ClassMetrics>();
        foreach (var stance in StanceLabels.All)
        {
            var s = (int)stance;
            var truePositives = confusion[s, s];
            int predictedAs = 0, labelledAs = 0;
            for (var k = 0; k < StanceLabels.Count; k++)
            {
                predictedAs += confusion[k, s];
                labelledAs += confusion[s, k];
            }

            var precision = predictedAs == 0 ? 0 : (double)truePositives / predictedAs;
            var recall = labelledAs == 0 ? 0 : (double)truePositives / labelledAs;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(stance, precision, recall, f1, labelledAs));
        }

        PerClass = perClass;
        MacroF1 = perClass.Average(c => c.F1);
    }

    /// <summary>Builds a report from gold labels and the predictions made for them, for callers that keep the predictions
    /// (for example to list the most confident mistakes) and do not want to score the set twice.</summary>
    /// <param name="gold">The labelled stances.</param>
    /// <param name="predictions">The predictions, in the same order.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    /// <exception cref="StanceKitException">The lists are empty.</exception>
    public static EvaluationReport FromPredictions(IReadOnlyList<Stance> gold, IReadOnlyList<StancePrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predictions);
        return new EvaluationReport(gold, predictions.Select(p => p.Probabilities).ToList());
    }

    /// <summary>Gets the number of statements evaluated.</summary>
    public int Count { get; }

    /// <summary>Gets the fraction of statements whose predicted stance was the labelled one.</summary>
    public double Accuracy { get; }

    /// <summary>Gets the unweighted mean of the three per-stance F1 scores.</summary>
    public double MacroF1 { get; }

    /// <summary>Gets the mean negative natural log of the probability given to the labelled stance (lower is better).</summary>
    public double LogLoss { get; }

    /// <summary>Gets precision, recall, F1 and support of each stance, in <see cref="Stance"/> order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>Gets the number of statements labelled <paramref name="actual"/> and predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">The gold stance (row of the confusion matrix).</param>
    /// <param name="predicted">The predicted stance (column).</param>
    /// <returns>The count.</returns>
    public int Confusion(Stance actual, Stance predicted) => confusion[(int)actual, (int)predicted];

    /// <summary>Creates the model-card summary of this report.</summary>
    /// <param name="evaluatedOn">What the report was measured on, for people.</param>
    /// <returns>The metrics record.</returns>
    public ModelMetrics ToMetrics(string evaluatedOn) =>
        new(evaluatedOn, Count, Accuracy, MacroF1, LogLoss, PerClass.Select(c => c.F1).ToArray());

    /// <summary>Renders the report as a plain-text table: per-stance metrics, then the confusion matrix.</summary>
    /// <returns>The table, lines separated by <see cref="Environment.NewLine"/>.</returns>
    public string ToTable()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"{"stance",-11} {"precision",9} {"recall",7} {"f1",6} {"support",8}");
        foreach (var c in PerClass)
        {
            text.AppendLine(culture, $"{StanceLabels.ToLabel(c.Stance),-11} {c.Precision,9:F3} {c.Recall,7:F3} {c.F1,6:F3} {c.Support,8}");
        }

        text.AppendLine(culture, $"{"macro-F1",-11} {MacroF1,24:F3} {Count,8}");
        text.AppendLine(culture, $"{"accuracy",-11} {Accuracy,24:F3}");
        text.AppendLine(culture, $"{"log-loss",-11} {LogLoss,24:F3}");
        text.AppendLine();
        text.AppendLine("confusion (rows: labelled, columns: predicted)");
        text.AppendLine(culture, $"{string.Empty,-11} {"supportive",10} {"sceptical",10} {"opposed",10}");
        foreach (var actual in StanceLabels.All)
        {
            text.Append(culture, $"{StanceLabels.ToLabel(actual),-11}");
            foreach (var predicted in StanceLabels.All)
            {
                text.Append(culture, $" {Confusion(actual, predicted),10}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToTable();
}

/// <summary>The result of a cross-validation: one report per fold, and their mean and standard deviation.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed class CrossValidationReport
{
    internal CrossValidationReport(IReadOnlyList<EvaluationReport> folds, EvaluationReport pooled)
    {
        Folds = folds;
        Pooled = pooled;
        MacroF1Mean = folds.Average(f => f.MacroF1);
        MacroF1StandardDeviation = StandardDeviation(folds.Select(f => f.MacroF1));
        AccuracyMean = folds.Average(f => f.Accuracy);
        AccuracyStandardDeviation = StandardDeviation(folds.Select(f => f.Accuracy));
    }

    /// <summary>Gets the report of each fold's held-out part.</summary>
    public IReadOnlyList<EvaluationReport> Folds { get; }

    /// <summary>Gets one report over every held-out prediction of every fold.</summary>
    public EvaluationReport Pooled { get; }

    /// <summary>Gets the mean macro-F1 over folds.</summary>
    public double MacroF1Mean { get; }

    /// <summary>Gets the sample standard deviation of macro-F1 over folds.</summary>
    public double MacroF1StandardDeviation { get; }

    /// <summary>Gets the mean accuracy over folds.</summary>
    public double AccuracyMean { get; }

    /// <summary>Gets the sample standard deviation of accuracy over folds.</summary>
    public double AccuracyStandardDeviation { get; }

    /// <summary>Renders the fold figures and the pooled table.</summary>
    /// <returns>The text.</returns>
    public string ToTable()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"{Folds.Count}-fold cross-validation: macro-F1 {MacroF1Mean:F3} ± {MacroF1StandardDeviation:F3}, accuracy {AccuracyMean:F3} ± {AccuracyStandardDeviation:F3}");
        for (var i = 0; i < Folds.Count; i++)
        {
            text.AppendLine(culture, $"  fold {i + 1}: macro-F1 {Folds[i].MacroF1:F3}, accuracy {Folds[i].Accuracy:F3}, n={Folds[i].Count}");
        }

        text.AppendLine();
        text.AppendLine("pooled over folds:");
        text.Append(Pooled.ToTable());
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToTable();

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count < 2)
        {
            return 0;
        }

        var mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }
}
