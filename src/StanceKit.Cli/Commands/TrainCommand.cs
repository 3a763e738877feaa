using System.CommandLine;
using System.Diagnostics;
using StanceKit.Cli.Input;
using StanceKit.Cli.Output;

namespace StanceKit.Cli.Commands;

/// <summary><c>stancekit train</c>: trains a model on a CSV corpus, measures it (held-out set or cross-validation) and saves it atomically.</summary>
internal sealed class TrainCommand : ICliCommand
{
    private readonly CliContext context;
    private readonly CorpusArguments corpus = new();
    private readonly TrainerArguments trainer = new(allowAll: false);
    private readonly Option<string> output = new("--output", "-o")
    {
        Description = "Where to write the model (atomically: nothing is written on error or Ctrl+C).",
        HelpName = "MODEL.zip",
        Required = true,
    };

    private readonly Option<string?> evalSplit = new("--eval-split")
    {
        Description = "Measure the model on the rows of this split (of the same file), for example test; without --split, training uses every other row.",
        HelpName = "NAME",
    };

    private readonly Option<string?> test = new("--test")
    {
        Description = "Measure the model on this labelled CSV file (read with the same column options).",
        HelpName = "FILE.csv",
    };

    private readonly Option<int> folds = new("--folds")
    {
        Description = "Without a held-out set (--eval-split, --test), measure the model by k-fold cross-validation on the training rows; 0 skips it.",
        HelpName = "K",
        DefaultValueFactory = _ => 5,
    };

    private readonly Option<string?> description = new("--description")
    {
        Description = "A description stored in the model card, for example where the corpus came from.",
        HelpName = "TEXT",
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Print the summary as one JSON object.",
    };

    public TrainCommand(CliContext context)
    {
        this.context = context;
        Command = new Command("train", "Train a model on a labelled CSV corpus, print its measured quality, and save it.");
        corpus.AddTo(Command);
        Command.Options.Add(output);
        trainer.AddTo(Command);
        Command.Options.Add(evalSplit);
        Command.Options.Add(test);
        Command.Options.Add(folds);
        Command.Options.Add(description);
        Command.Options.Add(json);
        Command.SetAction(Execute);
    }

    public Command Command { get; }

    public IReadOnlyList<string> Examples { get; } =
    [
        "stancekit train --data data/statements.csv --split train --eval-split test --output model.zip",
        "stancekit train --data corpus.csv --output model.zip --folds 5",
        "stancekit train --data semeval.csv --text-column Tweet --label-column Stance --label-map FAVOR=supportive,AGAINST=opposed,NONE=sceptical --output model.zip",
        "stancekit train --data corpus.csv --trainer linear-svm --seed 7 --folds 0 --output svm.zip",
    ];

    private int Execute(ParseResult parse)
    {
        var token = context.CancellationToken;
        var options = trainer.Read(parse)[0];
        var outputPath = parse.GetValue(output)!;
        AtomicFile.CheckDestination(outputPath);
        var foldCount = parse.GetValue(folds);
        if (foldCount is 1 or < 0)
        {
            throw new CliUsageException($"--folds {foldCount}: use 0 (no cross-validation) or 2 or more.");
        }

        var evalSplitName = parse.GetValue(evalSplit);
        var testPath = parse.GetValue(test);
        if (evalSplitName is not null && testPath is not null)
        {
            throw new CliUsageException("give either --eval-split or --test, not both.");
        }

        var dataPath = parse.GetValue(corpus.Data)!;
        var splitName = parse.GetValue(corpus.Split);
        LoadedCorpus training;
        LoadedCorpus? heldOut = null;
        if (evalSplitName is not null)
        {
            var all = corpus.ReadAll(parse, context, dataPath);
            heldOut = CorpusArguments.Filter(all, dataPath, evalSplitName);
            training = splitName is not null
                ? CorpusArguments.Filter(all, dataPath, splitName)
                : new LoadedCorpus(all.Where(s => !string.Equals(s.Split, evalSplitName, StringComparison.OrdinalIgnoreCase)).ToList(), $"{dataPath} (split≠{evalSplitName})");
            if (training.Statements.Count == 0)
            {
                throw new CliDataException($"{dataPath}: every row is in split '{evalSplitName}'; nothing is left to train on.");
            }
        }
        else
        {
            training = corpus.Read(parse, context);
            if (testPath is not null)
            {
                heldOut = corpus.Read(parse, context, testPath, split: null);
            }
        }

        var stanceTrainer = new StanceTrainer(options);
        var name = TrainerArguments.NameOf(options.Algorithm);
        var clock = Stopwatch.StartNew();
        EvaluationReport? report = null;
        CrossValidationReport? crossValidation = null;
        string? evaluatedOn = null;
        if (heldOut is null && foldCount >= 2)
        {
            if (foldCount > training.Statements.Count)
            {
                throw new CliUsageException($"--folds {foldCount} is more than the {training.Statements.Count} training rows.");
            }

            using (var progress = context.StartProgress($"cv {name}"))
            {
                crossValidation = stanceTrainer.CrossValidate(training.Statements, foldCount, progress, token);
            }

            report = crossValidation.Pooled;
            evaluatedOn = $"{foldCount}-fold cross-validation on {training.Description}, pooled over folds (n={report.Count})";
        }

        StanceClassifier model;
        using (var progress = context.StartProgress($"train {name}"))
        {
            model = stanceTrainer.Train(training.Statements, progress, token);
        }

        if (heldOut is not null)
        {
            report = model.Evaluate(heldOut.Statements, token);
            evaluatedOn = $"{heldOut.Description} (n={report.Count})";
        }

        if (report is not null)
        {
            model = model.WithMetrics(report.ToMetrics(evaluatedOn!));
        }

        model = model.WithDescription(parse.GetValue(description) ?? $"Trained by stancekit train on {training.Description}.");
        token.ThrowIfCancellationRequested();
        model.Save(outputPath);
        var elapsed = clock.Elapsed;

        if (parse.GetValue(json))
        {
            context.Out.WriteLine(Json.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("model", outputPath);
                writer.WriteString("trainer", name);
                writer.WriteNumber("seed", options.Seed);
                writer.WriteNumber("hashBits", options.Featurizer.HashBits);
                writer.WriteBoolean("idf", options.Featurizer.InverseDocumentFrequency);
                writer.WriteString("data", training.Description);
                writer.WriteNumber("trainingRows", training.Statements.Count);
                writer.WriteNumber("seconds", elapsed.TotalSeconds);
                if (report is not null)
                {
                    writer.WriteStartObject("evaluation");
                    writer.WriteString("kind", crossValidation is null ? "held-out" : "cross-validation");
                    writer.WriteString("evaluatedOn", evaluatedOn);
                    if (crossValidation is not null)
                    {
                        writer.WriteNumber("folds", crossValidation.Folds.Count);
                        writer.WriteNumber("macroF1Mean", crossValidation.MacroF1Mean);
                        writer.WriteNumber("macroF1StandardDeviation", crossValidation.MacroF1StandardDeviation);
                        writer.WriteNumber("accuracyMean", crossValidation.AccuracyMean);
                        writer.WriteNumber("accuracyStandardDeviation", crossValidation.AccuracyStandardDeviation);
                    }

                    Json.WriteReportProperties(writer, report);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }));
            return Cli.Success;
        }

        var stdout = context.Out;
        stdout.WriteLine($"Trained {name} on {Format.Count(training.Statements.Count)} statements of {training.Description} in {Format.Seconds(elapsed)} (seed {Format.Int(options.Seed)}, 2^{Format.Int(options.Featurizer.HashBits)} feature slots).");
        if (crossValidation is not null)
        {
            stdout.WriteLine();
            stdout.Write(crossValidation.ToTable());
        }
        else if (report is not null)
        {
            stdout.WriteLine();
            stdout.WriteLine($"Held-out evaluation on {evaluatedOn}:");
            stdout.Write(report.ToTable());
        }
        else
        {
            stdout.WriteLine("Not evaluated (--folds 0 and no --eval-split or --test); the model card has no metrics.");
        }

        stdout.WriteLine();
        stdout.WriteLine($"Model written to {outputPath}.");
        return Cli.Success;
    }
}
