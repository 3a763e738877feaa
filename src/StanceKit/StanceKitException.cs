namespace StanceKit;

/// <summary>The base type of every error StanceKit raises for bad data, bad model files or bad options.</summary>
public class StanceKitException : Exception
{
    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public StanceKitException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public StanceKitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance with a default message.</summary>
    public StanceKitException()
    {
    }
}

/// <summary>A corpus file (or reader) holds a row or a header StanceKit cannot use.</summary>
/// <remarks>The message names the source, the line and the column, and says how to fix the problem.</remarks>
public sealed class CorpusFormatException : StanceKitException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="source">The file path, or a description of the reader.</param>
    /// <param name="line">The 1-based line on which the bad row starts, or 0 when the problem concerns the whole file.</param>
    /// <param name="column">The column concerned, or <see langword="null"/>.</param>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CorpusFormatException(string source, long line, string? column, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SourceName = source;
        Line = line;
        Column = column;
    }

    /// <summary>Gets the file path, or a description of the reader.</summary>
    public string SourceName { get; }

    /// <summary>Gets the 1-based line on which the bad row starts, or 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>Gets the column concerned, or <see langword="null"/>.</summary>
    public string? Column { get; }
}

/// <summary>A file or stream is not a StanceKit model that this version can read.</summary>
public sealed class ModelFormatException : StanceKitException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="source">The model file path, or a description of the stream.</param>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ModelFormatException(string source, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SourceName = source;
    }

    /// <summary>Gets the model file path, or a description of the stream.</summary>
    public string SourceName { get; }
}
