using System.Diagnostics.CodeAnalysis;

namespace StanceKit;

/// <summary>Maps the label strings of corpora (<c>supportive</c>, <c>sceptical</c>, <c>opposed</c>) to <see cref="Stance"/> and back.</summary>
/// <remarks>This is the one place where label strings are defined. Members are stateless and thread-safe.</remarks>
public static class StanceLabels
{
    /// <summary>The number of stances.</summary>
    public const int Count = 3;

    /// <summary>Gets every stance, in the order of the <see cref="Stance"/> values.</summary>
    public static IReadOnlyList<Stance> All { get; } = [Stance.Supportive, Stance.Sceptical, Stance.Opposed];

    /// <summary>Gets the canonical label strings, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["supportive", "sceptical", "opposed"];

    /// <summary>Returns the canonical label string of a stance, for example <c>supportive</c>.</summary>
    /// <param name="stance">The stance.</param>
    /// <returns>The lower-case label string.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stance"/> is not a defined value.</exception>
    public static string ToLabel(Stance stance) => stance switch
    {
        Stance.Supportive => "supportive",
        Stance.Sceptical => "sceptical",
        Stance.Opposed => "opposed",
        _ => throw new ArgumentOutOfRangeException(nameof(stance), stance, "Not a defined stance."),
    };

    /// <summary>Parses a canonical label string, ignoring case and surrounding white space.</summary>
    /// <param name="label">The label, for example <c>Supportive</c> or <c> opposed </c>.</param>
    /// <param name="stance">The parsed stance when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="label"/> is one of the three label strings.</returns>
    /// <remarks>The British spelling <c>sceptical</c> is canonical; the American <c>skeptical</c> is accepted too.</remarks>
    public static bool TryParse([NotNullWhen(true)] string? label, out Stance stance)
    {
        switch (label?.Trim().ToUpperInvariant())
        {
            case "SUPPORTIVE":
                stance = Stance.Supportive;
                return true;
            case "SCEPTICAL" or "SKEPTICAL":
                stance = Stance.Sceptical;
                return true;
            case "OPPOSED":
                stance = Stance.Opposed;
                return true;
            default:
                stance = default;
                return false;
        }
    }
}
