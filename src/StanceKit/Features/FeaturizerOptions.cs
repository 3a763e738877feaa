using System.Text;

namespace StanceKit;

/// <summary>How statements are turned into features: hashed word n-grams plus character n-grams, L2-normalised.</summary>
/// <remarks>
/// Text is lower-cased, accents are removed (so <c>sécurité</c> and <c>securite</c> match), digits become 0,
/// and every run of letters and digits is a word. Character n-grams are taken inside each word with
/// boundary markers (<c>&lt;word&gt;</c>). Every n-gram is hashed into 2^<see cref="HashBits"/> slots.
/// The same featurizer runs at training and at serving time. Immutable; safe to share between threads.
/// </remarks>
public sealed record FeaturizerOptions
{
    /// <summary>Gets the longest word n-gram. The default value is 2 (words and word pairs).</summary>
    public int WordNgramLength { get; init; } = 2;

    /// <summary>Gets the shortest character n-gram. The default value is 5.</summary>
    /// <remarks>Shorter character n-grams (3-4) fit the writing habits of a corpus and read real statements worse; see the README's model section.</remarks>
    public int CharNgramMinLength { get; init; } = 5;

    /// <summary>Gets the longest character n-gram; 0 turns character n-grams off. The default value is 5.</summary>
    public int CharNgramMaxLength { get; init; } = 5;

    /// <summary>Gets the number of hash bits: features fall into 2^HashBits slots. The default value is 18.</summary>
    public int HashBits { get; init; } = 18;

    /// <summary>Gets a value indicating whether repeated n-grams count 1 + ln(count) instead of count. The default value is <see langword="true"/>.</summary>
    public bool SublinearTermFrequency { get; init; } = true;

    /// <summary>Gets the number of leading characters of a statement that are read; the rest is ignored. The default value is 20,000.</summary>
    public int MaximumCharacters { get; init; } = 20_000;

    /// <summary>Gets the weight of the stance-cue features; 0 turns them off. The default value is 3.</summary>
    /// <remarks>Stance cues are words that endorse, reject, doubt or set a condition, from a built-in lexicon in English, French,
    /// Spanish, Haitian Creole and Swahili; a cue within three words after a negation is a separate feature (<c>not-endorse</c>).
    /// Each cue category's count is one feature, multiplied by this weight before the L2 normalisation.</remarks>
    public float StanceCueWeight { get; init; } = 3;

    /// <summary>
    /// Gets a value indicating whether n-gram values are weighted by their inverse document frequency in the training
    /// corpus, as TF-IDF does. The default value is <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// The weight of a slot is ln((1 + N) / (1 + df)) + 1, with N the training statements and df those containing the
    /// slot; a slot no training statement contained weighs 0, so unknown n-grams do not dilute the known ones. Stance
    /// cues keep <see cref="StanceCueWeight"/>. The table is learned by <see cref="StanceTrainer"/> (per fold in
    /// cross-validation) and stored in the model file, which then has format version 2. Without IDF a model is written
    /// in format version 1, which StanceKit 0.1.0 also reads. IDF lifts our corpus's test split from 0.865 to 0.892
    /// macro-F1 (with <see cref="StanceTrainerOptions.L2Regularization"/> 0.01); see the README's model section.
    /// </remarks>
    public bool InverseDocumentFrequency { get; init; } = true;

    /// <summary>Gets the number of feature slots, 2^<see cref="HashBits"/>.</summary>
    public int Dimension => 1 << HashBits;

    /// <summary>Checks every option and lists every problem at once.</summary>
    /// <exception cref="StanceKitException">One or more options are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (WordNgramLength is < 1 or > 3)
        {
            errors.Add($"WordNgramLength is {WordNgramLength}; use 1, 2 or 3.");
        }

        if (CharNgramMaxLength != 0 && (CharNgramMinLength < 1 || CharNgramMaxLength < CharNgramMinLength || CharNgramMaxLength > 8))
        {
            errors.Add($"Character n-gram lengths {CharNgramMinLength}..{CharNgramMaxLength} are invalid; use 1 <= min <= max <= 8, or max = 0 to turn them off.");
        }

        if (HashBits is < 10 or > 24)
        {
            errors.Add($"HashBits is {HashBits}; use 10 to 24.");
        }

        if (StanceCueWeight is < 0 or > 100 || float.IsNaN(StanceCueWeight))
        {
            errors.Add($"StanceCueWeight is {StanceCueWeight}; use 0 (off) to 100.");
        }

        if (MaximumCharacters < 1)
        {
            errors.Add($"MaximumCharacters is {MaximumCharacters}; use a positive number.");
        }

        if (errors.Count > 0)
        {
            throw new StanceKitException("Invalid FeaturizerOptions:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => " - " + e)));
        }
    }

    internal string Describe()
    {
        var text = new StringBuilder();
        text.Append("word 1-").Append(WordNgramLength).Append(" grams");
        if (CharNgramMaxLength > 0)
        {
            text.Append(" + char ").Append(CharNgramMinLength).Append('-').Append(CharNgramMaxLength).Append(" grams");
        }

        if (StanceCueWeight > 0)
        {
            text.Append(" + stance cues x").Append(StanceCueWeight.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        text.Append(", 2^").Append(HashBits).Append(" hashed slots, ").Append(SublinearTermFrequency ? "sublinear TF" : "TF")
            .Append(InverseDocumentFrequency ? "-IDF" : string.Empty).Append(", L2");
        return text.ToString();
    }
}
