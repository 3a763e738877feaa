using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StanceKit.Models;

/// <summary>
/// Reads and writes the StanceKit model file: a zip with <c>stancekit.json</c> (format version, model card, SHA-256 of
/// every other entry), <c>mlnet-model.zip</c> (the ML.NET model), for linear models <c>linear-weights.bin</c>, and for
/// featurizers with IDF (format 2) <c>idf.bin</c>.
/// </summary>
/// <remarks>
/// Reading never runs code from the file (docs/RELIABILITY.md gives the whole argument): the card is plain JSON read into
/// fixed sealed types (no type names, no polymorphism), the weights are plain numbers checked for range, and every entry is
/// read through a size limit. The ML.NET model of a linear model is hashed but never handed to ML.NET by Load or Predict;
/// other models are opened by ML.NET, which builds only components compiled into the application's assemblies and resolves
/// assembly names the same way the application does, never from bytes in the file. The hashes detect corruption, not a
/// deliberate forger (who can rewrite the manifest too): check where a model file comes from before trusting its predictions.
/// </remarks>
internal static class ModelFile
{
    /// <summary>The newest format this library reads and writes: 2 adds the IDF table (<see cref="IdfEntry"/>). A model
    /// without IDF is still written as format 1, so that StanceKit 0.1.0 reads it.</summary>
    public const int CurrentFormatVersion = 2;
    public const string ManifestEntry = "stancekit.json";
    public const string MlNetEntry = "mlnet-model.zip";
    public const string WeightsEntry = "linear-weights.bin";
    public const string IdfEntry = "idf.bin";
    private const long MaximumEntryBytes = 512L * 1024 * 1024;

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    internal sealed class Manifest
    {
        public int FormatVersion { get; set; }

        public ModelCard? Card { get; set; }

        public Dictionary<string, string>? Entries { get; set; }
    }

    public static string LibraryVersion { get; } =
        typeof(ModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ModelFile).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>The format version a model with these featurizer options is written in.</summary>
    public static int FormatVersionFor(FeaturizerOptions options) => options.InverseDocumentFrequency ? 2 : 1;

    public static void Write(Stream destination, ModelCard card, byte[] mlnetModel, byte[]? weights, byte[]? idf)
    {
        var entries = new Dictionary<string, byte[]> { [MlNetEntry] = mlnetModel };
        if (weights is not null)
        {
            entries[WeightsEntry] = weights;
        }

        if (idf is not null)
        {
            entries[IdfEntry] = idf;
        }

        var version = FormatVersionFor(card.Trainer.Featurizer);
        var manifest = new Manifest
        {
            FormatVersion = version,
            Card = card with { FormatVersion = version },
            Entries = entries.ToDictionary(e => e.Key, e => Convert.ToHexStringLower(SHA256.HashData(e.Value))),
        };

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(zip, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        foreach (var (name, bytes) in entries)
        {
            WriteEntry(zip, name, bytes);
        }
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        // A fixed timestamp keeps the file identical for identical models.
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    public sealed record Contents(ModelCard Card, byte[] MlNetModel, byte[]? Weights, byte[]? Idf);

    /// <summary>Reads and checks a model file; every problem becomes a <see cref="ModelFormatException"/> naming <paramref name="source"/>.</summary>
    public static Contents Read(Stream stream, string source)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var manifestBytes = ReadEntry(zip, ManifestEntry, source)
                ?? throw new ModelFormatException(source, $"'{source}' is not a StanceKit model: it is a zip file but has no {ManifestEntry} entry. Train a model with StanceTrainer or `stancekit train`.");
            Manifest manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<Manifest>(manifestBytes, Json)
                    ?? throw new ModelFormatException(source, $"'{source}' has an empty {ManifestEntry}.");
            }
            catch (JsonException exception)
            {
                throw new ModelFormatException(source, $"'{source}' has a corrupted {ManifestEntry} (line {exception.LineNumber + 1}): {exception.Message}", exception);
            }

            if (manifest.FormatVersion > CurrentFormatVersion)
            {
                throw new ModelFormatException(source, $"'{source}' uses model format version {manifest.FormatVersion}, newer than the version {CurrentFormatVersion} this StanceKit ({LibraryVersion}) reads. Upgrade StanceKit to load it.");
            }

            if (manifest.FormatVersion < 1 || manifest.Card is null || manifest.Entries is null || !manifest.Entries.ContainsKey(MlNetEntry))
            {
                throw new ModelFormatException(source, $"'{source}' has an incomplete {ManifestEntry}: it needs formatVersion, card and the hash of {MlNetEntry}.");
            }

            CheckCard(manifest.Card, source);
            var card = manifest.Card with { FormatVersion = manifest.FormatVersion };
            if (manifest.FormatVersion < 2)
            {
                // Format 1 predates IDF, and its cards have no inverseDocumentFrequency key: never let today's default fill it in.
                card = card with { Trainer = card.Trainer with { Featurizer = card.Trainer.Featurizer with { InverseDocumentFrequency = false } } };
            }

            var mlnet = ReadChecked(zip, MlNetEntry, manifest.Entries, source)!;
            var weights = manifest.Entries.ContainsKey(WeightsEntry) ? ReadChecked(zip, WeightsEntry, manifest.Entries, source) : null;
            byte[]? idf = null;
            if (card.Trainer.Featurizer.InverseDocumentFrequency)
            {
                idf = manifest.Entries.ContainsKey(IdfEntry)
                    ? ReadChecked(zip, IdfEntry, manifest.Entries, source)
                    : throw new ModelFormatException(source, $"'{source}' is incomplete: its featurizer uses IDF but {ManifestEntry} lists no {IdfEntry} entry.");
            }

            return new Contents(card, mlnet, weights, idf);
        }
        catch (InvalidDataException exception)
        {
            throw new ModelFormatException(source, $"'{source}' is not a StanceKit model: it is not a readable zip file (empty, truncated or corrupted). {exception.Message}", exception);
        }
        catch (EndOfStreamException exception)
        {
            throw new ModelFormatException(source, $"'{source}' is truncated: the zip ends early.", exception);
        }
    }

    private static void CheckCard(ModelCard card, string source)
    {
        if (card.Labels is null || !card.Labels.SequenceEqual(StanceLabels.Names))
        {
            throw new ModelFormatException(source, $"'{source}' declares the labels [{string.Join(", ", card.Labels ?? [])}]; StanceKit models must have [{string.Join(", ", StanceLabels.Names)}].");
        }

        if (card.TrainingRows < 0)
        {
            throw new ModelFormatException(source, $"'{source}' says it was trained on {card.TrainingRows} statements; the model card is corrupted.");
        }

        if (card.Trainer?.Featurizer is null)
        {
            throw new ModelFormatException(source, $"'{source}' has no featurizer options in its model card.");
        }

        try
        {
            card.Trainer.Validate();
        }
        catch (StanceKitException exception)
        {
            throw new ModelFormatException(source, $"'{source}' has invalid options in its model card: {exception.Message}", exception);
        }
    }

    private static byte[]? ReadChecked(ZipArchive zip, string name, Dictionary<string, string> hashes, string source)
    {
        var bytes = ReadEntry(zip, name, source)
            ?? throw new ModelFormatException(source, $"'{source}' is incomplete: the entry {name} listed in {ManifestEntry} is missing.");
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, hashes[name], StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelFormatException(source, $"'{source}' is corrupted or was modified: the SHA-256 of {name} does not match {ManifestEntry}.");
        }

        return bytes;
    }

    private static byte[]? ReadEntry(ZipArchive zip, string name, string source)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return null;
        }

        if (entry.Length > MaximumEntryBytes)
        {
            throw new ModelFormatException(source, $"'{source}' has an entry {name} of {entry.Length:N0} bytes, over the {MaximumEntryBytes:N0}-byte limit.");
        }

        using var input = entry.Open();
        using var buffer = new MemoryStream((int)entry.Length);
        input.CopyTo(buffer);
        return buffer.ToArray();
    }
}
