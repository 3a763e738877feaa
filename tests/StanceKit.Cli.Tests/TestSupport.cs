using System.Globalization;
using System.Text;

namespace StanceKit.Cli.Tests;

/// <summary>What one in-process run of the tool returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the tool in-process with string streams.</summary>
public static class Run
{
    public static CliResult Cli(params string[] args) => WithInput(string.Empty, args);

    public static CliResult WithInput(string stdin, params string[] args) => WithToken(stdin, CancellationToken.None, args);

    public static CliResult WithToken(string stdin, CancellationToken cancellationToken, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = StanceKit.Cli.Cli.Run(args, input, output, error, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the tool and asserts the exit code, showing both streams when it differs.</summary>
    public static CliResult Expect(int exitCode, params string[] args)
    {
        var result = Cli(args);
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode} for `{string.Join(' ', args)}`, got {result}");
        return result;
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stancekit-cli-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Every file in the folder, hidden temporary files included.</summary>
    public IReadOnlyList<string> Files() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Shared data: the 120-row fixture, a split copy of it, and small models trained once through the CLI.</summary>
public static class Fixture
{
    private static readonly TempFolder Shared = new();
    private static readonly Lazy<string> MaxEnt = new(() => TrainOnce("maxent.zip", "maxent"));
    private static readonly Lazy<string> Svm = new(() => TrainOnce("svm.zip", "linear-svm"));
    private static readonly Lazy<string> Split = new(() => Shared.Write("split.csv", SplitCsv()));

    /// <summary>Gets the path of the 120-row fixture (40 statements per stance; columns text, label, stakeholder_group, register).</summary>
    public static string Mini => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "mini.csv");

    /// <summary>Gets a model trained on <see cref="Mini"/> with 2^12 hashed features, through <c>stancekit train</c>.</summary>
    public static string Model => MaxEnt.Value;

    /// <summary>Gets a linear-SVM model (no fast scorer, so no explanations).</summary>
    public static string SvmModel => Svm.Value;

    /// <summary>Gets the fixture with a split column: every fifth row is test, the rest train.</summary>
    public static string SplitCorpus => Split.Value;

    public static IReadOnlyList<LabeledStatement> MiniStatements => StanceCorpus.ReadCsv(Mini).Statements;

    /// <summary>The fixture's rows as raw CSV lines (header first).</summary>
    public static string[] MiniLines => System.IO.File.ReadAllLines(Mini);

    private static string TrainOnce(string name, string trainer)
    {
        var path = Shared.File(name);
        var result = Run.Cli("train", "--data", Mini, "--output", path, "--trainer", trainer, "--hash-bits", "12", "--folds", "0", "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        return path;
    }

    private static string SplitCsv()
    {
        var statements = StanceCorpus.ReadCsv(Mini).Statements;
        var text = new StringBuilder("id,text,label,split\n");
        for (var i = 0; i < statements.Count; i++)
        {
            var quoted = "\"" + statements[i].Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            text.Append(CultureInfo.InvariantCulture, $"m{i + 1:000},{quoted},{StanceLabels.ToLabel(statements[i].Label)},{(i % 5 == 4 ? "test" : "train")}\n");
        }

        return text.ToString();
    }
}
