using CsCheck;

namespace StanceKit.Tests.Hardening;

/// <summary>Shared inputs of the hardening tests: generators of hostile text, and a model scored through ML.NET.</summary>
public static class HardeningFixture
{
    /// <summary>Pieces that break naive text handling: lone surrogates, control characters, bidi controls, joiners,
    /// combining marks, emoji sequences, non-Latin scripts, case oddities, CSV and JSON syntax, and a few stance words.</summary>
    public static readonly string[] Fragments =
    [
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D", "\u0000", "\u0007", "\u0008", "\u001B[31m", "\u007F", "\u0085", "\u2028", "\u2029",
        "\u202E", "\u202C", "\u200F", "\u200E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF", "\u00AD",
        "\u0301", "\u0308\u0308\u0308", "\u0E31", "\u20DD", "\U0001F46E\u200D\u2642\uFE0F", "\U0001F1F0\U0001F1EA", "\U0001F600", "\U0001D54F",
        "مع هايتي", "אנחנו תומכים", "नमस्ते", "肯尼亚警察", "Кения", "ǅ", "İı", "ß", "ﬃ", "Ⅻ", "٣٤٥", "①", "𝟗",
        "Kenya", "support", "not", "never", "mission", "oppose", "withdraw", "concern", "but", "okipasyon", "tunaunga",
        " ", "  ", "\t", "\n", "\r\n", "\r", ",", ";", "\"", "\"\"", "'", "<", ">", "{", "}", "\\", "...", "!!!", "2024", "-",
    ];

    private static readonly Lazy<StanceClassifier> OneVersusAll = new(() =>
        new StanceTrainer(new StanceTrainerOptions { Algorithm = StanceAlgorithm.AveragedPerceptron, Featurizer = new FeaturizerOptions { HashBits = 12 } }).Train(Fixture.Mini));

    /// <summary>Gets any UTF-16 string of 0 to 400 code units, each drawn uniformly from U+0000..U+FFFF (so lone surrogates are common).</summary>
    public static Gen<string> AnyUtf16 { get; } = Gen.Char['\u0000', '\uFFFF'].Array[0, 400].Select(chars => new string(chars));

    /// <summary>Gets strings of 0 to 80 hostile fragments.</summary>
    public static Gen<string> Hostile { get; } = Gen.OneOf(Fragments).Array[0, 80].Select(string.Concat);

    /// <summary>Gets hostile text and arbitrary UTF-16, mixed.</summary>
    public static Gen<string> AnyText { get; } = Gen.Frequency((1, AnyUtf16), (2, Hostile));

    /// <summary>Gets a one-versus-all model (no fast scorer): it scores through pooled ML.NET prediction engines.</summary>
    public static StanceClassifier SlowModel => OneVersusAll.Value;

    /// <summary>Asserts that a prediction is valid: finite probabilities in [0, 1] summing to 1, a defined stance that is the most likely one.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <param name="text">The input, for the message.</param>
    public static void AssertValid(StancePrediction prediction, string text)
    {
        var p = prediction.Probabilities;
        var message = $"{prediction} for {Describe(text)}";
        Assert.True(float.IsFinite(p.Supportive) && float.IsFinite(p.Sceptical) && float.IsFinite(p.Opposed), message);
        Assert.True(p.Supportive is >= 0 and <= 1 && p.Sceptical is >= 0 and <= 1 && p.Opposed is >= 0 and <= 1, message);
        Assert.True(Math.Abs(p.Supportive + p.Sceptical + p.Opposed - 1) < 1e-4, message);
        Assert.True(Enum.IsDefined(prediction.Stance), message);
        // The stance holds the highest probability (on a tie, NoSignal's documented Sceptical is one of the highest).
        Assert.Equal(Math.Max(p.Supportive, Math.Max(p.Sceptical, p.Opposed)), p[prediction.Stance]);
        Assert.Equal(p[prediction.Stance], prediction.Confidence);
        Assert.InRange(prediction.Confidence, 1f / 3 - 1e-6f, 1f);
    }

    /// <summary>Describes a string by its code units, for failure messages.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its length and its first code units in hex.</returns>
    public static string Describe(string text) =>
        $"{text.Length} chars [{string.Join(' ', text.Take(24).Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)))}{(text.Length > 24 ? " ..." : string.Empty)}]";
}
