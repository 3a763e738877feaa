using System.Text;

namespace StanceKit.Cli.Output;

/// <summary>A plain-text table with aligned columns: the first column (and any named by <see cref="AlignLeft"/>) left-aligned, the others right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];
    private readonly HashSet<int> leftAligned = [0];

    /// <summary>Aligns columns to the left (the first column always is).</summary>
    /// <param name="columns">The 0-based column indexes.</param>
    /// <returns>This table.</returns>
    public TextTable AlignLeft(params int[] columns)
    {
        leftAligned.UnionWith(columns);
        return this;
    }

    /// <summary>Adds a row; it must have one cell per header.</summary>
    /// <param name="cells">The cells.</param>
    /// <returns>This table.</returns>
    public TextTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    /// <summary>Renders the table, one line per row, lines ending with a newline.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var widths = new int[headers.Length];
        foreach (var row in rows.Prepend(headers))
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        foreach (var row in rows.Prepend(headers))
        {
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    text.Append("  ");
                }

                text.Append(leftAligned.Contains(i) ? row[i].PadRight(widths[i]) : row[i].PadLeft(widths[i]));
            }

            while (text.Length > 0 && text[^1] == ' ')
            {
                text.Length--;
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
