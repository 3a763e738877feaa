using System.Runtime.InteropServices;
using StanceKit.Cli;

// The process entry: wires Ctrl+C and SIGTERM to a cancellation token and hands the console to Cli.Run.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the run cleanly; a second one ends the process at once.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancellation.Cancel();
});

var terminal = new CliTerminal(ErrorIsTerminal: !Console.IsErrorRedirected, InputIsTerminal: !Console.IsInputRedirected);
return Cli.Run(args, Console.In, Console.Out, Console.Error, terminal, cancellation.Token);
