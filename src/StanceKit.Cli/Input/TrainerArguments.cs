using System.CommandLine;

namespace StanceKit.Cli.Input;

/// <summary>The options that choose and tune the trainer: shared by train and cv.</summary>
internal sealed class TrainerArguments
{
    private static readonly (string Name, StanceAlgorithm Algorithm, string[] Aliases)[] Trainers =
    [
        ("maxent", StanceAlgorithm.MaximumEntropy, ["maximum-entropy", "maximumentropy", "logistic-regression"]),
        ("linear-svm", StanceAlgorithm.LinearSvm, ["svm", "linearsvm"]),
        ("perceptron", StanceAlgorithm.AveragedPerceptron, ["averaged-perceptron", "averagedperceptron"]),
        ("fasttree", StanceAlgorithm.FastTree, ["fast-tree"]),
    ];

    public TrainerArguments(bool allowAll)
    {
        AllowAll = allowAll;
        Trainer = new Option<string>("--trainer", "-t")
        {
            Description = allowAll
                ? "The trainer: maxent (default), linear-svm, perceptron, fasttree, or all to compare them."
                : "The trainer: maxent (default; calibrated, explainable), linear-svm, perceptron or fasttree.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "maxent",
        };
    }

    public bool AllowAll { get; }

    public Option<string> Trainer { get; }

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "The seed of every random choice: the same data, options and seed give the same model.",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
    };

    public Option<int?> HashBits { get; } = new("--hash-bits")
    {
        Description = "Features are hashed into 2^N slots (10 to 24; default 18). Fewer bits train faster and give smaller models.",
        HelpName = "N",
    };

    public Option<bool> NoIdf { get; } = new("--no-idf")
    {
        Description = "Turn off inverse-document-frequency weighting (on by default): plain sublinear TF, written as model format 1, which StanceKit 0.1.0 reads.",
    };

    public Option<int?> Iterations { get; } = new("--iterations")
    {
        Description = "The iteration limit of the trainer (default 200).",
        HelpName = "N",
    };

    public Option<float?> L2 { get; } = new("--l2")
    {
        Description = "The L2 regularisation weight of maxent (default 0.01).",
        HelpName = "X",
    };

    public Option<int?> Trees { get; } = new("--trees")
    {
        Description = "The number of trees per class of fasttree (default 100).",
        HelpName = "N",
    };

    /// <summary>Gets the trainer names, for help and error messages.</summary>
    public static string Names => string.Join(", ", Trainers.Select(t => t.Name));

    /// <summary>Gets the display name of an algorithm, as <c>--trainer</c> takes it.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>For example <c>maxent</c>.</returns>
    public static string NameOf(StanceAlgorithm algorithm) =>
        Trainers.FirstOrDefault(t => t.Algorithm == algorithm).Name ?? algorithm.ToString();

    public void AddTo(Command command)
    {
        command.Options.Add(Trainer);
        command.Options.Add(Seed);
        command.Options.Add(HashBits);
        command.Options.Add(NoIdf);
        command.Options.Add(Iterations);
        command.Options.Add(L2);
        command.Options.Add(Trees);
    }

    /// <summary>Reads the trainer options; with <c>--trainer all</c>, one set per algorithm.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The options of each trainer to run.</returns>
    /// <exception cref="CliUsageException">The trainer is unknown or a setting is out of range.</exception>
    public IReadOnlyList<StanceTrainerOptions> Read(ParseResult parse)
    {
        var name = (parse.GetValue(Trainer) ?? "maxent").Trim();
        IEnumerable<StanceAlgorithm> algorithms;
        if (AllowAll && string.Equals(name, "all", StringComparison.OrdinalIgnoreCase))
        {
            algorithms = Trainers.Select(t => t.Algorithm);
        }
        else
        {
            algorithms = [Parse(name)];
        }

        var featurizer = new FeaturizerOptions { InverseDocumentFrequency = !parse.GetValue(NoIdf) };
        if (parse.GetValue(HashBits) is { } bits)
        {
            featurizer = featurizer with { HashBits = bits };
        }

        var defaults = new StanceTrainerOptions();
        var result = new List<StanceTrainerOptions>();
        foreach (var algorithm in algorithms)
        {
            var options = new StanceTrainerOptions
            {
                Algorithm = algorithm,
                Seed = parse.GetValue(Seed),
                Featurizer = featurizer,
                MaximumIterations = parse.GetValue(Iterations) ?? defaults.MaximumIterations,
                L2Regularization = parse.GetValue(L2) ?? defaults.L2Regularization,
                NumberOfTrees = parse.GetValue(Trees) ?? defaults.NumberOfTrees,
            };
            try
            {
                options.Validate();
            }
            catch (StanceKitException exception)
            {
                throw new CliUsageException(Translate(exception.Message));
            }

            result.Add(options);
        }

        return result;
    }

    private StanceAlgorithm Parse(string name)
    {
        var key = name.ToLowerInvariant().Replace('_', '-');
        foreach (var (trainerName, algorithm, aliases) in Trainers)
        {
            if (key == trainerName || aliases.Contains(key) || string.Equals(name, algorithm.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return algorithm;
            }
        }

        throw new CliUsageException($"--trainer '{name}' is not a trainer. Use one of: {Names}{(AllowAll ? ", all" : string.Empty)}.");
    }

    private static string Translate(string message) => message
        .Replace("Invalid StanceTrainerOptions:", "Invalid trainer options:", StringComparison.Ordinal)
        .Replace("Invalid FeaturizerOptions:", "Invalid featurizer options:", StringComparison.Ordinal)
        .Replace("HashBits", "--hash-bits", StringComparison.Ordinal)
        .Replace("MaximumIterations", "--iterations", StringComparison.Ordinal)
        .Replace("L2Regularization", "--l2", StringComparison.Ordinal)
        .Replace("NumberOfTrees", "--trees", StringComparison.Ordinal);
}
