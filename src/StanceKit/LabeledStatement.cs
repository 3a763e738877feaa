namespace StanceKit;

/// <summary>A statement with its gold stance label, as read from a corpus.</summary>
/// <param name="Text">The statement.</param>
/// <param name="Label">The stance of its speaker toward the deployment.</param>
/// <remarks>
/// The optional properties come from the corpus columns of the same purpose when they are present;
/// they are used for grouped evaluation (leave-one-group-out) and are never used as features.
/// Immutable; safe to share between threads.
/// </remarks>
public sealed record LabeledStatement(string Text, Stance Label)
{
    /// <summary>Gets the row identifier, if the corpus has one.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the stakeholder group of the speaker (for example <c>kenya_government</c>), if known.</summary>
    public string? Stakeholder { get; init; }

    /// <summary>Gets the register (for example <c>news_report</c>), if known.</summary>
    public string? Register { get; init; }

    /// <summary>Gets the language code (for example <c>en</c> or <c>fr</c>), if known.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the split the corpus assigns the row to (for example <c>train</c> or <c>test</c>), if any.</summary>
    public string? Split { get; init; }

    /// <summary>Gets the 1-based line of the source file on which the row starts, or 0 when it did not come from a file.</summary>
    public long Line { get; init; }
}
