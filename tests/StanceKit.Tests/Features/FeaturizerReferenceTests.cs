using StanceKit.Features;
using StanceKit.Tests.Data;

namespace StanceKit.Tests.Features;

/// <summary>
/// The fast featurizer against a slow, obvious reference built from <see cref="TextFeaturizer.Describe"/> (one string per
/// n-gram occurrence): count the slots, apply sublinear TF and the cue weight, L2-normalise. Run over every statement of
/// the corpus and odd texts, for the default options and other shapes, so that no speed-up of Featurize (vectorised
/// hashing, the cue trie, the merge table) can change what the embedded model reads.
/// </summary>
public class FeaturizerReferenceTests
{
    private static readonly Lazy<List<string>> Texts = new(() =>
    {
        var texts = StanceCorpus.ReadCsv(Repository.File("data", "statements.csv")).Statements.Select(s => s.Text).ToList();
        texts.AddRange(
        [
            "a", "ab", "abc", "abcd", "abcde", "x y z", "<>", "Nou pa vle okipasyon!", "Hatutaki polisi wa Kenya Haiti.",
            "but not unless, however never.", new string('a', 300), string.Join(' ', Enumerable.Repeat("support", 50)),
            "Ça suffit : retrait immédiat. Мы против. 我们反对。 😀 end", "12 345 6789 0", "don't won't can't",
        ]);
        return texts;
    });

    public static TheoryData<string> Shapes => ["default", "char 3-5", "word trigrams, no cues", "no chars", "char 1-8, 12 bits"];

    private static FeaturizerOptions Options(string shape) => shape switch
    {
        "default" => new FeaturizerOptions(),
        "char 3-5" => new FeaturizerOptions { CharNgramMinLength = 3, CharNgramMaxLength = 5 },
        "word trigrams, no cues" => new FeaturizerOptions { WordNgramLength = 3, StanceCueWeight = 0 },
        "no chars" => new FeaturizerOptions { CharNgramMaxLength = 0, SublinearTermFrequency = false },
        "char 1-8, 12 bits" => new FeaturizerOptions { CharNgramMinLength = 1, CharNgramMaxLength = 8, HashBits = 12 },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Featurize_EqualsTheReference_OnEveryStatement(string shape)
    {
        var featurizer = new TextFeaturizer(Options(shape));
        var buffer = new FeatureBuffer();
        foreach (var text in Texts.Value)
        {
            var count = featurizer.Featurize(text, buffer);
            var actual = Enumerable.Range(0, count).ToDictionary(i => buffer.Indices[i], i => buffer.Values[i]);
            Assert.Equal(count, actual.Count);
            var expected = Reference(featurizer, text);
            Assert.True(expected.Keys.ToHashSet().SetEquals(actual.Keys), $"slots differ for: {text}");
            foreach (var (slot, value) in expected)
            {
                Assert.True(Math.Abs(value - actual[slot]) < 1e-6, $"slot {slot}: {actual[slot]} instead of {value} for: {text}");
            }
        }
    }

    [Theory]
    [InlineData(18, true)]
    [InlineData(12, false)]
    public void HashWindows_VectorisedAndScalar_GiveTheSameSlots(int bits, bool cues)
    {
        var random = new Random(5);
        var mask = (1 << bits) - 1;
        var limit = cues ? mask + 1 - 32 : mask + 1;
        for (var round = 0; round < 500; round++)
        {
            var length = random.Next(1, 90);
            var chars = new uint[length + 16];
            for (var i = 0; i < length; i++)
            {
                chars[i] = (uint)(random.Next(4) == 0 ? random.Next(0x10000) : random.Next('a', 'z' + 1));
            }

            var n = random.Next(1, 9);
            if (n > length)
            {
                continue;
            }

            var positions = length - n + 1;
            var scalar = new int[positions + 8];
            var vector = new int[positions + 8];
            TextFeaturizer.HashWindows(chars, positions, n, mask, limit, scalar, vectorize: false);
            TextFeaturizer.HashWindows(chars, positions, n, mask, limit, vector, vectorize: true);
            Assert.Equal(scalar[..positions], vector[..positions]);
            Assert.All(scalar[..positions], slot => Assert.InRange(slot, 0, limit - 1));
        }
    }

    private static Dictionary<int, double> Reference(TextFeaturizer featurizer, string text)
    {
        var options = featurizer.Options;
        var counts = featurizer.Describe(text).GroupBy(d => d.Slot).ToDictionary(g => g.Key, g => g.Count());
        var values = counts.ToDictionary(
            c => c.Key,
            c => (options.SublinearTermFrequency && c.Value > 1 ? 1 + Math.Log(c.Value) : c.Value) * (c.Key >= featurizer.CueBase ? options.StanceCueWeight : 1.0));
        var norm = Math.Sqrt(values.Values.Sum(v => v * v));
        return values.ToDictionary(v => v.Key, v => v.Value / norm);
    }
}
