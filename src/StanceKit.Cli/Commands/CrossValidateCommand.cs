using System.CommandLine;
using System.Diagnostics;
using StanceKit.Cli.Input;
using StanceKit.Cli.Output;

namespace StanceKit.Cli.Commands;

/// <summary><c>stancekit cv</c>: k-fold (or leave-one-group-out) cross-validation of one trainer, or of every trainer side by side.</summary>
internal sealed class CrossValidateCommand : ICliCommand
{
    private static readonly string[] Groups = ["stakeholder", "register", "language"];
    private readonly CliContext context;
    private readonly CorpusArguments corpus = new();
    private readonly TrainerArguments trainer = new(allowAll: true);
    private readonly Option<int> folds = new("--folds", "-k")
    {
        Description = "The number of folds (stratified by label, seeded).",
        HelpName = "K",
        DefaultValueFactory = _ => 5,
    };

    private readonly Option<string?> groupBy = new("--group-by")
    {
        Description = "Leave one group out instead of k folds: stakeholder, register or language (read from the stakeholder_group, register and language columns).",
        HelpName = "COLUMN",
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print one JSON object with every trainer's fold figures and pooled metrics.",
    };

    public CrossValidateCommand(CliContext context)
    {
        this.context = context;
        Command = new Command("cv", "Cross-validate a trainer (mean ± standard deviation over folds), or compare every trainer with --trainer all.");
        corpus.AddTo(Command);
        trainer.AddTo(Command);
        Command.Options.Add(folds);
        Command.Options.Add(groupBy);
        Command.Options.Add(json);
        Command.SetAction(Execute);
    }

    public Command Command { get; }

    public IReadOnlyList<string> Examples { get; } =
    [
        "stancekit cv --data data/statements.csv --split train --folds 5",
        "stancekit cv --data corpus.csv --trainer all --hash-bits 14",
        "stancekit cv --data data/statements.csv --group-by stakeholder --json",
    ];

    private int Execute(ParseResult parse)
    {
        var token = context.CancellationToken;
        var trainers = trainer.Read(parse);
        var foldCount = parse.GetValue(folds);
        var group = parse.GetValue(groupBy)?.Trim().ToLowerInvariant();
        if (group is not null && !Groups.Contains(group))
        {
            throw new CliUsageException($"--group-by '{group}' is not a group column; use one of: {string.Join(", ", Groups)}.");
        }

        if (group is null && foldCount < 2)
        {
            throw new CliUsageException($"--folds {foldCount}: use 2 or more.");
        }

        var data = corpus.Read(parse, context);
        if (group is null && foldCount > data.Statements.Count)
        {
            throw new CliUsageException($"--folds {foldCount} is more than the {data.Statements.Count} rows of {data.Description}.");
        }

        Func<LabeledStatement, string?>? groupOf = group switch
        {
            "stakeholder" => s => s.Stakeholder,
            "register" => s => s.Register,
            "language" => s => s.Language,
            _ => null,
        };

        var results = new List<(StanceTrainerOptions Options, CrossValidationReport Report, TimeSpan Elapsed)>();
        foreach (var options in trainers)
        {
            var name = TrainerArguments.NameOf(options.Algorithm);
            using var progress = context.StartProgress($"cv {name}");
            var clock = Stopwatch.StartNew();
            var stanceTrainer = new StanceTrainer(options);
            var result = groupOf is null
                ? stanceTrainer.CrossValidate(data.Statements, foldCount, progress, token)
                : stanceTrainer.CrossValidateByGroup(data.Statements, groupOf, progress, token);
            results.Add((options, result, clock.Elapsed));
        }

        var scheme = group is null ? $"{foldCount}-fold cross-validation" : $"leave-one-{group}-out cross-validation";
        if (parse.GetValue(json))
        {
            context.Out.WriteLine(Json.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("data", data.Description);
                writer.WriteNumber("count", data.Statements.Count);
                writer.WriteString("scheme", scheme);
                writer.WriteStartArray("trainers");
                foreach (var (options, report, elapsed) in results)
                {
                    writer.WriteStartObject();
                    writer.WriteString("trainer", TrainerArguments.NameOf(options.Algorithm));
                    writer.WriteNumber("seed", options.Seed);
                    writer.WriteNumber("hashBits", options.Featurizer.HashBits);
                    writer.WriteNumber("folds", report.Folds.Count);
                    writer.WriteNumber("macroF1Mean", report.MacroF1Mean);
                    writer.WriteNumber("macroF1StandardDeviation", report.MacroF1StandardDeviation);
                    writer.WriteNumber("accuracyMean", report.AccuracyMean);
                    writer.WriteNumber("accuracyStandardDeviation", report.AccuracyStandardDeviation);
                    writer.WriteNumber("seconds", elapsed.TotalSeconds);
                    writer.WriteStartArray("foldResults");
                    foreach (var fold in report.Folds)
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("count", fold.Count);
                        writer.WriteNumber("macroF1", fold.MacroF1);
                        writer.WriteNumber("accuracy", fold.Accuracy);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteStartObject("pooled");
                    Json.WriteReportProperties(writer, report.Pooled);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }));
            return Cli.Success;
        }

        var output = context.Out;
        output.WriteLine($"{scheme} on {data.Description}, {Format.Count(data.Statements.Count)} statements (seed {Format.Int(trainers[0].Seed)}).");
        output.WriteLine();
        if (results.Count == 1)
        {
            output.WriteLine($"Trainer: {TrainerArguments.NameOf(results[0].Options.Algorithm)} ({Format.Seconds(results[0].Elapsed)})");
            output.Write(results[0].Report.ToTable());
            return Cli.Success;
        }

        var table = new TextTable("trainer", "macro-F1 (mean ± sd)", "accuracy (mean ± sd)", "pooled log-loss", "time");
        foreach (var (options, report, elapsed) in results)
        {
            table.Add(
                TrainerArguments.NameOf(options.Algorithm),
                Format.MeanSd(report.MacroF1Mean, report.MacroF1StandardDeviation),
                Format.MeanSd(report.AccuracyMean, report.AccuracyStandardDeviation),
                Format.Metric(report.Pooled.LogLoss),
                Format.Seconds(elapsed));
        }

        output.Write(table.ToString());
        var best = results.MaxBy(r => r.Report.MacroF1Mean);
        output.WriteLine();
        output.WriteLine($"Best macro-F1: {TrainerArguments.NameOf(best.Options.Algorithm)} ({Format.Metric(best.Report.MacroF1Mean)}).");
        return Cli.Success;
    }
}
