using System.Text;

namespace StanceKit;

/// <summary>How <see cref="StanceCorpus"/> reads a CSV corpus: column names, delimiter, label aliases and what to do with bad rows.</summary>
/// <remarks>Immutable; safe to share between threads. Column names match ignoring case and surrounding white space.</remarks>
/// <example><code>var options = new CorpusCsvOptions { TextColumn = "Tweet", LabelColumn = "Stance", LabelAliases = CorpusCsvOptions.ParseLabelMap("FAVOR=supportive,AGAINST=opposed,NONE=sceptical") };</code></example>
public sealed record CorpusCsvOptions
{
    /// <summary>Gets the name of the column holding the statement. The default value is <c>text</c>.</summary>
    public string TextColumn { get; init; } = "text";

    /// <summary>Gets the name of the column holding the label. The default value is <c>label</c>.</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>Gets the field delimiter. The default value is <c>','</c>.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Gets extra label strings and the stance each stands for, matched ignoring case (for example FAVOR → supportive). The default is none.</summary>
    /// <remarks>The three canonical labels are always accepted; an alias may not redefine one of them.</remarks>
    public IReadOnlyDictionary<string, Stance> LabelAliases { get; init; } = new Dictionary<string, Stance>();

    /// <summary>Gets a value indicating whether bad rows are collected in <see cref="CorpusReadResult.InvalidRows"/> instead of raising a
    /// <see cref="CorpusFormatException"/>. The default value is <see langword="false"/> (the first bad row throws).</summary>
    public bool SkipInvalidRows { get; init; }

    /// <summary>Gets a value indicating whether error messages may quote field values (labels, text). The default value is <see langword="true"/>;
    /// turn it off when corpora hold sensitive statements that must stay out of logs.</summary>
    public bool IncludeValuesInMessages { get; init; } = true;

    /// <summary>Gets the encoding of files without a byte order mark. The default value is UTF-8; UTF-8 and UTF-16 byte order marks are always honoured.</summary>
    public Encoding Encoding { get; init; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Parses an alias map written as <c>FAVOR=supportive,AGAINST=opposed,NONE=sceptical</c>.</summary>
    /// <param name="map">Comma-separated <c>alias=label</c> pairs; each label is a canonical stance label.</param>
    /// <returns>The aliases, keyed ignoring case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="StanceKitException">A pair is not <c>alias=label</c> or names an unknown label.</exception>
    public static IReadOnlyDictionary<string, Stance> ParseLabelMap(string map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var aliases = new Dictionary<string, Stance>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new StanceKitException($"Label map entry '{pair}' is not of the form ALIAS=label (for example FAVOR=supportive).");
            }

            if (!StanceLabels.TryParse(parts[1], out var stance))
            {
                throw new StanceKitException($"Label map entry '{pair}' maps to '{parts[1]}', which is not one of: {string.Join(", ", StanceLabels.Names)}.");
            }

            aliases[parts[0]] = stance;
        }

        return aliases;
    }

    /// <summary>Checks every option and lists every problem at once.</summary>
    /// <exception cref="StanceKitException">One or more options are invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(TextColumn))
        {
            errors.Add("TextColumn is empty; name the column that holds the statements (default: text).");
        }

        if (string.IsNullOrWhiteSpace(LabelColumn))
        {
            errors.Add("LabelColumn is empty; name the column that holds the labels (default: label).");
        }

        if (!string.IsNullOrWhiteSpace(TextColumn) && string.Equals(TextColumn.Trim(), LabelColumn?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"TextColumn and LabelColumn are both '{TextColumn}'; they must differ.");
        }

        if (Delimiter is '"' or '\r' or '\n' || Delimiter > 127)
        {
            errors.Add($"Delimiter {(int)Delimiter:X4} cannot be used; use an ASCII character other than a quote or a line break.");
        }

        if (Encoding is null)
        {
            errors.Add("Encoding is null; use UTF-8.");
        }

        foreach (var (alias, stance) in LabelAliases ?? new Dictionary<string, Stance>())
        {
            if (string.IsNullOrWhiteSpace(alias))
            {
                errors.Add("LabelAliases has an empty alias.");
            }
            else if (StanceLabels.TryParse(alias, out var canonical) && canonical != stance)
            {
                errors.Add($"LabelAliases maps '{alias}' to {StanceLabels.ToLabel(stance)}, but '{alias}' is the canonical label of {StanceLabels.ToLabel(canonical)}.");
            }

            if (!Enum.IsDefined(stance))
            {
                errors.Add($"LabelAliases maps '{alias}' to {(int)stance}, which is not a stance.");
            }
        }

        if (errors.Count > 0)
        {
            throw new StanceKitException("Invalid CorpusCsvOptions:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => " - " + e)));
        }
    }
}

/// <summary>A corpus row that could not be used, with where it is and why.</summary>
/// <param name="Line">The 1-based line of the file on which the row starts.</param>
/// <param name="Column">The column at fault (quoting faults included), or <see langword="null"/> when the row as a whole is bad (field count).</param>
/// <param name="Reason">What is wrong and how to fix it.</param>
public sealed record InvalidCorpusRow(long Line, string? Column, string Reason);

/// <summary>The statements read from a corpus, and the rows that were skipped when <see cref="CorpusCsvOptions.SkipInvalidRows"/> is on.</summary>
/// <param name="Statements">The valid statements, in file order.</param>
/// <param name="InvalidRows">The skipped rows, in file order; empty unless <see cref="CorpusCsvOptions.SkipInvalidRows"/> is on.</param>
public sealed record CorpusReadResult(IReadOnlyList<LabeledStatement> Statements, IReadOnlyList<InvalidCorpusRow> InvalidRows);
