using System.CommandLine;
using StanceKit.Cli.Input;
using StanceKit.Cli.Output;

namespace StanceKit.Cli.Commands;

/// <summary><c>stancekit explain</c>: the n-grams of a statement that pushed its prediction toward each stance, with signed weights.</summary>
internal sealed class ExplainCommand : ICliCommand
{
    private readonly CliContext context;
    private readonly string[] args;
    private readonly ModelArguments model = new();
    private readonly Argument<string[]> statement = new("statement")
    {
        Description = "The statement to explain (several words are joined with spaces).",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<int> top = new("--top", "-n")
    {
        Description = "How many n-grams to list per stance.",
        HelpName = "N",
        DefaultValueFactory = _ => 10,
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print one JSON object: the prediction, and per stance the n-grams with their three signed weights.",
    };

    public ExplainCommand(CliContext context, string[] args)
    {
        this.context = context;
        this.args = args;
        Command = new Command("explain", "Show the n-grams that pushed a statement's prediction toward each stance, with signed weights (linear models).");
        Command.Arguments.Add(statement);
        model.AddTo(Command);
        Command.Options.Add(top);
        Command.Options.Add(json);
        Command.SetAction(Execute);
    }

    public Command Command { get; }

    public IReadOnlyList<string> Examples { get; } =
    [
        "stancekit explain \"Kenya must withdraw its police from Haiti immediately.\"",
        "stancekit explain --model model.zip --top 5 \"The deployment needs UN oversight first.\"",
        "stancekit explain --json \"We welcome the officers.\" | jq '.toward.supportive[0]'",
    ];

    private int Execute(ParseResult parse)
    {
        var words = parse.GetValue(statement) ?? [];
        FreeText.RejectMistypedOptions(args, words);
        var count = parse.GetValue(top);
        if (count < 1)
        {
            throw new CliUsageException($"--top {count}: use 1 or more.");
        }

        var text = string.Join(' ', words);
        var (classifier, _) = model.Load(parse);
        StanceExplanation explanation;
        try
        {
            explanation = classifier.Explain(text);
        }
        catch (NotSupportedException exception)
        {
            throw new CliDataException(exception.Message.Replace("Train with StanceAlgorithm.MaximumEntropy.", "Train with --trainer maxent.", StringComparison.Ordinal), exception);
        }

        if (parse.GetValue(json))
        {
            context.Out.WriteLine(Json.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("text", text);
                Json.WritePredictionProperties(writer, explanation.Prediction);
                writer.WriteStartObject("toward");
                foreach (var stance in StanceLabels.All)
                {
                    writer.WriteStartArray(StanceLabels.ToLabel(stance));
                    foreach (var contribution in explanation.Toward(stance, count))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("ngram", contribution.Feature);
                        writer.WriteString("kind", contribution.Kind);
                        writer.WriteNumber("weight", contribution.Weights[stance]);
                        writer.WriteStartObject("weights");
                        foreach (var other in StanceLabels.All)
                        {
                            writer.WriteNumber(StanceLabels.ToLabel(other), contribution.Weights[other]);
                        }

                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }));
            return Cli.Success;
        }

        var output = context.Out;
        output.WriteLine(PredictCommand.Describe(explanation.Prediction));
        foreach (var stance in StanceLabels.All)
        {
            output.WriteLine();
            var contributions = explanation.Toward(stance, count);
            output.WriteLine($"toward {StanceLabels.ToLabel(stance)}:");
            if (contributions.Count == 0)
            {
                output.WriteLine("  (no n-gram pushes toward this stance)");
                continue;
            }

            var table = new TextTable("  weight", "supportive", "sceptical", "opposed", "kind", "n-gram").AlignLeft(4, 5);
            foreach (var c in contributions)
            {
                table.Add("  " + Format.Signed(c.Weights[stance]), Format.Signed(c.Weights.Supportive), Format.Signed(c.Weights.Sceptical), Format.Signed(c.Weights.Opposed), c.Kind, c.Feature);
            }

            output.Write(table.ToString());
        }

        output.WriteLine();
        output.WriteLine("Weights are each n-gram's contribution to a stance's score, centred so the three add up to 0: positive pushes toward the stance, negative away.");
        return Cli.Success;
    }
}
