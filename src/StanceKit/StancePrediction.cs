namespace StanceKit;

/// <summary>The result of classifying one statement.</summary>
/// <param name="Stance">The most likely stance.</param>
/// <param name="Confidence">The probability of <paramref name="Stance"/>, between 1/3 and 1.</param>
/// <param name="Probabilities">The probability of each stance; they sum to 1.</param>
/// <remarks>
/// An immutable value (no allocation per prediction); safe to share between threads.
/// A statement with no words (empty, white space, punctuation only) gets <see cref="StanceScores.Uniform"/>
/// scores, the stance <see cref="Stance.Sceptical"/> and a confidence of 1/3.
/// <para>Length policy: a model reads only the first <see cref="FeaturizerOptions.MaximumCharacters"/> characters (UTF-16 code units)
/// of a statement, 20,000 by default, so that scoring time and memory stay bounded whatever the input. A longer statement is
/// scored on that prefix and its prediction says so with <see cref="IsTruncated"/>.</para>
/// </remarks>
public readonly record struct StancePrediction(Stance Stance, float Confidence, StanceScores Probabilities)
{
    /// <summary>Gets the confidence under which <see cref="IsLowConfidence"/> is <see langword="true"/>: 0.5.</summary>
    /// <remarks>A property rather than a constant, so that a later version can change it without recompiling callers.</remarks>
    public static float LowConfidenceThreshold => 0.5f;

    /// <summary>Gets a value indicating whether the model is unsure (confidence under <see cref="LowConfidenceThreshold"/>).</summary>
    /// <remarks>Statements without a stance (bare facts, unrelated text) tend to get low confidence; treat such results with care.</remarks>
    public bool IsLowConfidence => Confidence < LowConfidenceThreshold;

    /// <summary>Gets a value indicating whether the statement was longer than the model reads, so that only its first
    /// <see cref="FeaturizerOptions.MaximumCharacters"/> characters were scored (see the model's
    /// <c>Card.Trainer.Featurizer.MaximumCharacters</c>).</summary>
    /// <value><see langword="false"/> for statements within the limit, and for predictions made with a constructor.</value>
    public bool IsTruncated { get; init; }

    /// <summary>Gets the result given to a statement that has no words: uniform probabilities, stance <see cref="Stance.Sceptical"/>.</summary>
    public static StancePrediction NoSignal { get; } = new(Stance.Sceptical, 1f / 3, StanceScores.Uniform);

    /// <summary>Creates a prediction from probabilities: the stance is the most likely one.</summary>
    /// <param name="probabilities">The probabilities, summing to 1.</param>
    /// <returns>The prediction.</returns>
    public static StancePrediction FromProbabilities(StanceScores probabilities)
    {
        var stance = probabilities.MostLikely;
        return new StancePrediction(stance, probabilities[stance], probabilities);
    }
}
