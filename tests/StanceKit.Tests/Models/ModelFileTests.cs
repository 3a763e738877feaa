using System.IO.Compression;
using System.Text;
using StanceKit.Models;

namespace StanceKit.Tests.Models;

public class ModelFileTests
{
    private static byte[] ModelBytes()
    {
        using var stream = new MemoryStream();
        Fixture.Model.Save(stream);
        return stream.ToArray();
    }

    private static ModelFormatException LoadFails(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var error = Assert.Throws<ModelFormatException>(() => StanceClassifier.Load(stream, "suspect.zip"));
        Assert.Equal("suspect.zip", error.SourceName);
        Assert.Contains("suspect.zip", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Load_ZeroBytes_Throws() => Assert.Contains("not a readable zip", LoadFails([]).Message, StringComparison.Ordinal);

    [Fact]
    public void Load_RandomBytes_Throws()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        LoadFails(bytes);
    }

    [Fact]
    public void Load_TruncatedAtEveryTenthOfLength_Throws()
    {
        var model = ModelBytes();
        for (var tenth = 1; tenth < 10; tenth++)
        {
            LoadFails(model[..(model.Length * tenth / 10)]);
        }
    }

    [Fact]
    public void Load_ZipOfSomethingElse_SaysNotAStanceKitModel()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("readme.txt").Open();
            stream.Write(Encoding.UTF8.GetBytes("hello"));
        }

        Assert.Contains("is not a StanceKit model", LoadFails(output.ToArray()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NewerFormatVersion_AsksForUpgrade()
    {
        var model = ModelZip.Rewrite(ModelBytes(), (name, bytes) => name == "stancekit.json"
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace($"\"formatVersion\": {ModelFile.CurrentFormatVersion},", "\"formatVersion\": 99,", StringComparison.Ordinal))
            : bytes);
        var error = LoadFails(model);
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TamperedWeights_DetectedByHash()
    {
        var model = ModelZip.Rewrite(ModelBytes(), (name, bytes) =>
        {
            if (name == "linear-weights.bin")
            {
                bytes[^1] ^= 0x40;
            }

            return bytes;
        });
        Assert.Contains("SHA-256", LoadFails(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptedManifestJson_Throws()
    {
        var model = ModelZip.Rewrite(ModelBytes(), (name, bytes) => name == "stancekit.json" ? bytes[..(bytes.Length / 2)] : bytes);
        Assert.Contains("corrupted", LoadFails(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TamperedLabels_Throws()
    {
        var model = ModelZip.Rewrite(ModelBytes(), (name, bytes) => name == "stancekit.json"
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"opposed\"", "\"neutral\"", StringComparison.Ordinal))
            : bytes);
        Assert.Contains("labels", LoadFails(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingMlNetEntry_Throws()
    {
        var model = ModelZip.Rewrite(ModelBytes(), (name, bytes) => name == "mlnet-model.zip" ? null : bytes);
        Assert.Contains("missing", LoadFails(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => StanceClassifier.Load(Fixture.TempFile(".zip")));

    [Fact]
    public void Load_NonSeekableStream_Works()
    {
        using var stream = new NonSeekableStream(ModelBytes());
        var model = StanceClassifier.Load(stream);
        Assert.Equal(Fixture.Model.Predict("Kenya must send more officers"), model.Predict("Kenya must send more officers"));
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
