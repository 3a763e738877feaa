using System.Buffers;
using System.Text.Unicode;
using CsvHelper;

namespace StanceKit.Corpus;

/// <summary>The one adapter between CsvHelper and StanceKit: reads corpus rows and turns every problem into a <see cref="CorpusFormatException"/>.</summary>
internal sealed class CsvCorpusReader
{
    private readonly CorpusCsvOptions options;
    private readonly string source;
    private readonly Dictionary<string, Stance> labels;

    public CsvCorpusReader(CorpusCsvOptions options, string source)
    {
        options.Validate();
        this.options = options;
        this.source = source;
        labels = new Dictionary<string, Stance>(StringComparer.OrdinalIgnoreCase);
        foreach (var (alias, stance) in options.LabelAliases)
        {
            labels[alias.Trim()] = stance;
        }
    }

    public CorpusReadResult Read(Func<CsvReaderOptions, CsvReader> open)
    {
        var malformed = new Queue<CsvMalformedRecord>();
        var csvOptions = CsvReaderOptions.Default with
        {
            Separator = options.Delimiter,
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            IncludeValuesInExceptions = options.IncludeValuesInMessages,
            Encoding = options.Encoding,
            MaxRecordSize = CsvDiagnostics.MaximumRecordBytes,
            OnMalformedRecord = record => malformed.Enqueue(record),
        };

        var statements = new List<LabeledStatement>();
        var invalid = new List<InvalidCorpusRow>();
        using var reader = open(csvOptions);
        try
        {
            var header = reader.Headers.ToArray();
            if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            {
                throw new CorpusFormatException(source, 1, null, $"{source}: the file is empty; expected a header line naming the columns '{options.TextColumn}' and '{options.LabelColumn}', then one row per statement.");
            }

            var text = RequiredColumn(header, options.TextColumn, "TextColumn", "--text-column");
            var label = RequiredColumn(header, options.LabelColumn, "LabelColumn", "--label-column");
            var id = OptionalColumn(header, "id");
            var stakeholder = OptionalColumn(header, "stakeholder_group") ?? OptionalColumn(header, "stakeholder");
            var register = OptionalColumn(header, "register");
            var language = OptionalColumn(header, "language");
            var split = OptionalColumn(header, "split");

            while (true)
            {
                var more = reader.Read();
                while (malformed.Count > 0)
                {
                    var record = malformed.Dequeue();
                    FailMalformed(invalid, record, header);
                }

                if (!more)
                {
                    break;
                }

                var line = reader.LineNumber;
                if (reader.FieldCount != header.Length)
                {
                    Fail(invalid, line, null, $"the row has {reader.FieldCount} field(s) but the header has {header.Length}. Quote any field that contains the delimiter '{options.Delimiter}' or a line break, and double quotes inside quoted fields (\"\").");
                    continue;
                }

                if (FirstInvalidUtf8(reader, [text, label, id, stakeholder, register, language, split]) is { } bad)
                {
                    Fail(invalid, line, header[bad.Column], $"the bytes at character {bad.Character} are not valid UTF-8, so the file is probably in another encoding such as Latin-1 or Windows-1252. Save it as UTF-8, or set CorpusCsvOptions.Encoding (CLI: --encoding latin1).");
                    continue;
                }

                var statement = reader.GetString(text);
                if (string.IsNullOrWhiteSpace(statement))
                {
                    Fail(invalid, line, header[text], "the text is empty. Write the statement or remove the row.");
                    continue;
                }

                var labelValue = reader.GetString(label).Trim();
                if (!TryParseLabel(labelValue, out var stance))
                {
                    Fail(invalid, line, header[label], UnknownLabelMessage(labelValue));
                    continue;
                }

                statements.Add(new LabeledStatement(statement, stance)
                {
                    Id = Optional(reader, id),
                    Stakeholder = Optional(reader, stakeholder),
                    Register = Optional(reader, register),
                    Language = Optional(reader, language),
                    Split = Optional(reader, split),
                    Line = line,
                });
            }
        }
        catch (CsvFormatException exception)
        {
            var fix = exception.Message.Contains("too large", StringComparison.OrdinalIgnoreCase) || exception.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
                ? $" A record over {CsvDiagnostics.MaximumRecordBytes / (1024 * 1024)} MiB is almost always a quote that is never closed: close it, and double quotes inside quoted fields (\"\")."
                : string.Empty;
            throw new CorpusFormatException(source, exception.LineNumber, null, $"{source}, line {exception.LineNumber}: {exception.Message}{fix}", exception);
        }
        catch (IOException exception)
        {
            throw new CorpusFormatException(source, 0, null, $"{source}: could not be read: {exception.Message}", exception);
        }

        return new CorpusReadResult(statements, invalid);
    }

    private static string? Optional(CsvReader reader, int? column) =>
        column is { } index && reader.GetString(index) is { Length: > 0 } value ? value.Trim() : null;

    private bool TryParseLabel(string value, out Stance stance) =>
        StanceLabels.TryParse(value, out stance) || labels.TryGetValue(value, out stance);

    private string UnknownLabelMessage(string value)
    {
        var shown = options.IncludeValuesInMessages ? $"'{value}'" : "the value";
        var accepted = string.Join(", ", StanceLabels.Names) + " (any case)";
        if (labels.Count > 0)
        {
            accepted += "; aliases: " + string.Join(", ", labels.Select(a => $"{a.Key}={StanceLabels.ToLabel(a.Value)}"));
        }

        return value.Length == 0
            ? $"the label is empty. Accepted labels: {accepted}."
            : $"{shown} is not a stance label. Accepted labels: {accepted}. Fix the label, or map it with CorpusCsvOptions.LabelAliases (CLI: --label-map {(options.IncludeValuesInMessages ? value : "VALUE")}=sceptical).";
    }

    /// <summary>Returns the first of the given columns whose raw bytes are not valid UTF-8, with the 1-based character where they go wrong.</summary>
    private static (int Column, int Character)? FirstInvalidUtf8(CsvReader reader, int?[] columns)
    {
        foreach (var column in columns)
        {
            if (column is not { } index || index >= reader.FieldCount)
            {
                continue;
            }

            var raw = reader.GetRawSpan(index);
            if (Utf8.IsValid(raw))
            {
                continue;
            }

            var chars = ArrayPool<char>.Shared.Rent(raw.Length);
            try
            {
                Utf8.ToUtf16(raw, chars, out _, out var written, replaceInvalidSequences: false);
                return (index, written + 1);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }

        return null;
    }

    private void FailMalformed(List<InvalidCorpusRow> invalid, CsvMalformedRecord record, string[] header)
    {
        var reason = MalformedMessage(record);
        if (record.Reason == CsvMalformedReason.FieldCountMismatch)
        {
            Fail(invalid, record.LineNumber, null, reason);
            return;
        }

        var (field, lineOffset, character) = CsvDiagnostics.LocateQuoteFault(record.RawRecord, options.Delimiter);
        if (field < 0)
        {
            Fail(invalid, record.LineNumber, null, reason);
            return;
        }

        var column = field < header.Length ? header[field] : $"#{field + 1}";
        var where = lineOffset == 0 ? $"at character {character}" : $"at character {character} of line {record.LineNumber + lineOffset}";
        Fail(invalid, record.LineNumber, column, $"{where}: {reason}");
    }

    private static string MalformedMessage(CsvMalformedRecord record) => record.Reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed, so the rest of the file would run into it. Close the quote, and double any quote inside a quoted field (\"\").",
        CsvMalformedReason.StrayQuote => "a quote appears inside a field that does not start with a quote. Quote the whole field and double the inner quote (\"\").",
        CsvMalformedReason.TextAfterClosingQuote => "text follows the closing quote of a field. Double quotes inside a quoted field (\"\") and end the field right after its closing quote.",
        CsvMalformedReason.FieldCountMismatch => "the row has a different number of fields than the header.",
        _ => $"the row is malformed ({record.Reason}).",
    };

    private int RequiredColumn(string[] header, string name, string option, string flag)
    {
        var matches = Matches(header, name);
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count > 1)
        {
            throw new CorpusFormatException(source, 1, name, $"{source}, line 1: the column '{name}' appears {matches.Count} times (columns {string.Join(", ", matches.Select(m => m + 1))}). Rename the duplicates so that one column is '{name}'.");
        }

        var diagnosis = CsvDiagnostics.DiagnoseHeader(header, options.Delimiter, "CorpusCsvOptions.Delimiter (CLI: --delimiter)", "CorpusCsvOptions.Encoding (CLI: --encoding)");
        if (diagnosis is null && header.Any(h => StanceLabels.TryParse(h, out _) || labels.ContainsKey(h.Trim())))
        {
            diagnosis = $"The first line holds a stance label, so it looks like a data row: the file has no header. Add a first line that names the columns, such as {options.TextColumn}{options.Delimiter}{options.LabelColumn}.";
        }

        throw new CorpusFormatException(
            source,
            1,
            name,
            $"{source}, line 1: there is no column '{name}'. Columns found: {CsvDiagnostics.ShowHeader(header)}. " +
            (diagnosis ?? $"Name the right column with CorpusCsvOptions.{option} (CLI: {flag}), or check the delimiter ({CsvDiagnostics.Name(options.Delimiter)})."));
    }

    private static int? OptionalColumn(string[] header, string name)
    {
        var matches = Matches(header, name);
        return matches.Count == 1 ? matches[0] : null;
    }

    private static List<int> Matches(string[] header, string name)
    {
        var matches = new List<int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (string.Equals(header[i].Trim().TrimStart('\uFEFF'), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                matches.Add(i);
            }
        }

        return matches;
    }

    private void Fail(List<InvalidCorpusRow> invalid, long line, string? column, string reason)
    {
        if (options.SkipInvalidRows)
        {
            invalid.Add(new InvalidCorpusRow(line, column, reason));
            return;
        }

        var where = column is null ? $"{source}, line {line}" : $"{source}, line {line}, column '{column}'";
        throw new CorpusFormatException(source, line, column, $"{where}: {reason}");
    }
}
