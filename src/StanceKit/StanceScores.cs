namespace StanceKit;

/// <summary>The probability of each stance for one statement; the three values sum to 1.</summary>
/// <param name="Supportive">The probability that the statement is supportive.</param>
/// <param name="Sceptical">The probability that the statement is sceptical.</param>
/// <param name="Opposed">The probability that the statement is opposed.</param>
/// <remarks>An immutable value; safe to share between threads.</remarks>
public readonly record struct StanceScores(float Supportive, float Sceptical, float Opposed)
{
    /// <summary>Gets the probability of one stance.</summary>
    /// <param name="stance">The stance.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stance"/> is not a defined value.</exception>
    public float this[Stance stance] => stance switch
    {
        Stance.Supportive => Supportive,
        Stance.Sceptical => Sceptical,
        Stance.Opposed => Opposed,
        _ => throw new ArgumentOutOfRangeException(nameof(stance), stance, "Not a defined stance."),
    };

    /// <summary>Gets the stance with the highest probability; ties go to the earlier <see cref="Stance"/> value.</summary>
    public Stance MostLikely => Supportive >= Sceptical
        ? (Supportive >= Opposed ? Stance.Supportive : Stance.Opposed)
        : (Sceptical >= Opposed ? Stance.Sceptical : Stance.Opposed);

    /// <summary>Gets scores that give each stance the same probability, one third.</summary>
    public static StanceScores Uniform { get; } = new(1f / 3, 1f / 3, 1f / 3);
}
