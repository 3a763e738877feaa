namespace StanceKit.Cli.Output;

/// <summary>
/// A file written under a temporary name beside its destination and renamed into place by <see cref="Commit"/>:
/// readers see the old file or the whole new one, never a partial file. Disposing without committing deletes the temporary file,
/// so an error or Ctrl+C leaves nothing behind.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string destination;
    private readonly string temporary;
    private bool committed;

    private AtomicFile(string destination, string temporary, FileStream stream)
    {
        this.destination = destination;
        this.temporary = temporary;
        Stream = stream;
    }

    /// <summary>Gets the stream to write the content to.</summary>
    public FileStream Stream { get; }

    /// <summary>Starts writing a file.</summary>
    /// <param name="path">The destination; an existing file is replaced on commit.</param>
    /// <returns>The file being written.</returns>
    /// <exception cref="CliDataException">The folder does not exist, or the destination is a folder.</exception>
    public static AtomicFile Create(string path)
    {
        var full = CheckDestination(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        return new AtomicFile(full, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
    }

    /// <summary>Checks that a file can be written at <paramref name="path"/> before any long work starts.</summary>
    /// <param name="path">The destination.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="CliDataException">The folder does not exist, or the destination is a folder.</exception>
    public static string CheckDestination(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliDataException($"{path}: is a directory; give a file name.");
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new CliDataException($"{path}: the folder '{folder}' does not exist; create it first.");
        }

        return full;
    }

    /// <summary>Flushes the content and moves it into place.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(temporary, destination, overwrite: true);
        committed = true;
    }

    /// <summary>Closes the file; without a commit, deletes it.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        if (!committed)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Best effort: the temporary file is hidden and named as such.
            }
        }
    }
}
