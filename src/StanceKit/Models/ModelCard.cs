namespace StanceKit;

/// <summary>What a model file says about itself: format, labels, how it was trained, on what, and how well it did.</summary>
/// <remarks>Immutable; safe to share between threads. Stored as JSON inside the model file.</remarks>
public sealed record ModelCard
{
    /// <summary>Gets the model-file format version the card was written with.</summary>
    public int FormatVersion { get; init; }

    /// <summary>Gets the label strings, in the order of the model's outputs.</summary>
    public IReadOnlyList<string> Labels { get; init; } = StanceLabels.Names;

    /// <summary>Gets the training options, featurization included.</summary>
    public StanceTrainerOptions Trainer { get; init; } = new();

    /// <summary>Gets the number of statements the model was trained on.</summary>
    public int TrainingRows { get; init; }

    /// <summary>Gets the SHA-256 (hex) of the training corpus: every statement's label and text, in order.</summary>
    public string CorpusSha256 { get; init; } = string.Empty;

    /// <summary>Gets the model's measured quality, or <see langword="null"/> when it was never evaluated.</summary>
    public ModelMetrics? Metrics { get; init; }

    /// <summary>Gets a free description, for example where the training corpus came from.</summary>
    public string? Description { get; init; }

    /// <summary>Gets when the model was trained (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Gets the StanceKit version that trained the model.</summary>
    public string LibraryVersion { get; init; } = string.Empty;
}

/// <summary>Quality figures stored in a model card.</summary>
/// <param name="EvaluatedOn">What the figures were measured on, for example <c>test split of data/statements.csv (n=640)</c>.</param>
/// <param name="Count">The number of statements scored.</param>
/// <param name="Accuracy">The fraction of statements whose stance was right.</param>
/// <param name="MacroF1">The unweighted mean of the three per-stance F1 scores.</param>
/// <param name="LogLoss">The mean negative log-probability of the right stance.</param>
/// <param name="F1">The F1 score of each stance, in <see cref="Stance"/> order.</param>
public sealed record ModelMetrics(string EvaluatedOn, int Count, double Accuracy, double MacroF1, double LogLoss, IReadOnlyList<double> F1);
