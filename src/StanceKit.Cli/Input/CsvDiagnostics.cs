using System.Text;

namespace StanceKit.Cli.Input;

// A copy of src/StanceKit/Corpus/CsvDiagnostics.cs (the CLI uses only the public API, so it cannot call the internal one); keep the two in step.

/// <summary>Explains CSV problems to people: why a header lacks a column, where a quoting fault is, how to show a raw value.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class CsvDiagnostics
{
    /// <summary>The largest record read, in bytes: larger ones are almost always a quote that is never closed.</summary>
    public const int MaximumRecordBytes = 64 * 1024 * 1024;

    private const int ShownCharacters = 40;
    private const int ShownColumns = 12;

    /// <summary>
    /// Says why a header may lack the expected columns, with a fix, or returns <see langword="null"/> when nothing stands out:
    /// NUL characters (UTF-16 without a byte order mark, or binary), unreadable bytes (binary, compressed, another encoding),
    /// or a single column that holds another delimiter.
    /// </summary>
    /// <param name="header">The header fields as read.</param>
    /// <param name="delimiter">The delimiter in use.</param>
    /// <param name="delimiterFix">How to set the delimiter, for example <c>CorpusCsvOptions.Delimiter (CLI: --delimiter)</c>.</param>
    /// <param name="encodingFix">How to set the encoding.</param>
    public static string? DiagnoseHeader(IReadOnlyList<string> header, char delimiter, string delimiterFix, string encodingFix)
    {
        var joined = string.Concat(header);
        if (joined.Contains('\0', StringComparison.Ordinal))
        {
            return $"The header holds NUL characters: the file is probably UTF-16 without a byte order mark, or binary data. Save it as UTF-8 (or UTF-16 with a byte order mark), or set {encodingFix} to utf-16.";
        }

        var unreadable = joined.Count(c => c == '\uFFFD' || (char.IsControl(c) && c != '\t'));
        if (joined.Length > 0 && unreadable * 10 >= joined.Length)
        {
            return "The header is not readable text: the file is probably binary or compressed (for example .xlsx, .zip or .gz), not CSV. Export it as CSV in UTF-8.";
        }

        if (unreadable > 0)
        {
            return $"The header holds bytes that are not valid UTF-8: the file is probably in another encoding such as Latin-1. Save it as UTF-8, or set {encodingFix} to the file's encoding (for example latin1).";
        }

        if (header.Count == 1)
        {
            foreach (var candidate in new[] { ';', '\t', '|', ',' })
            {
                if (candidate != delimiter && header[0].Contains(candidate, StringComparison.Ordinal))
                {
                    return $"The header has one column that contains {Name(candidate)}: the file is probably {Name(candidate)}-separated. Set {delimiterFix} to {Name(candidate)}.";
                }
            }
        }

        return null;
    }

    /// <summary>Lists header names for a message: escaped, shortened, at most 12 of them.</summary>
    /// <param name="header">The header fields.</param>
    public static string ShowHeader(IReadOnlyList<string> header)
    {
        var shown = string.Join(", ", header.Take(ShownColumns).Select(h => "'" + Show(h) + "'"));
        return header.Count > ShownColumns ? $"{shown} and {header.Count - ShownColumns} more" : shown;
    }

    /// <summary>Shows a raw value in a message: control characters and invisible marks escaped, at most 40 characters.</summary>
    /// <param name="value">The value.</param>
    public static string Show(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > ShownCharacters ? value[..ShownCharacters] : value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFD' or '\uFEFF' or '\u200B' or '\u202E')
            {
                text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return value.Length > ShownCharacters ? text.Append("...").ToString() : text.ToString();
    }

    /// <summary>Names a delimiter for a message: <c>';'</c>, or <c>tab</c>.</summary>
    /// <param name="delimiter">The delimiter.</param>
    public static string Name(char delimiter) => delimiter == '\t' ? "tab" : $"'{delimiter}'";

    /// <summary>
    /// Finds the first quoting fault of a raw record (RFC 4180 with <c>"</c> quotes): a quote inside an unquoted field,
    /// text after a closing quote, or a quote that is never closed.
    /// </summary>
    /// <param name="raw">The record as it appears in the input, line breaks inside quotes included.</param>
    /// <param name="delimiter">The delimiter.</param>
    /// <returns>The 0-based field, and the 0-based line and 1-based character of the fault within the record; (-1, 0, 0) when none is found.</returns>
    public static (int Field, int LineOffset, int Character) LocateQuoteFault(string raw, char delimiter)
    {
        var field = 0;
        var i = 0;
        while (i <= raw.Length)
        {
            var start = i;
            if (i < raw.Length && raw[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= raw.Length)
                    {
                        return Position(raw, field, start);
                    }

                    if (raw[i] == '"')
                    {
                        if (i + 1 < raw.Length && raw[i + 1] == '"')
                        {
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    i++;
                }

                if (i < raw.Length && raw[i] != delimiter)
                {
                    return Position(raw, field, i);
                }
            }
            else
            {
                while (i < raw.Length && raw[i] != delimiter)
                {
                    if (raw[i] == '"')
                    {
                        return Position(raw, field, i);
                    }

                    i++;
                }
            }

            if (i >= raw.Length)
            {
                break;
            }

            i++;
            field++;
        }

        return (-1, 0, 0);
    }

    private static (int Field, int LineOffset, int Character) Position(string raw, int field, int index)
    {
        var line = 0;
        var lineStart = 0;
        for (var k = 0; k < index; k++)
        {
            if (raw[k] == '\n' || (raw[k] == '\r' && (k + 1 >= raw.Length || raw[k + 1] != '\n')))
            {
                line++;
                lineStart = k + 1;
            }
        }

        return (field, line, index - lineStart + 1);
    }
}
