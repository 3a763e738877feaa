using System.CommandLine;
using CsvHelper;
using StanceKit.Cli.Input;
using StanceKit.Cli.Output;

namespace StanceKit.Cli.Commands;

/// <summary><c>stancekit predict</c>: classifies a statement, lines of standard input, or every row of a CSV file (streamed).</summary>
internal sealed class PredictCommand : ICliCommand
{
    /// <summary>The columns added to every scored row, in this order.</summary>
    public static readonly string[] ScoreColumns = ["stance", "confidence", "p_supportive", "p_sceptical", "p_opposed"];

    /// <summary>The last column of a scored file: empty for a scored row, or why the row could not be scored.</summary>
    public const string ErrorColumn = "error";

    private const int BatchSize = 4096;
    private readonly CliContext context;
    private readonly string[] args;
    private readonly ModelArguments model = new();
    private readonly Argument<string[]> statement = new("statement")
    {
        Description = "The statement to classify (several words are joined with spaces). Without it and without --input, lines are read from standard input.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> input = new("--input", "-i")
    {
        Description = "A CSV file to score: every row is kept, in order, with all its columns, plus " + string.Join(", ", ScoreColumns) + " and " + ErrorColumn + " (why a row could not be scored; empty otherwise). Streamed: memory stays flat.",
        HelpName = "FILE.csv",
    };

    private readonly Option<string?> output = new("--output", "-o")
    {
        Description = "Where to write the scored CSV (written atomically: no partial file on error or Ctrl+C). Default: standard output.",
        HelpName = "OUT.csv",
    };

    private readonly Option<string> textColumn = new("--text-column")
    {
        Description = "The column of --input holding the statements.",
        HelpName = "NAME",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string> delimiter = CorpusArguments.DelimiterOption();

    private readonly Option<string?> encoding = CorpusArguments.EncodingOption();

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print JSON (one object for a statement, one line per statement from standard input) instead of text or CSV.",
    };

    public PredictCommand(CliContext context, string[] args)
    {
        this.context = context;
        this.args = args;
        Command = new Command("predict", "Classify a statement, the lines of standard input, or every row of a CSV file.");
        Command.Arguments.Add(statement);
        model.AddTo(Command);
        Command.Options.Add(input);
        Command.Options.Add(output);
        Command.Options.Add(textColumn);
        Command.Options.Add(delimiter);
        Command.Options.Add(encoding);
        Command.Options.Add(json);
        Command.SetAction(Execute);
    }

    public Command Command { get; }

    public IReadOnlyList<string> Examples { get; } =
    [
        "stancekit predict \"Kenya must bring its officers home now.\"",
        "stancekit predict --model model.zip --json \"The mission deserves more funding.\"",
        "cat statements.txt | stancekit predict --model model.zip > scored.csv",
        "stancekit predict --input posts.csv --output scored.csv --text-column body --model model.zip",
    ];

    private int Execute(ParseResult parse)
    {
        var words = parse.GetValue(statement) ?? [];
        FreeText.RejectMistypedOptions(args, words);
        var inputPath = parse.GetValue(input);
        var outputPath = parse.GetValue(output);
        if (inputPath is not null && words.Length > 0)
        {
            throw new CliUsageException("give either a statement or --input FILE.csv, not both.");
        }

        if (outputPath is not null && inputPath is null)
        {
            throw new CliUsageException("--output needs --input FILE.csv (a single statement or standard input prints to standard output).");
        }

        if (inputPath is not null)
        {
            if (parse.GetValue(json))
            {
                throw new CliUsageException("--json cannot be used with --input; the scored file is CSV.");
            }

            var separator = CorpusArguments.ParseDelimiter(parse.GetValue(delimiter));
            var fileEncoding = CorpusArguments.ParseEncoding(parse.GetValue(encoding));
            if (outputPath is not null)
            {
                AtomicFile.CheckDestination(outputPath);
            }

            var (classifier, _) = model.Load(parse);
            return ScoreFile(classifier, inputPath, outputPath, parse.GetValue(textColumn) ?? "text", separator, fileEncoding);
        }

        var (loaded, _) = model.Load(parse);
        if (words.Length > 0)
        {
            var text = string.Join(' ', words);
            var prediction = loaded.Predict(text);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(Json.Write(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("text", text);
                    Json.WritePredictionProperties(writer, prediction);
                    writer.WriteEndObject();
                }));
            }
            else
            {
                context.Out.WriteLine(Describe(prediction, loaded.Card.Trainer.Featurizer.MaximumCharacters));
            }

            return Cli.Success;
        }

        return ScoreLines(loaded, parse.GetValue(json));
    }

    /// <summary>Describes a prediction for people, for example <c>opposed (confidence 0.91): supportive 0.04, sceptical 0.05, opposed 0.91</c>.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <param name="maximumCharacters">The number of characters the model reads, shown when the statement was longer.</param>
    /// <returns>One line.</returns>
    public static string Describe(StancePrediction prediction, int maximumCharacters = 0)
    {
        var p = prediction.Probabilities;
        var text = $"{StanceLabels.ToLabel(prediction.Stance)} (confidence {Format.Metric(prediction.Confidence)}): " +
            $"supportive {Format.Metric(p.Supportive)}, sceptical {Format.Metric(p.Sceptical)}, opposed {Format.Metric(p.Opposed)}";
        if (prediction.IsLowConfidence)
        {
            text += "  [low confidence]";
        }

        if (prediction.IsTruncated)
        {
            text += maximumCharacters > 0 ? $"  [truncated: only the first {Format.Count(maximumCharacters)} characters were read]" : "  [truncated]";
        }

        return text;
    }

    private int ScoreLines(StanceClassifier classifier, bool asJson)
    {
        var token = context.CancellationToken;
        using var writer = asJson ? null : CsvWriter.Create(context.Out, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        writer?.WriteHeader(["text", .. ScoreColumns]);
        writer?.Flush();
        var count = 0;
        if (context.Terminal.InputIsTerminal)
        {
            context.Note("predict: reading statements from standard input, one per line (Ctrl+D to end, Ctrl+C to stop).");
        }

        while (ReadLine(token) is { } line)
        {
            token.ThrowIfCancellationRequested();
            var prediction = classifier.Predict(line);
            if (writer is null)
            {
                context.Out.WriteLine(Json.Write(
                    w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("text", line);
                        Json.WritePredictionProperties(w, prediction);
                        w.WriteEndObject();
                    },
                    indented: false));
            }
            else
            {
                writer.WriteField(line);
                WriteScores(writer, prediction);
                writer.EndRecord();
            }

            count++;
            if (context.Terminal.InputIsTerminal)
            {
                // A person is typing: answer each line at once.
                writer?.Flush();
                context.Out.Flush();
            }
        }

        writer?.Flush();
        context.Note($"predict: {Format.Count(count)} line(s) scored.");
        return Cli.Success;
    }

    private string? ReadLine(CancellationToken token)
    {
        if (!context.Terminal.InputIsTerminal)
        {
            return context.In.ReadLine();
        }

        // A person is typing: a blocked read must not keep Ctrl+C from ending the run.
        var read = Task.Run(context.In.ReadLine, CancellationToken.None);
        read.Wait(token);
        return read.Result;
    }

    private int ScoreFile(StanceClassifier classifier, string inputPath, string? outputPath, string column, char separator, System.Text.Encoding? fileEncoding)
    {
        var token = context.CancellationToken;
        using var source = CsvRowSource.Open(inputPath, column, separator, fileEncoding);
        var collisions = source.Header.Where(h => ScoreColumns.Append(ErrorColumn).Contains(h.Trim(), StringComparer.OrdinalIgnoreCase)).ToList();
        if (collisions.Count > 0)
        {
            throw new CliDataException(
                $"{inputPath}, line 1: the file already has the column(s) {string.Join(", ", collisions.Select(c => $"'{c}'"))}, which predict adds. Rename or drop them first.");
        }

        using var target = outputPath is null ? null : AtomicFile.Create(outputPath);
        var options = CsvWriterOptions.Default with { Separator = separator, NewLine = "\n" };
        using var progress = context.StartProgress("predict");
        long rows = 0, failed = 0, truncated = 0;
        string? firstError = null;
        using (var writer = target is null
            ? CsvWriter.Create(context.Out, options, leaveOpen: true)
            : CsvWriter.Create(target.Stream, options, leaveOpen: true))
        {
            writer.WriteHeader([.. source.Header, .. ScoreColumns, ErrorColumn]);
            var batch = new List<SourceRow>(BatchSize);
            var texts = new List<string>(BatchSize);
            var more = true;
            while (more)
            {
                batch.Clear();
                texts.Clear();
                while (batch.Count < BatchSize && (more = source.TryRead(out var row)))
                {
                    batch.Add(row);
                    texts.Add(row.Error is null ? row.Fields[source.TextColumn] : string.Empty);
                }

                token.ThrowIfCancellationRequested();
                var predictions = classifier.PredictBatch(texts, token);
                for (var i = 0; i < batch.Count; i++)
                {
                    foreach (var field in batch[i].Fields)
                    {
                        writer.WriteField(field);
                    }

                    if (batch[i].Error is { } error)
                    {
                        // Never skipped: the row keeps its place, with empty scores and the reason.
                        for (var k = 0; k < ScoreColumns.Length; k++)
                        {
                            writer.WriteField(string.Empty);
                        }

                        writer.WriteField(error);
                        failed++;
                        firstError ??= error;
                    }
                    else
                    {
                        WriteScores(writer, predictions[i]);
                        writer.WriteField(string.Empty);
                        truncated += predictions[i].IsTruncated ? 1 : 0;
                    }

                    writer.EndRecord();
                }

                rows += batch.Count;
                progress.Update(source.Fraction, $"{Format.Count(rows)} rows");
            }

            token.ThrowIfCancellationRequested();
            writer.Flush();
        }

        target?.Commit();
        progress.Dispose();
        context.Note($"predict: {Format.Count(rows - failed)} row(s) scored in {Format.Seconds(progress.Elapsed)}{(outputPath is null ? "." : $", written to {outputPath}.")}");
        if (truncated > 0)
        {
            var limit = classifier.Card.Trainer.Featurizer.MaximumCharacters;
            context.Warn($"{inputPath}: {Format.Count(truncated)} statement(s) longer than {Format.Count(limit)} characters were scored on their first {Format.Count(limit)} characters.");
        }

        if (failed > 0)
        {
            context.Warn($"{inputPath}: {Format.Count(failed)} of {Format.Count(rows)} row(s) could not be scored; each is kept in place with the reason in the '{ErrorColumn}' column. First: {firstError}");
        }

        return Cli.Success;
    }

    /// <summary>Writes the stance, the confidence and the three probabilities as fields of the current record.</summary>
    /// <param name="writer">The CSV writer.</param>
    /// <param name="prediction">The prediction.</param>
    public static void WriteScores(CsvWriter writer, StancePrediction prediction)
    {
        writer.WriteField(StanceLabels.ToLabel(prediction.Stance));
        writer.WriteField(Format.Probability(prediction.Confidence));
        writer.WriteField(Format.Probability(prediction.Probabilities.Supportive));
        writer.WriteField(Format.Probability(prediction.Probabilities.Sceptical));
        writer.WriteField(Format.Probability(prediction.Probabilities.Opposed));
    }
}

/// <summary>Checks free-text arguments for options that were mistyped and taken as words.</summary>
internal static class FreeText
{
    /// <summary>Rejects words that look like options, unless they come after <c>--</c>.</summary>
    /// <param name="args">The raw arguments.</param>
    /// <param name="words">The words the parser gave the statement argument.</param>
    /// <exception cref="CliUsageException">A word before <c>--</c> starts with <c>-</c>.</exception>
    public static void RejectMistypedOptions(string[] args, string[] words)
    {
        var separator = Array.IndexOf(args, "--");
        var beforeSeparator = separator < 0 ? args : args[..separator];
        foreach (var word in words)
        {
            if (word.Length > 1 && word[0] == '-' && !char.IsDigit(word[1]) && beforeSeparator.Contains(word))
            {
                throw new CliUsageException($"unknown option '{word}'. To classify text that starts with '-', put '--' before it: stancekit predict -- \"{word} ...\"");
            }
        }
    }
}
