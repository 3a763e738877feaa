using StanceKit.Features;
using StanceKit.Tests.Data;

namespace StanceKit.Tests.Features;

/// <summary>
/// The fast featurizer against a slow, obvious reference built from <see cref="TextFeaturizer.Describe"/> (one string per
/// n-gram occurrence): count the slots, apply sublinear TF and the cue weight, L2-normalise. Run over every statement of
/// the corpus and odd texts, for the default options and other shapes (IDF included: n-grams weighted by their table
/// entry, those weighing 0 left out), so that no speed-up of Featurize (vectorised hashing, the cue trie, the merge
/// table) can change what the embedded model reads.
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

    public static TheoryData<string> Shapes => ["default", "char 3-5", "word trigrams, no cues", "no chars", "char 1-8, 12 bits", "default + IDF"];

    private static FeaturizerOptions Options(string shape) => shape switch
    {
        "default" => new FeaturizerOptions(),
        "char 3-5" => new FeaturizerOptions { CharNgramMinLength = 3, CharNgramMaxLength = 5 },
        "word trigrams, no cues" => new FeaturizerOptions { WordNgramLength = 3, StanceCueWeight = 0 },
        "no chars" => new FeaturizerOptions { CharNgramMaxLength = 0, SublinearTermFrequency = false },
        "char 1-8, 12 bits" => new FeaturizerOptions { CharNgramMinLength = 1, CharNgramMaxLength = 8, HashBits = 12 },
        "default + IDF" => new FeaturizerOptions { InverseDocumentFrequency = true },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Featurize_EqualsTheReference_OnEveryStatement(string shape)
    {
        // With IDF, the table comes from the first 3,000 statements, so the rest also meet n-grams that weigh 0.
        var options = Options(shape);
        var featurizer = new TextFeaturizer(options, options.InverseDocumentFrequency
            ? TextFeaturizer.ComputeInverseDocumentFrequency(options, Texts.Value.Take(3000).ToList())
            : null);
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
        // The vectorised path needs AVX2 (x86-64-v3: this project's machines and CI); elsewhere only the scalar path runs.
        var vectorize = System.Runtime.Intrinsics.X86.Avx2.IsSupported;
        var random = new Random(5);
        var mask = (1 << bits) - 1;
        var limit = cues ? mask + 1 - 32 : mask + 1;
        for (var round = 0; round < 2000; round++)
        {
            // A padded stream like the featurizer's: '<' + word + '>' back to back, words of 1 to 12 characters, some not ASCII.
            var stream = new List<uint>();
            var words = random.Next(1, 15);
            for (var w = 0; w < words; w++)
            {
                stream.Add('<');
                var length = random.Next(1, 13);
                for (var i = 0; i < length; i++)
                {
                    stream.Add((uint)(random.Next(5) == 0 ? random.Next(0x80, 0x10000) : random.Next('a', 'z' + 1)));
                }

                stream.Add('>');
            }

            var n = random.Next(1, 9);
            if (n > stream.Count)
            {
                continue;
            }

            var positions = stream.Count - n + 1;
            var chars = stream.Concat(Enumerable.Repeat((uint)random.Next(0x10000), 8)).ToArray();
            var scalar = new int[positions + 8];
            var vector = new int[positions + 8];
            var kept = TextFeaturizer.HashWindows(chars, positions, n, mask, limit, scalar, vectorize: false);
            Assert.Equal(kept, TextFeaturizer.HashWindows(chars, positions, n, mask, limit, vector, vectorize));
            Assert.Equal(scalar[..kept], vector[..kept]);
            Assert.All(scalar[..kept], slot => Assert.InRange(slot, 0, limit - 1));

            // Exactly the windows inside a word: each word of length L gives max(0, L + 2 - n + 1) windows.
            var expected = 0;
            var run = 0;
            foreach (var c in stream)
            {
                run++;
                if (c == '>')
                {
                    expected += Math.Max(0, run - n + 1);
                    run = 0;
                }
            }

            Assert.Equal(expected, kept);
        }
    }

    private static Dictionary<int, double> Reference(TextFeaturizer featurizer, string text)
    {
        var options = featurizer.Options;
        var counts = featurizer.Describe(text).GroupBy(d => d.Slot).ToDictionary(g => g.Key, g => g.Count());
        var idf = featurizer.InverseDocumentFrequency;
        var values = counts.ToDictionary(
            c => c.Key,
            c => (options.SublinearTermFrequency && c.Value > 1 ? 1 + Math.Log(c.Value) : c.Value)
                * (c.Key >= featurizer.CueBase ? options.StanceCueWeight : idf is null ? 1.0 : idf[c.Key]))
            .Where(v => v.Value != 0)
            .ToDictionary();
        var norm = Math.Sqrt(values.Values.Sum(v => v * v));
        return values.ToDictionary(v => v.Key, v => v.Value / norm);
    }
}
