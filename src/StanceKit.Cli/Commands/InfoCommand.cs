using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using StanceKit.Cli.Input;
using StanceKit.Cli.Output;

namespace StanceKit.Cli.Commands;

/// <summary><c>stancekit info</c>: prints a model's card (how it was trained, on what, and how well it did).</summary>
internal sealed class InfoCommand : ICliCommand
{
    private static readonly JsonSerializerOptions CardJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CliContext context;
    private readonly ModelArguments model = new();
    private readonly Argument<string?> path = new("model")
    {
        Description = "The model file. Without it (and without --model), the embedded default model.",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "MODEL.zip",
    };

    private readonly Option<bool> json = new("--json") { Description = "Print the model card as JSON." };

    public InfoCommand(CliContext context)
    {
        this.context = context;
        Command = new Command("info", "Show a model's card: trainer and settings, training corpus, measured quality, creation time, library version.");
        Command.Arguments.Add(path);
        model.AddTo(Command);
        Command.Options.Add(json);
        Command.SetAction(Execute);
    }

    public Command Command { get; }

    public IReadOnlyList<string> Examples { get; } =
    [
        "stancekit info model.zip",
        "stancekit info",
        "stancekit info model.zip --json | jq .metrics.macroF1",
    ];

    private int Execute(ParseResult parse)
    {
        var positional = parse.GetValue(path);
        var option = parse.GetValue(model.Model);
        if (positional is not null && option is not null)
        {
            throw new CliUsageException("give the model either as an argument or with --model, not both.");
        }

        var (classifier, name) = ModelArguments.Load(positional ?? option);
        var card = classifier.Card;
        if (parse.GetValue(json))
        {
            context.Out.WriteLine(JsonSerializer.Serialize(card, CardJson));
            return Cli.Success;
        }

        var featurizer = card.Trainer.Featurizer;
        var table = new TextTable("property", "value").AlignLeft(1)
            .Add("model", name)
            .Add("format version", Format.Int(card.FormatVersion))
            .Add("library version", card.LibraryVersion)
            .Add("created", card.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
            .Add("labels", string.Join(", ", card.Labels))
            .Add("trainer", $"{TrainerArguments.NameOf(card.Trainer.Algorithm)} ({card.Trainer.Algorithm})")
            .Add("seed", Format.Int(card.Trainer.Seed))
            .Add("settings", string.Create(CultureInfo.InvariantCulture, $"L2 {card.Trainer.L2Regularization}, {card.Trainer.MaximumIterations} iterations, {card.Trainer.NumberOfTrees} trees, {card.Trainer.NumberOfLeaves} leaves"))
            .Add("features", string.Create(CultureInfo.InvariantCulture, $"word 1-{featurizer.WordNgramLength} grams, char {featurizer.CharNgramMinLength}-{featurizer.CharNgramMaxLength} grams, 2^{featurizer.HashBits} slots, {(featurizer.SublinearTermFrequency ? "sublinear TF" : "TF")}{(featurizer.InverseDocumentFrequency ? "-IDF" : string.Empty)}"))
            .Add("fast scorer", classifier.HasFastScorer ? "yes (linear)" : "no (scored through ML.NET)")
            .Add("training rows", Format.Count(card.TrainingRows))
            .Add("corpus SHA-256", card.CorpusSha256)
            .Add("description", card.Description ?? "(none)");
        var output = context.Out;
        output.Write(table.ToString());
        output.WriteLine();
        if (card.Metrics is { } metrics)
        {
            output.WriteLine($"Measured on {metrics.EvaluatedOn}:");
            var figures = new TextTable("metric", "value")
                .Add("statements", Format.Count(metrics.Count))
                .Add("accuracy", Format.Metric(metrics.Accuracy))
                .Add("macro-F1", Format.Metric(metrics.MacroF1))
                .Add("log-loss", Format.Metric(metrics.LogLoss));
            for (var i = 0; i < metrics.F1.Count && i < card.Labels.Count; i++)
            {
                figures.Add($"F1 {card.Labels[i]}", Format.Metric(metrics.F1[i]));
            }

            output.Write(figures.ToString());
        }
        else
        {
            output.WriteLine("No measured quality in the card (the model was saved without an evaluation).");
        }

        return Cli.Success;
    }
}
