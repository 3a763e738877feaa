using System.IO.Compression;
using StanceKit.Features;
using StanceKit.Models;
using StanceKit.Tests.Models;

namespace StanceKit.Tests.Features;

/// <summary>FeaturizerOptions.InverseDocumentFrequency: the table, the features, training, the model file.</summary>
public class InverseDocumentFrequencyTests
{
    private static readonly FeaturizerOptions WordsOnly = new()
    {
        WordNgramLength = 1, CharNgramMaxLength = 0, StanceCueWeight = 0, HashBits = 12, InverseDocumentFrequency = true,
    };

    private static readonly Lazy<StanceClassifier> IdfModel = new(() => new StanceTrainer(new StanceTrainerOptions
    {
        Featurizer = new FeaturizerOptions { HashBits = 14, InverseDocumentFrequency = true },
    }).Train(Fixture.Mini));

    private static readonly Lazy<StanceClassifier> PlainModel = new(() => new StanceTrainer(new StanceTrainerOptions
    {
        Featurizer = new FeaturizerOptions { HashBits = 14, InverseDocumentFrequency = false },
    }).Train(Fixture.Mini));

    [Fact]
    public void Table_IsSmoothIdfOfTheTrainingStatements_AndZeroForUnseenSlots()
    {
        var table = TextFeaturizer.ComputeInverseDocumentFrequency(WordsOnly, ["aid aid", "aid now"]);
        var featurizer = new TextFeaturizer(WordsOnly, table);
        var aid = featurizer.Describe("aid").Single().Slot;
        var now = featurizer.Describe("now").Single().Slot;
        Assert.Equal(1f, table[aid], 6); // in both statements: ln(3/3) + 1, counted once per statement
        Assert.Equal((float)(Math.Log(3.0 / 2.0) + 1), table[now], 6);
        Assert.Equal(2, table.Count(w => w > 0));
    }

    [Fact]
    public void Featurize_WeighsByIdf_AndDropsUnseenNgrams()
    {
        var table = TextFeaturizer.ComputeInverseDocumentFrequency(WordsOnly, ["aid aid", "aid now"]);
        var featurizer = new TextFeaturizer(WordsOnly, table);
        var buffer = new FeatureBuffer();
        var count = featurizer.Featurize("now aid unknownword", buffer);
        Assert.Equal(2, count); // "unknownword" weighs 0 and is not a feature
        var nowWeight = Math.Log(3.0 / 2.0) + 1;
        var norm = Math.Sqrt(1 + (nowWeight * nowWeight));
        var values = Enumerable.Range(0, count).ToDictionary(i => buffer.Indices[i], i => (double)buffer.Values[i]);
        Assert.Equal(nowWeight / norm, values[featurizer.Describe("now").Single().Slot], 5);
        Assert.Equal(1 / norm, values[featurizer.Describe("aid").Single().Slot], 5);
        Assert.Equal(0, featurizer.Featurize("only unknownwords here", buffer));
    }

    [Fact]
    public void Featurizer_TableRequiredExactlyWithTheOption()
    {
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(WordsOnly));
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(WordsOnly with { InverseDocumentFrequency = false }, new float[4096]));
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(WordsOnly, new float[10]));
    }

    [Fact]
    public void Train_WithIdf_FastScorerMatchesMlNet_AndUnknownTextHasNoSignal()
    {
        var model = IdfModel.Value;
        Assert.Equal(2, model.Card.FormatVersion);
        Assert.Contains("TF-IDF", model.Card.Trainer.Featurizer.Describe(), StringComparison.Ordinal);
        foreach (var statement in Fixture.Mini)
        {
            var fast = model.Predict(statement.Text);
            var reference = model.PredictWithMlNet(statement.Text);
            Assert.Equal(reference.Stance, fast.Stance);
            foreach (var stance in StanceLabels.All)
            {
                Assert.True(Math.Abs(fast.Probabilities[stance] - reference.Probabilities[stance]) <= 1e-5f);
            }
        }

        Assert.True(model.Evaluate(Fixture.Mini).Accuracy > 0.9);
    }

    [Fact]
    public void Predict_WithIdf_OnlyUnseenWords_HasNoSignal()
    {
        // Words only, 2^18 slots: the two made-up words fall on slots no training statement reached, which weigh 0.
        var model = new StanceTrainer(new StanceTrainerOptions { Featurizer = WordsOnly with { HashBits = 18 } }).Train(Fixture.Mini);
        Assert.Equal(StancePrediction.NoSignal, model.Predict("qqqqzzzz xxxxwwww"));
        Assert.NotEqual(StancePrediction.NoSignal, model.Predict("qqqqzzzz Kenya xxxxwwww"));
    }

    [Fact]
    public void SaveAndLoad_WithIdf_SamePredictions_FormatTwo_WithoutIdf_FormatOne()
    {
        var model = IdfModel.Value;
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = StanceClassifier.Load(stream);
        Assert.Equal(2, loaded.Card.FormatVersion);
        Assert.Equal(Fixture.Mini.Select(s => model.Predict(s.Text)), Fixture.Mini.Select(s => loaded.Predict(s.Text)));
        using (var zip = new ZipArchive(new MemoryStream(stream.ToArray())))
        {
            Assert.NotNull(zip.GetEntry(ModelFile.IdfEntry));
        }

        // A model without IDF stays format 1, which StanceKit 0.1.0 reads.
        using var plain = new MemoryStream();
        PlainModel.Value.Save(plain);
        plain.Position = 0;
        Assert.Equal(1, StanceClassifier.Load(plain).Card.FormatVersion);
        using var plainZip = new ZipArchive(new MemoryStream(plain.ToArray()));
        Assert.Null(plainZip.GetEntry(ModelFile.IdfEntry));
    }

    [Fact]
    public void Load_FormatOneCardWithoutTheIdfKey_IsAModelWithoutIdf()
    {
        // StanceKit 0.1.0 wrote format 1 cards without an inverseDocumentFrequency key; IDF is now on by default,
        // and that default must not reach an old model (it would ask for a table the file never had).
        using var stream = new MemoryStream();
        PlainModel.Value.Save(stream);
        var old = RewriteManifest(stream.ToArray(), manifest =>
            Assert.True(manifest["card"]!["trainer"]!["featurizer"]!.AsObject().Remove("inverseDocumentFrequency")));

        var loaded = StanceClassifier.Load(new MemoryStream(old), "0.1.0.zip");
        Assert.False(loaded.Card.Trainer.Featurizer.InverseDocumentFrequency);
        Assert.Equal(1, loaded.Card.FormatVersion);
        Assert.Equal(Fixture.Mini.Select(s => PlainModel.Value.Predict(s.Text)), Fixture.Mini.Select(s => loaded.Predict(s.Text)));
    }

    [Fact]
    public void Load_IdfModelWithoutItsTable_IsAClearError()
    {
        using var stream = new MemoryStream();
        IdfModel.Value.Save(stream);
        var withoutTable = RewriteManifest(
            stream.ToArray(), manifest => Assert.True(manifest["entries"]!.AsObject().Remove(ModelFile.IdfEntry)), drop: ModelFile.IdfEntry);

        var error = Assert.Throws<ModelFormatException>(() => StanceClassifier.Load(new MemoryStream(withoutTable), "idf.zip"));
        Assert.Contains("idf.bin", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Copies a model file with its manifest edited and, optionally, one entry left out.</summary>
    private static byte[] RewriteManifest(byte[] model, Action<System.Text.Json.Nodes.JsonNode> edit, string? drop = null) =>
        ModelZip.Rewrite(model, (name, bytes) =>
        {
            if (name == drop)
            {
                return null;
            }

            if (name != ModelFile.ManifestEntry)
            {
                return bytes;
            }

            var manifest = System.Text.Json.Nodes.JsonNode.Parse(bytes)!;
            edit(manifest);
            return System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });

    [Theory]
    [InlineData("header")]
    [InlineData("length")]
    [InlineData("negative")]
    [InlineData("nan")]
    public void IdfTable_BadBytes_GiveAnErrorMessage(string damage)
    {
        var bytes = IdfTable.ToBytes([1f, 2f, 0f, 3f]);
        switch (damage)
        {
            case "header": bytes[0] ^= 0xFF; break;
            case "length": bytes = bytes[..^4]; break;
            case "negative": BitConverter.GetBytes(-1f).CopyTo(bytes, 12); break;
            case "nan": BitConverter.GetBytes(float.NaN).CopyTo(bytes, 12); break;
        }

        Assert.Null(IdfTable.FromBytes(bytes, 4, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal([1f, 2f, 0f, 3f], IdfTable.FromBytes(IdfTable.ToBytes([1f, 2f, 0f, 3f]), 4, out _)!);
    }

    [Fact]
    public void CrossValidate_WithIdf_LearnsATablePerFold()
    {
        var trainer = new StanceTrainer(new StanceTrainerOptions { Featurizer = new FeaturizerOptions { HashBits = 12, InverseDocumentFrequency = true } });
        var report = trainer.CrossValidate(Fixture.Mini, folds: 3);
        Assert.Equal(3, report.Folds.Count);
        Assert.True(report.Pooled.MacroF1 > 0.5, $"pooled macro-F1 {report.Pooled.MacroF1:F3}");
    }
}
