using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using StanceKit.Cli.Commands;

namespace StanceKit.Cli;

/// <summary>
/// The entry point of the <c>stancekit</c> tool, callable in-process: arguments in, exit code out.
/// Results go to <c>stdout</c>; progress, notes and errors to <c>stderr</c>.
/// </summary>
/// <remarks>
/// Exit codes: 0 success; 1 a data or model error (missing or malformed file, unknown label, corrupt model);
/// 2 a usage error (unknown command or option, missing or invalid value); 130 cancelled (Ctrl+C).
/// </remarks>
internal static class Cli
{
    /// <summary>The exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>The exit code of a data or model error.</summary>
    public const int DataError = 1;

    /// <summary>The exit code of a usage error.</summary>
    public const int UsageError = 2;

    /// <summary>The exit code of a cancelled run (128 + SIGINT, as shells report Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>Runs the tool with redirected streams, as tests and pipes do.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdin">Standard input (statements for <c>predict</c>).</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="cancellationToken">Cancels the run, as Ctrl+C does.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        Run(args, stdin, stdout, stderr, CliTerminal.Redirected, cancellationToken);

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="terminal">Which streams are a terminal.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CliTerminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(terminal);

        var context = new CliContext(stdin, stdout, stderr, terminal, cancellationToken);
        var root = CreateRootCommand(context, args);
        var parse = root.Parse(args);
        context.Verbose = parse.GetValue<bool>(GlobalOptions.VerboseName);
        context.Quiet = parse.GetValue<bool>(GlobalOptions.QuietName);

        if (parse.Errors.Count > 0 && parse.Action is not (HelpAction or HelpWithExamples))
        {
            // "Unrecognized command 'x'" says it all; "Required command was not provided" would only repeat it.
            var errors = parse.Errors.Count > 1 && parse.UnmatchedTokens.Count > 0
                ? parse.Errors.Where(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)).ToList()
                : parse.Errors.ToList();
            foreach (var error in errors)
            {
                stderr.WriteLine("stancekit: error: " + error.Message);
            }

            stderr.WriteLine($"Run '{CommandPath(parse)} --help' for usage and examples.");
            return UsageError;
        }

        try
        {
            var exitCode = parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
            stdout.Flush();
            return exitCode;
        }
        catch (Exception exception)
        {
            return Fail(context, parse, exception);
        }
    }

    /// <summary>Builds the command tree for one run; the actions write to <paramref name="context"/>'s streams.</summary>
    /// <param name="context">The run.</param>
    /// <param name="args">The raw arguments (commands that take free text check them for mistyped options).</param>
    /// <returns>The root command.</returns>
    internal static Command CreateRootCommand(CliContext context, string[] args)
    {
        // A plain command named "stancekit" rather than RootCommand, whose name is the running executable's
        // (StanceKit.Cli under dotnet run, testhost in tests).
        var root = new Command(
            "stancekit",
            "StanceKit: classify statements about the Kenya-led police deployment to Haiti as supportive, sceptical or opposed; " +
            "train, evaluate and compare models; score CSV files. Results go to standard output, progress and errors to standard error. " +
            "Exit codes: 0 success, 1 data or model error, 2 usage error, 130 cancelled.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(GlobalOptions.Verbose());
        root.Options.Add(GlobalOptions.Quiet());

        var commands = new ICliCommand[]
        {
            new TrainCommand(context),
            new EvaluateCommand(context),
            new CrossValidateCommand(context),
            new PredictCommand(context, args),
            new ExplainCommand(context, args),
            new SuggestCommand(context),
            new InfoCommand(context),
        };
        var examples = new Dictionary<Command, IReadOnlyList<string>>();
        foreach (var command in commands)
        {
            root.Subcommands.Add(command.Command);
            examples[command.Command] = command.Examples;
        }

        examples[root] = commands.Select(c => c.Examples[0]).ToList();
        foreach (var option in root.Options)
        {
            if (option is HelpOption help && help.Action is HelpAction standard)
            {
                help.Action = new HelpWithExamples(standard, examples);
            }
        }

        return root;
    }

    private static int Fail(CliContext context, ParseResult parse, Exception exception)
    {
        var stderr = context.Error;
        if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("stancekit: cancelled; no output file was written.");
            return Cancelled;
        }

        var (code, message) = exception switch
        {
            CliUsageException => (UsageError, exception.Message),
            CliDataException => (DataError, exception.Message),
            CorpusFormatException or ModelFormatException => (DataError, exception.Message),
            StanceKitException => (DataError, exception.Message),
            FileNotFoundException notFound => (DataError, $"{notFound.FileName ?? "file"}: not found."),
            DirectoryNotFoundException => (DataError, exception.Message),
            UnauthorizedAccessException => (DataError, exception.Message),
            IOException => (DataError, exception.Message),
            NotSupportedException => (DataError, exception.Message),
            _ => (DataError, $"unexpected {exception.GetType().Name}: {exception.Message}"),
        };

        stderr.WriteLine("stancekit: error: " + message);
        if (context.Verbose)
        {
            stderr.WriteLine(exception.ToString());
        }
        else if (code == UsageError)
        {
            stderr.WriteLine($"Run '{CommandPath(parse)} --help' for usage and examples.");
        }
        else if (message.StartsWith("unexpected ", StringComparison.Ordinal))
        {
            stderr.WriteLine("Run again with --verbose for the stack trace, and report it as a bug.");
        }

        return code;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The standard help, followed by the command's examples.</summary>
    private sealed class HelpWithExamples(HelpAction standard, IReadOnlyDictionary<Command, IReadOnlyList<string>> examples) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines) && lines.Count > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var line in lines)
                {
                    output.WriteLine("  " + line);
                }

                output.WriteLine();
            }

            return result;
        }
    }
}

/// <summary>The options every command takes.</summary>
internal static class GlobalOptions
{
    public const string VerboseName = "--verbose";
    public const string QuietName = "--quiet";

    /// <summary>Creates <c>--verbose</c>: show stack traces with errors.</summary>
    public static Option<bool> Verbose() => new(VerboseName, "-v") { Description = "Show the stack trace with an error.", Recursive = true };

    /// <summary>Creates <c>--quiet</c>: no progress or notes on standard error.</summary>
    public static Option<bool> Quiet() => new(QuietName, "-q") { Description = "Show no progress and no notes on standard error (errors and warnings still show).", Recursive = true };
}

/// <summary>A subcommand of the tool.</summary>
internal interface ICliCommand
{
    /// <summary>Gets the System.CommandLine command, with its options and action.</summary>
    Command Command { get; }

    /// <summary>Gets example command lines for <c>--help</c>; the first one also appears in the top-level help.</summary>
    IReadOnlyList<string> Examples { get; }
}
