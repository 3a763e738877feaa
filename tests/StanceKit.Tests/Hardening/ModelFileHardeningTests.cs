using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StanceKit.Tests.Models;

namespace StanceKit.Tests.Hardening;

/// <summary>
/// Issue 7, model files: broken, truncated, random, foreign, newer and tampered files give a <see cref="ModelFormatException"/>
/// with a clear message, and loading never runs code from the file. Extends Models/ModelFileTests. Counts: docs/RELIABILITY.md.
/// </summary>
public class ModelFileHardeningTests
{
    public const int RandomFiles = 40;
    public const int BitFlips = 100;

    private const string Source = "untrusted.zip";
    private const string Probe = "Kenya must bring its officers home from Haiti now.";

    private static readonly Lazy<byte[]> Linear = new(() => Bytes(Fixture.Model));
    private static readonly Lazy<byte[]> NonLinear = new(() => Bytes(HardeningFixture.SlowModel));

    private static byte[] Bytes(StanceClassifier model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    private static StanceClassifier Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return StanceClassifier.Load(stream, Source);
    }

    private static ModelFormatException LoadFails(byte[] bytes, string? phrase = null)
    {
        var error = Assert.Throws<ModelFormatException>(() => Load(bytes));
        Assert.Equal(Source, error.SourceName);
        Assert.Contains(Source, error.Message, StringComparison.Ordinal);
        if (phrase is not null)
        {
            Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    /// <summary>Rewrites the entries of a model file; the manifest's hashes are recomputed, as a forger would.</summary>
    private static byte[] Forge(byte[] model, Action<JsonObject>? manifest = null, Func<string, byte[], byte[]?>? entry = null, params (string Name, byte[] Bytes)[] extra)
    {
        var entries = new Dictionary<string, byte[]>();
        foreach (var (name, original) in ModelZip.Entries(model))
        {
            if ((entry is null ? original : entry(name, original)) is { } bytes)
            {
                entries[name] = bytes;
            }
        }

        var json = JsonNode.Parse(entries["stancekit.json"])!.AsObject();
        var hashes = json["entries"]!.AsObject();
        foreach (var (name, bytes) in entries)
        {
            if (hashes.ContainsKey(name))
            {
                hashes[name] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            }
        }

        manifest?.Invoke(json);
        entries["stancekit.json"] = Encoding.UTF8.GetBytes(json.ToJsonString());
        return ModelZip.Write(entries.Select(e => (e.Key, e.Value)).Concat(extra));
    }

    private static JsonObject Card(JsonObject manifest) => manifest["card"]!.AsObject();

    private static JsonObject Featurizer(JsonObject manifest) => Card(manifest)["trainer"]!["featurizer"]!.AsObject();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_TruncatedAtEveryTenth_IncludingZero_Throws(bool nonLinear)
    {
        var model = nonLinear ? NonLinear.Value : Linear.Value;
        for (var tenth = 0; tenth < 10; tenth++)
        {
            var error = LoadFails(model[..(model.Length * tenth / 10)]);
            Assert.True(error.Message.Contains("not a readable zip", StringComparison.Ordinal) || error.Message.Contains("truncated", StringComparison.Ordinal), error.Message);
        }

        Assert.Equal(Fixture.Model.Predict(Probe).Stance, Load(Linear.Value).Predict(Probe).Stance);
    }

    [Fact]
    public void Load_RandomBytes_ManySizesAndSeeds_Throws()
    {
        for (var seed = 0; seed < RandomFiles; seed++)
        {
            var random = new Random(seed);
            var bytes = new byte[random.Next(0, 100_000)];
            random.NextBytes(bytes);
            if (seed % 4 == 0 && bytes.Length >= 4)
            {
                "PK\u0003\u0004"u8.CopyTo(bytes); // looks like a zip at first glance
            }

            LoadFails(bytes);
        }
    }

    [Fact]
    public void Load_SingleByteFlips_LoadValidOrThrowTyped()
    {
        var model = Linear.Value;
        var random = new Random(11);
        int loaded = 0, rejected = 0;
        for (var i = 0; i < BitFlips; i++)
        {
            var bytes = (byte[])model.Clone();
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                var classifier = Load(bytes);
                HardeningFixture.AssertValid(classifier.Predict(Probe), Probe);
                loaded++;
            }
            catch (ModelFormatException error)
            {
                Assert.Contains(Source, error.Message, StringComparison.Ordinal);
                rejected++;
            }
        }

        Assert.Equal(BitFlips, loaded + rejected);
        Assert.True(rejected > loaded, $"{rejected} rejected, {loaded} loaded");
    }

    public static TheoryData<string, string> Tamperings() => new()
    {
        { "formatVersion 3", "newer than the version 2" },
        { "formatVersion 0", "incomplete" },
        { "formatVersion -1", "incomplete" },
        { "formatVersion as text", "corrupted" },
        { "card removed", "incomplete" },
        { "card null", "incomplete" },
        { "entries removed", "incomplete" },
        { "ML.NET hash removed", "incomplete" },
        { "labels reordered", "labels" },
        { "four labels", "labels" },
        { "labels null", "labels" },
        { "featurizer null", "no featurizer options" },
        { "hashBits 99", "invalid options" },
        { "hashBits 17 (weights are 2^18)", "corrupted" },
        { "maximumCharacters 0", "invalid options" },
        { "wordNgramLength 7", "invalid options" },
        { "stanceCueWeight -1", "invalid options" },
        { "l2Regularization 1e30", "invalid options" },
        { "algorithm Banana", "corrupted" },
        { "algorithm 99", "invalid options" },
        { "trainingRows -5", "trained on -5 statements" },
        { "createdUtc not a date", "corrupted" },
        { "weights hash zeroed", "SHA-256" },
        { "ML.NET hash zeroed", "SHA-256" },
        { "10,000 nested arrays", "corrupted" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Load_TamperedMetadata_ThrowsTypedWithClearMessage(string tampering, string phrase)
    {
        if (tampering == "10,000 nested arrays")
        {
            // Past System.Text.Json's depth limit of 64; written as text, since JsonNode would refuse to write it.
            var json = Encoding.UTF8.GetString(ManifestOf(Linear.Value));
            Assert.Contains("\"description\": null", json, StringComparison.Ordinal);
            var deep = json.Replace("\"description\": null", "\"description\": " + new string('[', 10_000) + new string(']', 10_000), StringComparison.Ordinal);
            LoadFails(ReplaceManifest(Linear.Value, Encoding.UTF8.GetBytes(deep)), phrase);
            return;
        }

        Action<JsonObject> change = tampering switch
        {
            "formatVersion 3" => m => m["formatVersion"] = 3,
            "formatVersion 0" => m => m["formatVersion"] = 0,
            "formatVersion -1" => m => m["formatVersion"] = -1,
            "formatVersion as text" => m => m["formatVersion"] = "one",
            "card removed" => m => m.Remove("card"),
            "card null" => m => m["card"] = null,
            "entries removed" => m => m.Remove("entries"),
            "ML.NET hash removed" => m => m["entries"]!.AsObject().Remove("mlnet-model.zip"),
            "labels reordered" => m => Card(m)["labels"] = new JsonArray("opposed", "sceptical", "supportive"),
            "four labels" => m => Card(m)["labels"] = new JsonArray("supportive", "sceptical", "opposed", "neutral"),
            "labels null" => m => Card(m)["labels"] = null,
            "featurizer null" => m => Card(m)["trainer"]!["featurizer"] = null,
            "hashBits 99" => m => Featurizer(m)["hashBits"] = 99,
            "hashBits 17 (weights are 2^18)" => m => Featurizer(m)["hashBits"] = 17,
            "maximumCharacters 0" => m => Featurizer(m)["maximumCharacters"] = 0,
            "wordNgramLength 7" => m => Featurizer(m)["wordNgramLength"] = 7,
            "stanceCueWeight -1" => m => Featurizer(m)["stanceCueWeight"] = -1,
            "l2Regularization 1e30" => m => Card(m)["trainer"]!["l2Regularization"] = 1e30,
            "algorithm Banana" => m => Card(m)["trainer"]!["algorithm"] = "Banana",
            "algorithm 99" => m => Card(m)["trainer"]!["algorithm"] = 99,
            "trainingRows -5" => m => Card(m)["trainingRows"] = -5,
            "createdUtc not a date" => m => Card(m)["createdUtc"] = "yesterday",
            "weights hash zeroed" => m => m["entries"]!["linear-weights.bin"] = new string('0', 64),
            "ML.NET hash zeroed" => m => m["entries"]!["mlnet-model.zip"] = new string('0', 64),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering), tampering, null),
        };
        LoadFails(Forge(Linear.Value, change), phrase);
    }

    [Fact]
    public void Load_NonLinearModelWithHashBitsChanged_ThrowsAtLoadNotAtPredict()
    {
        // With IDF the table no longer fits; without it, ML.NET's model does not.
        LoadFails(Forge(NonLinear.Value, m => Featurizer(m)["hashBits"] = 13), "IDF entry is inconsistent");
        LoadFails(Forge(NonLinear.Value, m => (Featurizer(m)["hashBits"], Featurizer(m)["inverseDocumentFrequency"]) = (13, false)), "cannot be loaded");
    }

    [Fact]
    public void Load_NonLinearModelWithForgedMlNetEntry_ThrowsAtLoad()
    {
        var forged = Forge(NonLinear.Value, entry: (name, bytes) => name == "mlnet-model.zip" ? Encoding.UTF8.GetBytes("not a model at all") : bytes);
        LoadFails(forged, "cannot be loaded");
    }

    [Fact]
    public void Load_LinearModelWithForgedMlNetEntry_NeverParsesIt()
    {
        // The ML.NET model of a linear model is hashed, never opened: garbage there cannot reach ML.NET's loader.
        var forged = Forge(Linear.Value, entry: (name, bytes) => name == "mlnet-model.zip" ? new byte[1000] : bytes);
        Assert.Equal(Fixture.Model.Predict(Probe), Load(forged).Predict(Probe));
    }

    [Fact]
    public void Load_ExtraAssemblyEntryAndTypeNames_RunNothing()
    {
        var assembly = File.ReadAllBytes(typeof(CsCheck.Gen).Assembly.Location);
        var forged = Forge(
            Linear.Value,
            m =>
            {
                m["$type"] = "System.Diagnostics.Process, System.Diagnostics.Process";
                Card(m)["$type"] = "System.IO.FileInfo, System.Runtime";
                Card(m)["trainer"]!["$type"] = "System.Diagnostics.Process, System.Diagnostics.Process";
            },
            extra: [("payload.dll", assembly), ("StanceKit.Payload.dll", assembly)]);
        var before = AppDomain.CurrentDomain.GetAssemblies().ToHashSet();
        var loaded = Load(forged);
        var added = AppDomain.CurrentDomain.GetAssemblies().Where(a => !before.Contains(a)).ToList();
        Assert.DoesNotContain(added, a => a.IsDynamic || string.IsNullOrEmpty(a.Location) || a.GetName().Name!.Contains("Payload", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Fixture.Model.Card with { Labels = loaded.Card.Labels }, loaded.Card);
        Assert.Equal(StanceLabels.Names, loaded.Card.Labels);
        Assert.Equal(Fixture.Model.Predict(Probe), loaded.Predict(Probe));
    }

    [Fact]
    public void Load_EntryDeclaredOverTheSizeLimit_Throws()
    {
        // A zip bomb announces a huge entry: patch the declared size of the ML.NET entry in the central directory.
        var bytes = (byte[])Linear.Value.Clone();
        var name = "mlnet-model.zip"u8;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == 0x02014B50 && bytes.AsSpan(i + 46).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 600_000_000);
            }
        }

        LoadFails(bytes, "over the");
    }

    [Fact]
    public void Load_ManifestNotAnObject_Throws()
    {
        LoadFails(ReplaceManifest(Linear.Value, "[]"u8.ToArray()), "corrupted");
        LoadFails(ReplaceManifest(Linear.Value, "null"u8.ToArray()), "empty");
        LoadFails(ReplaceManifest(Linear.Value, [0xFF, 0xFE, 0x00, 0x7B]), "corrupted");
        LoadFails(ReplaceManifest(Linear.Value, []), "corrupted");
    }

    [Fact]
    public void Load_FromFile_TamperedFileNamesThePath()
    {
        var path = Fixture.TempFile(".zip");
        try
        {
            File.WriteAllBytes(path, Linear.Value[..(Linear.Value.Length / 2)]);
            var error = Assert.Throws<ModelFormatException>(() => StanceClassifier.Load(path));
            Assert.Equal(path, error.SourceName);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] ManifestOf(byte[] model) => ModelZip.Entry(model, "stancekit.json");

    private static byte[] ReplaceManifest(byte[] model, byte[] manifest) =>
        ModelZip.Rewrite(model, (name, bytes) => name == "stancekit.json" ? manifest : bytes);
}
