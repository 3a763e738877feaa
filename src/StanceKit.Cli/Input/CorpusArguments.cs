using System.CommandLine;
using System.Text;
using StanceKit.Cli.Output;

namespace StanceKit.Cli.Input;

/// <summary>A labelled corpus read from a CSV file, and how to describe it.</summary>
/// <param name="Statements">The statements, in file order.</param>
/// <param name="Description">For example <c>data/statements.csv (split=test)</c>.</param>
internal sealed record LoadedCorpus(IReadOnlyList<LabeledStatement> Statements, string Description);

/// <summary>The options that say how to read a labelled CSV corpus: shared by train, evaluate and cv.</summary>
internal sealed class CorpusArguments
{
    public CorpusArguments(string name = "--data", string? description = null, bool required = true)
    {
        Data = new Option<string>(name)
        {
            Description = description ?? "The labelled CSV corpus: a header line, then one statement per row.",
            HelpName = "FILE.csv",
            Required = required,
        };
    }

    public Option<string> Data { get; }

    public Option<string> TextColumn { get; } = new("--text-column")
    {
        Description = "The column holding the statements.",
        HelpName = "NAME",
        DefaultValueFactory = _ => "text",
    };

    public Option<string> LabelColumn { get; } = new("--label-column")
    {
        Description = "The column holding the labels (supportive, sceptical, opposed, or aliases from --label-map).",
        HelpName = "NAME",
        DefaultValueFactory = _ => "label",
    };

    public Option<string?> LabelMap { get; } = new("--label-map")
    {
        Description = "Extra label strings and the stance each stands for, for example FAVOR=supportive,AGAINST=opposed,NONE=sceptical.",
        HelpName = "ALIAS=label,...",
    };

    public Option<string?> Split { get; } = new("--split")
    {
        Description = "Use only the rows whose 'split' column has this value, for example train or test.",
        HelpName = "NAME",
    };

    public Option<string> Delimiter { get; } = DelimiterOption();

    public Option<string?> Encoding { get; } = EncodingOption();

    public Option<bool> SkipInvalidRows { get; } = new("--skip-invalid-rows")
    {
        Description = "Skip rows with an empty text or an unknown label (each is listed on standard error) instead of stopping at the first.",
    };

    /// <summary>Creates a <c>--delimiter</c> option.</summary>
    /// <returns>The option; its default value is a comma.</returns>
    public static Option<string> DelimiterOption() => new("--delimiter")
    {
        Description = "The field delimiter of the CSV file: one character, or 'tab'.",
        HelpName = "CHAR",
        DefaultValueFactory = _ => ",",
    };

    /// <summary>Creates an <c>--encoding</c> option.</summary>
    /// <returns>The option; without it, files are read as UTF-8 unless they start with a byte order mark.</returns>
    public static Option<string?> EncodingOption() => new("--encoding")
    {
        Description = "The encoding of a CSV file that has no byte order mark: utf-8 (the default), latin1, windows-1252, utf-16, or another encoding name. A byte order mark always wins.",
        HelpName = "NAME",
    };

    /// <summary>Reads an <c>--encoding</c> value.</summary>
    /// <param name="value">An encoding name such as <c>latin1</c> or <c>windows-1252</c>, or <see langword="null"/>.</param>
    /// <returns>The encoding, or <see langword="null"/> for the default (UTF-8).</returns>
    /// <exception cref="CliUsageException">The name is not an encoding.</exception>
    public static Encoding? ParseEncoding(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try
        {
            return System.Text.Encoding.GetEncoding(value.Trim());
        }
        catch (ArgumentException)
        {
            throw new CliUsageException($"--encoding '{value}' is not an encoding; use for example utf-8, latin1, windows-1252 or utf-16.");
        }
    }

    /// <summary>Reads a <c>--delimiter</c> value.</summary>
    /// <param name="value">One character, <c>tab</c> or <c>\t</c>.</param>
    /// <returns>The delimiter.</returns>
    /// <exception cref="CliUsageException">The value is not a single character.</exception>
    public static char ParseDelimiter(string? value) => value switch
    {
        null or "" => ',',
        "tab" or "TAB" or "\\t" => '\t',
        { Length: 1 } => value[0],
        _ => throw new CliUsageException($"--delimiter '{value}' is not a single character; use for example ',' ';' or tab."),
    };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    /// <param name="withSplit">Whether to add <c>--split</c>.</param>
    public void AddTo(Command command, bool withSplit = true)
    {
        command.Options.Add(Data);
        command.Options.Add(TextColumn);
        command.Options.Add(LabelColumn);
        command.Options.Add(LabelMap);
        if (withSplit)
        {
            command.Options.Add(Split);
        }

        command.Options.Add(Delimiter);
        command.Options.Add(Encoding);
        command.Options.Add(SkipInvalidRows);
    }

    /// <summary>Checks the options and turns them into the library's reader options.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The reader options.</returns>
    /// <exception cref="CliUsageException">The label map or a column name is invalid.</exception>
    public CorpusCsvOptions ReaderOptions(ParseResult parse)
    {
        IReadOnlyDictionary<string, Stance> aliases = new Dictionary<string, Stance>();
        if (parse.GetValue(LabelMap) is { } map)
        {
            try
            {
                aliases = CorpusCsvOptions.ParseLabelMap(map);
            }
            catch (StanceKitException exception)
            {
                throw new CliUsageException("--label-map: " + exception.Message);
            }
        }

        var options = new CorpusCsvOptions
        {
            TextColumn = parse.GetValue(TextColumn) ?? "text",
            LabelColumn = parse.GetValue(LabelColumn) ?? "label",
            Delimiter = ParseDelimiter(parse.GetValue(Delimiter)),
            LabelAliases = aliases,
            SkipInvalidRows = parse.GetValue(SkipInvalidRows),
        };
        if (ParseEncoding(parse.GetValue(Encoding)) is { } encoding)
        {
            options = options with { Encoding = encoding };
        }

        try
        {
            options.Validate();
        }
        catch (StanceKitException exception)
        {
            throw new CliUsageException(exception.Message.Replace("CorpusCsvOptions", "the CSV options", StringComparison.Ordinal));
        }

        return options;
    }

    /// <summary>Reads the corpus given by <see cref="Data"/>, filtered by <c>--split</c>.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="context">The run.</param>
    /// <returns>The statements.</returns>
    /// <exception cref="CliDataException">The file is missing, has no split column, or has no rows in the split.</exception>
    public LoadedCorpus Read(ParseResult parse, CliContext context) =>
        Read(parse, context, parse.GetValue(Data) ?? throw new CliUsageException($"Option '{Data.Name}' is required."), parse.GetValue(Split));

    /// <summary>Reads a corpus file with these options.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="context">The run.</param>
    /// <param name="path">The file.</param>
    /// <param name="split">The split to keep, or <see langword="null"/> for every row.</param>
    /// <returns>The statements.</returns>
    public LoadedCorpus Read(ParseResult parse, CliContext context, string path, string? split)
    {
        var all = ReadAll(parse, context, path);
        return split is null ? new LoadedCorpus(all, path) : Filter(all, path, split);
    }

    /// <summary>Reads every row of a corpus file.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="context">The run.</param>
    /// <param name="path">The file.</param>
    /// <returns>The statements.</returns>
    public IReadOnlyList<LabeledStatement> ReadAll(ParseResult parse, CliContext context, string path)
    {
        var options = ReaderOptions(parse);
        if (Directory.Exists(path))
        {
            throw new CliDataException($"{path}: is a directory; give a CSV file.");
        }

        var result = StanceCorpus.ReadCsv(path, options);
        if (result.InvalidRows.Count > 0)
        {
            foreach (var row in result.InvalidRows.Take(20))
            {
                var where = row.Column is null ? $"line {row.Line}" : $"line {row.Line}, column '{row.Column}'";
                context.Warn($"{path}, {where}: skipped: {row.Reason}");
            }

            if (result.InvalidRows.Count > 20)
            {
                context.Warn($"{path}: {Format.Count(result.InvalidRows.Count - 20)} more invalid row(s) skipped.");
            }

            context.Warn($"{path}: {Format.Count(result.InvalidRows.Count)} invalid row(s) skipped, {Format.Count(result.Statements.Count)} kept.");
        }

        if (result.Statements.Count == 0)
        {
            throw new CliDataException($"{path}: has no usable rows (a header and at least one labelled statement are needed).");
        }

        return result.Statements;
    }

    /// <summary>Keeps the rows of one split.</summary>
    /// <param name="all">Every row.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="split">The split.</param>
    /// <returns>The rows of the split.</returns>
    /// <exception cref="CliDataException">The file has no split column, or no row of that split.</exception>
    public static LoadedCorpus Filter(IReadOnlyList<LabeledStatement> all, string path, string split)
    {
        if (all.All(s => s.Split is null))
        {
            throw new CliDataException($"{path}: has no 'split' column (or it is empty), so --split {split} selects nothing. Drop --split, or add a split column.");
        }

        var kept = all.Where(s => string.Equals(s.Split, split, StringComparison.OrdinalIgnoreCase)).ToList();
        if (kept.Count == 0)
        {
            var found = all.Select(s => s.Split).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
            throw new CliDataException($"{path}: no row has split '{split}'. Splits found: {string.Join(", ", found)}.");
        }

        return new LoadedCorpus(kept, $"{path} (split={split})");
    }
}
