namespace StanceKit;

/// <summary>How much one n-gram of a statement pushed the prediction toward each stance.</summary>
/// <param name="Feature">The n-gram as the featurizer sees it: lower-cased, accents removed, digits as 0; character n-grams keep the word markers <c>&lt;</c> and <c>&gt;</c>.</param>
/// <param name="Kind">What the feature is: <c>word</c>, <c>word pair</c>, <c>word triple</c>, <c>chars</c> or <c>cue</c> (a stance cue such as <c>cue:not-endorse</c>).</param>
/// <param name="Weights">The contribution to each stance's score (weight × feature value), one value per stance, centred so that the
/// three add up to 0 (unlike probabilities): a positive value pushes toward that stance, a negative one away from it.</param>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record FeatureContribution(string Feature, string Kind, StanceScores Weights);

/// <summary>A prediction with the n-grams behind it.</summary>
/// <param name="Prediction">The prediction, the same as <see cref="StanceClassifier.Predict(string)"/> gives.</param>
/// <param name="Contributions">Every n-gram of the statement with its contributions, strongest first (by largest absolute contribution).</param>
/// <remarks>Immutable. Several n-grams can share one hashed slot; each is listed with the slot's full weight.</remarks>
public sealed record StanceExplanation(StancePrediction Prediction, IReadOnlyList<FeatureContribution> Contributions)
{
    /// <summary>Gets the n-grams that pushed most toward <paramref name="stance"/>, strongest first.</summary>
    /// <param name="stance">The stance.</param>
    /// <param name="count">How many to return, at most.</param>
    /// <returns>The n-grams with a positive contribution toward <paramref name="stance"/>.</returns>
    public IReadOnlyList<FeatureContribution> Toward(Stance stance, int count) =>
        Contributions.Where(c => c.Weights[stance] > 0).OrderByDescending(c => c.Weights[stance]).Take(count).ToList();
}
