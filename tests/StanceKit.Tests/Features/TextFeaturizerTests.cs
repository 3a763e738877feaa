using StanceKit.Features;

namespace StanceKit.Tests.Features;

public class TextFeaturizerTests
{
    // The featurizer itself, without the IDF weighting that training adds (InverseDocumentFrequencyTests covers it).
    private readonly TextFeaturizer featurizer = new(new FeaturizerOptions { InverseDocumentFrequency = false });

    private (int[] Indices, float[] Values) Features(string text)
    {
        var buffer = new FeatureBuffer();
        var count = featurizer.Featurize(text, buffer);
        return (buffer.Indices[..count], buffer.Values[..count]);
    }

    [Fact]
    public void Featurize_Statement_DistinctUnitNorm()
    {
        var (indices, values) = Features("Kenya will send 1,000 officers; Kenya keeps its word.");
        Assert.NotEmpty(indices);
        Assert.Equal(indices.Length, indices.Distinct().Count());
        Assert.All(indices, i => Assert.InRange(i, 0, featurizer.Dimension - 1));
        Assert.Equal(1.0, Math.Sqrt(values.Sum(v => (double)v * v)), 5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("?!... --- ;;")]
    public void Featurize_NoWords_ReturnsZero(string text) => Assert.Empty(Features(text).Indices);

    [Fact]
    public void Featurize_CaseAndAccents_AreIgnored()
    {
        Assert.Equal(Features("La sécurité d'HAÏTI").Indices, Features("la securite d'haiti").Indices);
        Assert.Equal(Features("la sécurité").Values, Features("LA SECURITE").Values);
    }

    [Fact]
    public void Featurize_Digits_AreFolded()
    {
        Assert.Equal(Features("2,500 officers").Indices, Features("1,000 officers").Indices);
    }

    [Fact]
    public void Featurize_WordOrder_Matters_ThroughBigrams()
    {
        Assert.NotEqual(Features("not support deployment").Indices.Order(), Features("support not deployment").Indices.Order());
    }

    [Fact]
    public void Featurize_RepeatedNgrams_CountSublinearly()
    {
        // "aid aid aid": the word "aid" occurs 3 times -> 1 + ln 3 before normalisation; "aid aid" (bigram) twice -> 1 + ln 2.
        var featurizer = new TextFeaturizer(new FeaturizerOptions { CharNgramMaxLength = 0, StanceCueWeight = 0, InverseDocumentFrequency = false });
        var buffer = new FeatureBuffer();
        var count = featurizer.Featurize("aid aid aid", buffer);
        Assert.Equal(2, count);
        var values = buffer.Values[..count].Order().ToArray();
        var norm = Math.Sqrt(Math.Pow(1 + Math.Log(3), 2) + Math.Pow(1 + Math.Log(2), 2));
        Assert.Equal((1 + Math.Log(2)) / norm, values[0], 5);
        Assert.Equal((1 + Math.Log(3)) / norm, values[1], 5);
    }

    [Fact]
    public void Featurize_ManyCallsOnOneBuffer_SameResultAsAFreshBuffer()
    {
        // The merge table is cleared after each call: a reused buffer must not leak counts into the next statement.
        var shared = new FeatureBuffer();
        foreach (var text in Fixture.Mini.Select(s => s.Text).Take(40))
        {
            var count = featurizer.Featurize(text, shared);
            var fresh = new FeatureBuffer();
            var expected = featurizer.Featurize(text, fresh);
            Assert.Equal(expected, count);
            Assert.Equal(fresh.Indices[..expected], shared.Indices[..count]);
            Assert.Equal(fresh.Values[..expected], shared.Values[..count]);
        }
    }

    [Fact]
    public void Featurize_TextLongerThanLimit_ReadsOnlyTheLimit()
    {
        var limited = new TextFeaturizer(new FeaturizerOptions { MaximumCharacters = 10, InverseDocumentFrequency = false });
        var buffer = new FeatureBuffer();
        var count = limited.Featurize("abcdefghi xyz then more words", buffer);
        var expected = limited.Featurize("abcdefghi ", new FeatureBuffer());
        Assert.Equal(expected, count);
    }

    [Fact]
    public void Featurize_WordsOnly_HasFewerFeaturesThanWithCharacters()
    {
        var wordsOnly = new TextFeaturizer(new FeaturizerOptions { CharNgramMaxLength = 0, InverseDocumentFrequency = false });
        var count = wordsOnly.Featurize("three little words", new FeatureBuffer());
        Assert.Equal(5, count); // 3 words + 2 word pairs
        Assert.True(Features("three little words").Indices.Length > count);
    }

    [Fact]
    public void Featurize_BufferGrows_ForLongText()
    {
        var text = string.Join(' ', Enumerable.Range(0, 5000).Select(i => "word" + (char)('a' + (i % 26)) + (char)('a' + (i / 26 % 26))));
        var (indices, values) = Features(text);
        Assert.NotEmpty(indices);
        Assert.Equal(1.0, Math.Sqrt(values.Sum(v => (double)v * v)), 4);
    }

    [Theory]
    [InlineData(0, 2, 5, 18)]
    [InlineData(2, 0, 5, 18)]
    [InlineData(2, 6, 5, 18)]
    [InlineData(2, 3, 5, 30)]
    public void Validate_BadOptions_Throws(int wordLength, int charMin, int charMax, int bits)
    {
        var options = new FeaturizerOptions { WordNgramLength = wordLength, CharNgramMinLength = charMin, CharNgramMaxLength = charMax, HashBits = bits };
        Assert.Throws<StanceKitException>(options.Validate);
    }

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new FeaturizerOptions();
        Assert.Equal((2, 5, 5, 18, true, 20_000, 3f, true), (options.WordNgramLength, options.CharNgramMinLength, options.CharNgramMaxLength, options.HashBits, options.SublinearTermFrequency, options.MaximumCharacters, options.StanceCueWeight, options.InverseDocumentFrequency));
    }
}
