using CsvHelper;

namespace StanceKit.Cli.Input;

/// <summary>One row of an unlabelled CSV file: every field as read, and where the row starts.</summary>
/// <param name="Fields">The fields, one per header column.</param>
/// <param name="Line">The 1-based line of the file on which the row starts.</param>
internal readonly record struct SourceRow(string[] Fields, long Line);

/// <summary>
/// Streams the rows of a CSV file that has a text column (for <c>predict --input</c> and <c>suggest</c>):
/// one row in memory at a time, every field kept as it is, every problem reported with its file and line.
/// </summary>
internal sealed class CsvRowSource : IDisposable
{
    private readonly CsvReader reader;
    private readonly string path;
    private readonly long length;

    private CsvRowSource(string path, CsvReader reader, string[] header, int textColumn, long length)
    {
        this.path = path;
        this.reader = reader;
        this.length = length;
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
    /// <returns>The row source.</returns>
    /// <exception cref="CliDataException">The file is missing or empty, or has no such column, or names it twice.</exception>
    public static CsvRowSource Open(string path, string textColumn, char delimiter)
    {
        if (Directory.Exists(path))
        {
            throw new CliDataException($"{path}: is a directory; give a CSV file.");
        }

        if (!File.Exists(path))
        {
            throw new CliDataException($"{path}: file not found.");
        }

        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        var reader = CsvReader.FromFile(path, options);
        try
        {
            var header = reader.Headers.ToArray();
            if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            {
                throw new CliDataException($"{path}: the file is empty; expected a header line with a column '{textColumn}'.");
            }

            var matches = Enumerable.Range(0, header.Length)
                .Where(i => string.Equals(header[i].Trim().TrimStart('\uFEFF'), textColumn.Trim(), StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (matches.Count == 0)
            {
                throw new CliDataException(
                    $"{path}, line 1: there is no column '{textColumn}'. Columns found: {string.Join(", ", header.Select(h => $"'{h}'"))}. " +
                    $"Name the right column with --text-column, or check the delimiter ('{delimiter}', --delimiter).");
            }

            if (matches.Count > 1)
            {
                throw new CliDataException($"{path}, line 1: the column '{textColumn}' appears {matches.Count} times; rename the duplicates.");
            }

            return new CsvRowSource(path, reader, header, matches[0], new FileInfo(path).Length);
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

    /// <summary>Reads the next row.</summary>
    /// <param name="row">The row, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="CliDataException">The row is malformed (broken quoting, wrong number of fields).</exception>
    public bool TryRead(out SourceRow row)
    {
        try
        {
            if (!reader.Read())
            {
                row = default;
                return false;
            }

            var fields = new string[Header.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            row = new SourceRow(fields, reader.LineNumber);
            return true;
        }
        catch (CsvFormatException exception)
        {
            throw new CliDataException(
                $"{path}, line {exception.LineNumber}: {exception.Message} Quote fields that contain the delimiter or a line break, and double quotes inside quoted fields (\"\").",
                exception);
        }
    }

    public void Dispose() => reader.Dispose();
}
