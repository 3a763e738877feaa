using System.CommandLine;

namespace StanceKit.Cli.Input;

/// <summary>The <c>--model</c> option and how a model is loaded: a file, or the embedded default model.</summary>
internal sealed class ModelArguments
{
    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "A model file written by 'stancekit train'. Without it, the default model embedded in StanceKit is used.",
        HelpName = "MODEL.zip",
    };

    public void AddTo(Command command) => command.Options.Add(Model);

    /// <summary>Loads the model named by <c>--model</c>, or the default model.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The classifier and how to name it.</returns>
    public (StanceClassifier Classifier, string Name) Load(ParseResult parse) => Load(parse.GetValue(Model));

    /// <summary>Loads a model file, or the default model when <paramref name="path"/> is null.</summary>
    /// <param name="path">The model file, or <see langword="null"/>.</param>
    /// <returns>The classifier and how to name it.</returns>
    /// <exception cref="CliDataException">The file is missing, is not a StanceKit model, or there is no default model.</exception>
    public static (StanceClassifier Classifier, string Name) Load(string? path)
    {
        if (path is null)
        {
            try
            {
                return (StanceClassifier.Default, "the default model");
            }
            catch (StanceKitException exception)
            {
                throw new CliDataException(
                    $"no default model: {exception.Message} Pass a model file with --model MODEL.zip (make one with 'stancekit train').", exception);
            }
        }

        if (Directory.Exists(path))
        {
            throw new CliDataException($"{path}: is a directory; give a model file written by 'stancekit train'.");
        }

        if (!File.Exists(path))
        {
            throw new CliDataException($"{path}: model file not found.");
        }

        try
        {
            return (StanceClassifier.Load(path), path);
        }
        catch (ModelFormatException exception) when (!exception.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new CliDataException($"{path}: {exception.Message}", exception);
        }
    }
}
