using System.Diagnostics;
using CsCheck;
using StanceKit.Features;

namespace StanceKit.Tests.Hardening;

/// <summary>
/// Issue 7, texts: whatever the text (arbitrary UTF-16, lone surrogates, control characters, bidi, emoji, combining marks,
/// megabytes), the featurizer and the classifier give a valid result in bounded time. Counts are listed in docs/RELIABILITY.md.
/// </summary>
public class TextPropertyTests
{
    /// <summary>Generated texts per property (CsCheck prints a reproducible seed when one fails).</summary>
    public const int Samples = 3_000;

    /// <summary>Generated texts for the ML.NET path, which is about ten times slower.</summary>
    public const int SlowPathSamples = 300;

    private static readonly TextFeaturizer Featurizer = new(new FeaturizerOptions { InverseDocumentFrequency = false });

    [Fact]
    public void Featurize_AnyText_DistinctFiniteUnitNorm()
    {
        HardeningFixture.AnyText.Sample(
            text =>
            {
                var buffer = new FeatureBuffer();
                var count = Featurizer.Featurize(text, buffer);
                Assert.InRange(count, 0, Math.Max(0, text.Length * 16));
                Assert.True(buffer.Indices.AsSpan(0, count).ToArray().Distinct().Count() == count, "indices must be distinct");
                double norm = 0;
                for (var i = 0; i < count; i++)
                {
                    Assert.InRange(buffer.Indices[i], 0, Featurizer.Dimension - 1);
                    Assert.True(float.IsFinite(buffer.Values[i]) && buffer.Values[i] > 0, $"value {buffer.Values[i]}");
                    norm += (double)buffer.Values[i] * buffer.Values[i];
                }

                Assert.True(count == 0 || Math.Abs(norm - 1) < 1e-4, $"norm {norm} for {HardeningFixture.Describe(text)}");
            },
            iter: Samples);
    }

    [Fact]
    public void Predict_AnyText_ValidDeterministicAndSameAsSpan()
    {
        var model = Fixture.Model;
        HardeningFixture.AnyText.Sample(
            text =>
            {
                var prediction = model.Predict(text);
                HardeningFixture.AssertValid(prediction, text);
                Assert.False(prediction.IsTruncated);
                Assert.Equal(prediction, model.Predict(text.AsSpan()));
                Assert.Equal(prediction, model.Predict(new string(text.AsSpan())));
            },
            iter: Samples);
    }

    [Fact]
    public void Predict_DefaultModelAnyText_Valid()
    {
        var model = StanceClassifier.Default;
        HardeningFixture.AnyText.Sample(text => HardeningFixture.AssertValid(model.Predict(text), text), iter: Samples);
    }

    [Fact]
    public void Predict_SlowPathAnyText_ValidAndSameAsSequential()
    {
        var model = HardeningFixture.SlowModel;
        HardeningFixture.AnyText.Sample(
            text =>
            {
                var prediction = model.Predict(text);
                HardeningFixture.AssertValid(prediction, text);
                Assert.Equal(prediction, model.Predict(text));
            },
            iter: SlowPathSamples);
    }

    [Fact]
    public void Explain_AnyText_ContributionsAreCentredAndFinite()
    {
        var model = Fixture.Model;
        HardeningFixture.AnyText.Sample(
            text =>
            {
                var explanation = model.Explain(text);
                Assert.Equal(model.Predict(text), explanation.Prediction);
                Assert.All(explanation.Contributions, c =>
                {
                    Assert.True(float.IsFinite(c.Weights.Supportive) && float.IsFinite(c.Weights.Sceptical) && float.IsFinite(c.Weights.Opposed));
                    Assert.Equal(0f, c.Weights.Supportive + c.Weights.Sceptical + c.Weights.Opposed, 3);
                });
            },
            iter: SlowPathSamples);
    }

    [Fact]
    public void Predict_WordsInsideHostileText_SameAsCleanText()
    {
        // Characters that are not letters or digits only separate words: hostile separators do not change what is read.
        var model = Fixture.Model;
        var separators = Gen.OneOf(" ", "\u0000", "\u202E", "\uD800", "\u200B", "\t", "\U0001F600", "\u001B", "!!!", "\uFEFF").Array[1, 3].Select(string.Concat);
        Gen.Select(separators, separators, separators).Sample(
            (a, b, c) => Assert.Equal(model.Predict("Kenya must withdraw"), model.Predict(a + "Kenya" + b + "must" + c + "withdraw" + a)),
            iter: 500);
    }

    public static TheoryData<string, Func<string>> HugeTexts() => new()
    {
        { "1 MB of arbitrary UTF-16", () => RandomUtf16(1 << 20, seed: 7) },
        { "1 MB of words", () => string.Concat(Enumerable.Repeat("Kenya must send more officers to Haiti now. ", (1 << 20) / 44)) },
        { "1 MB with no separator", () => RandomLetters(1 << 20, seed: 8) },
        { "100,000 x 'a'", () => new string('a', 100_000) },
        { "100,000 x ' '", () => new string(' ', 100_000) },
        { "100,000 x NUL", () => new string('\0', 100_000) },
        { "100,000 x lone high surrogate", () => new string('\uD800', 100_000) },
        { "100,000 x emoji (200,000 code units)", () => string.Concat(Enumerable.Repeat("\U0001F600", 100_000)) },
        { "100,000 x combining acute", () => "e" + new string('\u0301', 100_000) },
        { "100,000 x Arabic digit", () => new string('\u0663', 100_000) },
        { "100,000 x 'support '", () => string.Concat(Enumerable.Repeat("support ", 100_000)) },
        { "100,000 x RLO", () => new string('\u202E', 100_000) },
    };

    [Theory]
    [MemberData(nameof(HugeTexts))]
    public void Predict_HugeText_ValidTruncatedAndFast(string name, Func<string> make)
    {
        var text = make();
        var limit = Fixture.Model.Card.Trainer.Featurizer.MaximumCharacters;
        Assert.True(text.Length > limit, name);
        foreach (var model in new[] { Fixture.Model, StanceClassifier.Default, HardeningFixture.SlowModel })
        {
            model.Predict(text); // warm-up: the thread's buffers grow once
            var clock = Stopwatch.StartNew();
            var prediction = model.Predict(text);
            clock.Stop();
            HardeningFixture.AssertValid(prediction, text);
            Assert.True(prediction.IsTruncated, name);

            // Only the first MaximumCharacters are read: the prediction is that of the prefix.
            Assert.Equal(model.Predict(text[..limit]) with { IsTruncated = true }, prediction);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{name}: {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public void Predict_TextAtTheLimit_IsNotTruncated()
    {
        var limit = Fixture.Model.Card.Trainer.Featurizer.MaximumCharacters;
        Assert.False(Fixture.Model.Predict(new string('a', limit)).IsTruncated);
        Assert.True(Fixture.Model.Predict(new string('a', limit + 1)).IsTruncated);
        Assert.True(Fixture.Model.Predict(new string(' ', limit + 1)).IsTruncated);
        Assert.Equal(StancePrediction.NoSignal with { IsTruncated = true }, Fixture.Model.Predict(new string(' ', limit + 1)));
    }

    [Fact]
    public void Predict_AfterWarmUp_AllocatesNothingEvenWhenTruncating()
    {
        var model = Fixture.Model;
        string[] texts = ["Kenya must send more officers", "\uD800\u0000\u202E", string.Empty, RandomUtf16(50_000, seed: 3), new string('a', 30_000)];
        foreach (var text in texts)
        {
            model.Predict(text);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            model.Predict(texts[i % texts.Length]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static string RandomUtf16(int length, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0, 0x10000);
        }

        return new string(chars);
    }

    private static string RandomLetters(int length, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)('a' + random.Next(26));
        }

        return new string(chars);
    }
}
