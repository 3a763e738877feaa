using System.IO.Compression;

namespace StanceKit.Tests.Models;

/// <summary>Reads and rewrites the entries of a model file, for tests that forge, damage or age one.</summary>
public static class ModelZip
{
    /// <summary>Gets every entry of a model file, by name, in the file's order.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Entries(byte[] model)
    {
        using var zip = new ZipArchive(new MemoryStream(model), ZipArchiveMode.Read);
        return zip.Entries.Select(entry =>
        {
            using var input = entry.Open();
            using var copy = new MemoryStream();
            input.CopyTo(copy);
            return (entry.FullName, copy.ToArray());
        }).ToList();
    }

    /// <summary>Gets one entry's bytes.</summary>
    public static byte[] Entry(byte[] model, string name) => Entries(model).Single(e => e.Name == name).Bytes;

    /// <summary>Writes a zip of the given entries, in order.</summary>
    public static byte[] Write(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = target.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return output.ToArray();
    }

    /// <summary>Copies a model file with each entry passed through <paramref name="change"/>; an entry it maps to <see langword="null"/> is left out.</summary>
    public static byte[] Rewrite(byte[] model, Func<string, byte[], byte[]?> change) =>
        Write(Entries(model).Select(e => (e.Name, Bytes: change(e.Name, e.Bytes))).Where(e => e.Bytes is not null).Select(e => (e.Name, e.Bytes!)));
}
