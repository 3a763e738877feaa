using StanceKit.Cli.Output;

namespace StanceKit.Cli;

/// <summary>What the terminal is: decides between animated progress bars and plain progress lines.</summary>
/// <param name="ErrorIsTerminal">Standard error is a terminal, so progress bars can redraw in place.</param>
/// <param name="InputIsTerminal">Standard input is a terminal, so lines typed by a person are answered one by one.</param>
internal sealed record CliTerminal(bool ErrorIsTerminal, bool InputIsTerminal)
{
    /// <summary>Gets a terminal where nothing is interactive: what tests and pipes see.</summary>
    public static CliTerminal Redirected { get; } = new(false, false);
}

/// <summary>The streams, the cancellation token and the global flags of one run of the tool.</summary>
internal sealed class CliContext(TextReader input, TextWriter output, TextWriter error, CliTerminal terminal, CancellationToken cancellationToken)
{
    /// <summary>Gets standard input.</summary>
    public TextReader In { get; } = input;

    /// <summary>Gets standard output: results only (tables, CSV, JSON).</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Gets standard error: progress, notes, warnings and errors.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Gets the terminal kind.</summary>
    public CliTerminal Terminal { get; } = terminal;

    /// <summary>Gets the token that Ctrl+C cancels.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Gets or sets a value indicating whether errors show their stack trace.</summary>
    public bool Verbose { get; set; }

    /// <summary>Gets or sets a value indicating whether progress and notes are left out of standard error.</summary>
    public bool Quiet { get; set; }

    /// <summary>Starts a progress display on standard error.</summary>
    /// <param name="title">What is running, for example <c>train</c>.</param>
    /// <returns>The progress display; dispose it to end its line.</returns>
    public ProgressBar StartProgress(string title) =>
        new(Error, title, Quiet ? ProgressMode.Off : Terminal.ErrorIsTerminal ? ProgressMode.Bar : ProgressMode.Lines);

    /// <summary>Writes a note to standard error unless <see cref="Quiet"/> is set.</summary>
    /// <param name="message">The note.</param>
    public void Note(string message)
    {
        if (!Quiet)
        {
            Error.WriteLine(message);
        }
    }

    /// <summary>Writes a warning to standard error, even when <see cref="Quiet"/> is set.</summary>
    /// <param name="message">The warning.</param>
    public void Warn(string message) => Error.WriteLine("stancekit: warning: " + message);
}
