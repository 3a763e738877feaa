namespace StanceKit.Cli;

/// <summary>The command line is wrong (a missing or invalid option value): exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>An input file or model cannot be used: exit code 1. The message names the file, and the row and column where it can.</summary>
internal sealed class CliDataException(string message, Exception? innerException = null) : Exception(message, innerException);
