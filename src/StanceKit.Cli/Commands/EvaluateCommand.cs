using System.CommandLine;
using System.Text;
using StanceKit.Cli.Input;
using StanceKit.Cli.Output;
using StanceKit.Cli.Reports;

namespace StanceKit.Cli.Commands;

/// <summary><c>stancekit evaluate</c>: measures a model on a labelled CSV file; prints tables or JSON, and optionally writes an HTML report.</summary>
internal sealed class EvaluateCommand : ICliCommand
{
    private readonly CliContext context;
    private readonly CorpusArguments corpus = new();
    private readonly ModelArguments model = new();
    private readonly Option<bool> json = new("--json")
    {
        Description = "Print one JSON object: count, accuracy, macroF1, logLoss, perClass (precision, recall, f1, support per label) and confusion.",
    };

    private readonly Option<string?> report = new("--report")
    {
        Description = "Also write a self-contained HTML report: confusion heatmap, per-class bars, reliability chart, accuracy versus threshold, most confident mistakes.",
        HelpName = "REPORT.html",
    };

    private readonly Option<int> mistakes = new("--mistakes")
    {
        Description = "How many of the most confident mistakes the HTML report lists.",
        HelpName = "N",
        DefaultValueFactory = _ => 15,
    };

    public EvaluateCommand(CliContext context)
    {
        this.context = context;
        Command = new Command("evaluate", "Measure a model on a labelled CSV file: per-stance precision, recall and F1, macro-F1, accuracy, confusion matrix.");
        corpus.AddTo(Command);
        model.AddTo(Command);
        Command.Options.Add(json);
        Command.Options.Add(report);
        Command.Options.Add(mistakes);
        Command.SetAction(Execute);
    }

    public Command Command { get; }

    public IReadOnlyList<string> Examples { get; } =
    [
        "stancekit evaluate --data data/statements.csv --split test --model model.zip",
        "stancekit evaluate --data test.csv --model model.zip --json | jq .macroF1",
        "stancekit evaluate --data test.csv --model model.zip --report report.html",
    ];

    private int Execute(ParseResult parse)
    {
        var token = context.CancellationToken;
        var reportPath = parse.GetValue(report);
        var mistakeCount = parse.GetValue(mistakes);
        if (mistakeCount < 0)
        {
            throw new CliUsageException($"--mistakes {mistakeCount}: use 0 or more.");
        }

        if (reportPath is not null)
        {
            AtomicFile.CheckDestination(reportPath);
        }

        var data = corpus.Read(parse, context);
        var (classifier, modelName) = model.Load(parse);
        var evaluation = classifier.Evaluate(data.Statements, token);

        if (reportPath is not null)
        {
            var predictions = classifier.PredictBatch(data.Statements.Select(s => s.Text).ToList(), token);
            var scored = data.Statements.Select((s, i) => new ScoredStatement(s, predictions[i])).ToList();
            var html = HtmlReport.Render(new ReportSubject(modelName, data.Description, classifier.Card, DateTimeOffset.UtcNow), evaluation, scored, mistakeCount);
            token.ThrowIfCancellationRequested();
            using var file = AtomicFile.Create(reportPath);
            file.Stream.Write(new UTF8Encoding(false).GetBytes(html));
            file.Commit();
            context.Note($"evaluate: report written to {reportPath}.");
        }

        if (parse.GetValue(json))
        {
            context.Out.WriteLine(Json.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("model", modelName);
                writer.WriteString("data", data.Description);
                Json.WriteReportProperties(writer, evaluation);
                writer.WriteEndObject();
            }));
            return Cli.Success;
        }

        context.Out.WriteLine($"Model: {modelName} ({TrainerArguments.NameOf(classifier.Card.Trainer.Algorithm)}, trained on {Format.Count(classifier.Card.TrainingRows)} statements)");
        context.Out.WriteLine($"Data:  {data.Description}, {Format.Count(evaluation.Count)} statements");
        context.Out.WriteLine();
        context.Out.Write(evaluation.ToTable());
        return Cli.Success;
    }
}
