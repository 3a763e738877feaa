using StanceKit.Corpus;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace StanceKit.Cli.Input;

/// <summary>One row of an unlabelled CSV file: every field as read, where the row starts, and why it cannot be scored, if so.</summary>
/// <param name="Fields">The fields, one per header column (a short row is padded with empty fields; the extra fields of a
/// long row are kept, joined with the delimiter, in the last column).</param>
/// <param name="Line">The 1-based line of the file on which the row starts.</param>
/// <param name="Error">Why the row cannot be scored (line, column, what is wrong and how to fix it), or <see langword="null"/>.</param>
internal readonly record struct SourceRow(string[] Fields, long Line, string? Error = null);

/// <summary>
/// Streams the rows of a CSV file that has a text column (for <c>predict --input</c> and <c>suggest</c>):
/// one row in memory at a time, every field kept as it is, every row returned, every problem reported with its file and line.
/// </summary>
/// <remarks>
/// A row with a problem of its own (a different number of fields than the header, broken quoting, bytes that are not
/// valid UTF-8) comes back with <see cref="SourceRow.Error"/> set, never skipped. Problems that make the rows themselves
/// uncertain end the read with a <see cref="CliDataException"/>: a bad header, a quote that is never closed (the rest of the
/// file would be one value), a record over 64 MiB.
/// </remarks>
internal sealed class CsvRowSource : IDisposable
{
    private readonly CsvReader reader;
    private readonly string path;
    private readonly long length;
    private readonly char delimiter;
    private readonly Queue<CsvMalformedRecord> malformed;

    private CsvRowSource(string path, CsvReader reader, string[] header, int textColumn, long length, char delimiter, Queue<CsvMalformedRecord> malformed)
    {
        this.path = path;
        this.reader = reader;
        this.length = length;
        this.delimiter = delimiter;
        this.malformed = malformed;
        Header = header;
        TextColumn = textColumn;
    }

    /// <summary>Gets the column names, as written in the file.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Gets the index of the text column.</summary>
    public int TextColumn { get; }

    /// <summary>Gets the share of the file read so far, from 0 to 1.</summary>
    public double Fraction => length <= 0 ? 0 : Math.Clamp((double)reader.ByteOffset / length, 0, 1);

    /// <summary>Opens a CSV file and checks its header.</summary>
    /// <param name="path">The file.</param>
    /// <param name="textColumn">The name of the column holding the statements (matched ignoring case).</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="encoding">The encoding of a file without a byte order mark, or <see langword="null"/> for UTF-8.</param>
    /// <returns>The row source.</returns>
    /// <exception cref="CliDataException">The file is missing or empty, or has no such column, or names it twice.</exception>
    public static CsvRowSource Open(string path, string textColumn, char delimiter, Encoding? encoding = null)
    {
        if (Directory.Exists(path))
        {
            throw new CliDataException($"{path}: is a directory; give a CSV file.");
        }

        if (!File.Exists(path))
        {
            throw new CliDataException($"{path}: file not found.");
        }

        var malformed = new Queue<CsvMalformedRecord>();
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MaxRecordSize = CsvDiagnostics.MaximumRecordBytes,
            Encoding = encoding,
            OnMalformedRecord = malformed.Enqueue,
        };
        var reader = CsvReader.FromFile(path, options);
        try
        {
            var header = reader.Headers.ToArray();
            if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            {
                throw new CliDataException($"{path}: the file is empty; expected a header line with a column '{textColumn}', then one row per statement.");
            }

            var matches = Enumerable.Range(0, header.Length)
                .Where(i => string.Equals(header[i].Trim().TrimStart('\uFEFF'), textColumn.Trim(), StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (matches.Count == 0)
            {
                var diagnosis = CsvDiagnostics.DiagnoseHeader(header, delimiter, "--delimiter", "--encoding");
                throw new CliDataException(
                    $"{path}, line 1: there is no column '{textColumn}'. Columns found: {CsvDiagnostics.ShowHeader(header)}. " +
                    (diagnosis ?? $"Name the right column with --text-column, or check the delimiter ({CsvDiagnostics.Name(delimiter)}, --delimiter). A file without a header line needs one added."));
            }

            if (matches.Count > 1)
            {
                throw new CliDataException($"{path}, line 1: the column '{textColumn}' appears {matches.Count} times (columns {string.Join(", ", matches.Select(m => m + 1))}); rename the duplicates.");
            }

            malformed.Clear();
            return new CsvRowSource(path, reader, header, matches[0], new FileInfo(path).Length, delimiter, malformed);
        }
        catch (CsvFormatException exception)
        {
            reader.Dispose();
            throw new CliDataException($"{path}, line {Math.Max(1, exception.LineNumber)}: {exception.Message}", exception);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next row; a row with a problem of its own comes back with <see cref="SourceRow.Error"/> set.</summary>
    /// <param name="row">The row, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="CliDataException">A quote is never closed, or a record is over 64 MiB.</exception>
    public bool TryRead(out SourceRow row)
    {
        try
        {
            var more = reader.Read();
            CsvMalformedRecord? problem = malformed.Count > 0 ? malformed.Dequeue() : null;
            malformed.Clear();
            if (problem is { Reason: CsvMalformedReason.UnterminatedQuote } unterminated)
            {
                var (field, _, character) = CsvDiagnostics.LocateQuoteFault(unterminated.RawRecord, delimiter);
                throw new CliDataException(
                    $"{path}, line {unterminated.LineNumber}{ColumnPart(field)}: the quote that opens this field at character {Math.Max(1, character)} is never closed, " +
                    "so the rest of the file would be read as one value and the rows after it would be lost. Close the quote, and double every quote inside a quoted field (\"\"). Nothing was scored.");
            }

            if (!more)
            {
                row = default;
                return false;
            }

            var line = reader.LineNumber;
            var fields = ReadFields();
            row = new SourceRow(fields, line, RowError(problem, line));
            return true;
        }
        catch (CsvFormatException exception)
        {
            var fix = exception.Message.Contains("large", StringComparison.OrdinalIgnoreCase) || exception.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
                ? $" A record over {CsvDiagnostics.MaximumRecordBytes / (1024 * 1024)} MiB is almost always a quote that is never closed: close it."
                : " Quote fields that contain the delimiter or a line break, and double quotes inside quoted fields (\"\").";
            throw new CliDataException($"{path}, line {exception.LineNumber}: {exception.Message}{fix}", exception);
        }
    }

    public void Dispose() => reader.Dispose();

    private string[] ReadFields()
    {
        var count = Header.Count;
        var fields = new string[count];
        var present = Math.Min(count, reader.FieldCount);
        for (var i = 0; i < present; i++)
        {
            fields[i] = reader.GetString(i);
        }

        for (var i = present; i < count; i++)
        {
            fields[i] = string.Empty;
        }

        if (reader.FieldCount > count)
        {
            var rest = new StringBuilder(fields[count - 1]);
            for (var i = count; i < reader.FieldCount; i++)
            {
                rest.Append(delimiter).Append(reader.GetString(i));
            }

            fields[count - 1] = rest.ToString();
        }

        return fields;
    }

    private string? RowError(CsvMalformedRecord? problem, long line)
    {
        if (problem is { } record)
        {
            var (field, lineOffset, character) = CsvDiagnostics.LocateQuoteFault(record.RawRecord, delimiter);
            var at = field < 0 ? string.Empty : lineOffset == 0 ? $", character {character}" : $", line {line + lineOffset}, character {character}";
            var what = record.Reason switch
            {
                CsvMalformedReason.StrayQuote => "a quote appears inside a field that does not start with a quote",
                CsvMalformedReason.TextAfterClosingQuote => "text follows the closing quote of a field",
                _ => $"the row is malformed ({record.Reason})",
            };
            return $"line {line}{ColumnPart(field)}{at}: {what}, so its value is uncertain. Quote the whole field and double every quote inside it (\"\").";
        }

        if (reader.FieldCount != Header.Count)
        {
            var kept = reader.FieldCount > Header.Count ? $"; fields {Header.Count} to {reader.FieldCount} are kept, joined, in column '{Header[^1]}'" : string.Empty;
            return $"line {line}: the row has {reader.FieldCount} field(s) but the header has {Header.Count}{kept}. Quote every field that contains the delimiter ({CsvDiagnostics.Name(delimiter)}) or a line break.";
        }

        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!Utf8.IsValid(reader.GetRawSpan(i)))
            {
                return $"line {line}, column '{Header[i]}': the bytes are not valid UTF-8, so the file is probably in another encoding such as Latin-1 or Windows-1252. Save it as UTF-8, or give --encoding latin1 (or the file's encoding).";
            }
        }

        return null;
    }

    private string ColumnPart(int field) => field < 0 ? string.Empty : field < Header.Count ? $", column '{Header[field]}'" : $", field {field + 1}";
}
