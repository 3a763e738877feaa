using System.CommandLine;
using CsvHelper;
using StanceKit.Cli.Input;
using StanceKit.Cli.Output;

namespace StanceKit.Cli.Commands;

/// <summary>
/// <c>stancekit suggest</c>: active learning. Streams a pool of unlabelled statements and keeps the N the model is least sure of
/// (smallest margin between its two most likely stances), written as CSV with the probabilities and an empty <c>label</c> column.
/// </summary>
internal sealed class SuggestCommand : ICliCommand
{
    private const int BatchSize = 4096;
    private readonly CliContext context;
    private readonly ModelArguments model = new();
    private readonly Option<string> pool = new("--pool")
    {
        Description = "A CSV file of statements to choose from (a header with a text column; other columns are kept).",
        HelpName = "FILE.csv",
        Required = true,
    };

    private readonly Option<int> count = new("--count", "-n")
    {
        Description = "How many statements to suggest.",
        HelpName = "N",
        Required = true,
    };

    private readonly Option<string?> output = new("--output", "-o")
    {
        Description = "Where to write the suggestions (atomically). Default: standard output.",
        HelpName = "OUT.csv",
    };

    private readonly Option<string> textColumn = new("--text-column")
    {
        Description = "The column holding the statements.",
        HelpName = "NAME",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string> labelColumn = new("--label-column")
    {
        Description = "The name of the empty label column to fill in; a pool column of that name is left out, and its rows are still candidates.",
        HelpName = "NAME",
        DefaultValueFactory = _ => "label",
    };

    private readonly Option<string> delimiter = CorpusArguments.DelimiterOption();

    public SuggestCommand(CliContext context)
    {
        this.context = context;
        Command = new Command("suggest", "Active learning: pick the statements the model is least sure of (smallest margin), to label next.");
        Command.Options.Add(pool);
        Command.Options.Add(count);
        model.AddTo(Command);
        Command.Options.Add(output);
        Command.Options.Add(textColumn);
        Command.Options.Add(labelColumn);
        Command.Options.Add(delimiter);
        Command.SetAction(Execute);
    }

    public Command Command { get; }

    public IReadOnlyList<string> Examples { get; } =
    [
        "stancekit suggest --pool unlabelled.csv --count 50 --model model.zip --output to_label.csv",
        "stancekit suggest --pool posts.csv --count 20 --text-column body",
    ];

    /// <summary>The margin of a prediction: the most likely stance's probability minus the second's. Small means unsure.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <returns>A value from 0 to 1.</returns>
    public static float Margin(StancePrediction prediction)
    {
        var p = prediction.Probabilities;
        float a = p.Supportive, b = p.Sceptical, c = p.Opposed;
        var highest = Math.Max(a, Math.Max(b, c));
        var second = a + b + c - highest - Math.Min(a, Math.Min(b, c));
        return highest - second;
    }

    private int Execute(ParseResult parse)
    {
        var token = context.CancellationToken;
        var wanted = parse.GetValue(count);
        if (wanted < 1)
        {
            throw new CliUsageException($"--count {wanted}: use 1 or more.");
        }

        var outputPath = parse.GetValue(output);
        if (outputPath is not null)
        {
            AtomicFile.CheckDestination(outputPath);
        }

        var separator = CorpusArguments.ParseDelimiter(parse.GetValue(delimiter));
        var poolPath = parse.GetValue(pool)!;
        var label = (parse.GetValue(labelColumn) ?? "label").Trim();
        var (classifier, _) = model.Load(parse);
        using var source = CsvRowSource.Open(poolPath, parse.GetValue(textColumn) ?? "text", separator);
        var kept = Enumerable.Range(0, source.Header.Count)
            .Where(i => !string.Equals(source.Header[i].Trim(), label, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        var collisions = kept.Select(i => source.Header[i]).Where(h => PredictCommand.ScoreColumns.Append("margin").Contains(h.Trim(), StringComparer.OrdinalIgnoreCase)).ToList();
        if (collisions.Count > 0)
        {
            throw new CliDataException($"{poolPath}, line 1: the file already has the column(s) {string.Join(", ", collisions.Select(c => $"'{c}'"))}, which suggest adds. Rename or drop them first.");
        }

        // A max-heap on (margin, order): the root is the surest of the kept rows, replaced when a less sure one comes.
        var heap = new PriorityQueue<(SourceRow Row, StancePrediction Prediction, long Order), (float Margin, long Order)>(
            wanted + 1, Comparer<(float Margin, long Order)>.Create((x, y) => y.CompareTo(x)));
        long rows = 0;
        using (var progress = context.StartProgress("suggest"))
        {
            var batch = new List<SourceRow>(BatchSize);
            var texts = new List<string>(BatchSize);
            var more = true;
            while (more)
            {
                batch.Clear();
                texts.Clear();
                while (batch.Count < BatchSize && (more = source.TryRead(out var row)))
                {
                    if (row.Error is not null)
                    {
                        throw new CliDataException($"{poolPath}, {row.Error}");
                    }

                    batch.Add(row);
                    texts.Add(row.Fields[source.TextColumn]);
                }

                token.ThrowIfCancellationRequested();
                var predictions = classifier.PredictBatch(texts, token);
                for (var i = 0; i < batch.Count; i++)
                {
                    var key = (Margin(predictions[i]), rows + i);
                    if (heap.Count < wanted)
                    {
                        heap.Enqueue((batch[i], predictions[i], rows + i), key);
                    }
                    else if (heap.TryPeek(out _, out var surest) && key.CompareTo(surest) < 0)
                    {
                        heap.DequeueEnqueue((batch[i], predictions[i], rows + i), key);
                    }
                }

                rows += batch.Count;
                progress.Update(source.Fraction, $"{Format.Count(rows)} rows");
            }
        }

        if (rows == 0)
        {
            throw new CliDataException($"{poolPath}: has a header but no rows to choose from.");
        }

        var chosen = heap.UnorderedItems.Select(item => item.Element).OrderBy(e => Margin(e.Prediction)).ThenBy(e => e.Order).ToList();
        token.ThrowIfCancellationRequested();
        using var target = outputPath is null ? null : AtomicFile.Create(outputPath);
        var options = CsvWriterOptions.Default with { Separator = separator, NewLine = "\n" };
        using (var writer = target is null
            ? CsvWriter.Create(context.Out, options, leaveOpen: true)
            : CsvWriter.Create(target.Stream, options, leaveOpen: true))
        {
            writer.WriteHeader([.. kept.Select(i => source.Header[i]), .. PredictCommand.ScoreColumns, "margin", label]);
            foreach (var (row, prediction, _) in chosen)
            {
                foreach (var i in kept)
                {
                    writer.WriteField(row.Fields[i]);
                }

                PredictCommand.WriteScores(writer, prediction);
                writer.WriteField(Format.Probability(Margin(prediction)));
                writer.WriteField(string.Empty);
                writer.EndRecord();
            }

            writer.Flush();
        }

        target?.Commit();
        context.Note($"suggest: {Format.Count(chosen.Count)} of {Format.Count(rows)} statement(s) chosen{(outputPath is null ? "." : $", written to {outputPath}.")}");
        return Cli.Success;
    }
}
