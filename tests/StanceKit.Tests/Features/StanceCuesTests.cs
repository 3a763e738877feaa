using StanceKit.Features;

namespace StanceKit.Tests.Features;

public class StanceCuesTests
{
    [Fact]
    public void Classify_EveryEntry_ReturnsItsCategory()
    {
        foreach (var (entry, category) in StanceCues.Entries)
        {
            var word = entry.TrimEnd('*');
            Assert.Equal(category, StanceCues.Classify(word));
            if (entry.EndsWith('*'))
            {
                // A prefix entry also matches longer words, unless a longer entry of another category claims them.
                var longer = word + "ing";
                Assert.Equal(StanceCues.ClassifyReference(longer), StanceCues.Classify(longer));
            }
        }
    }

    [Fact]
    public void Classify_Trie_AgreesWithTheDictionaries()
    {
        var random = new Random(11);
        const string letters = "abcdefghijklmnopqrstuvwxyz0\u00e9\u0430";
        for (var i = 0; i < 200_000; i++)
        {
            var word = new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => letters[random.Next(letters.Length)]).ToArray());
            Assert.Equal(StanceCues.ClassifyReference(word), StanceCues.Classify(word));
        }

        // Random strings rarely reach deep into the trie: also every entry's stem grown and cut by a few letters.
        foreach (var (entry, _) in StanceCues.Entries)
        {
            var word = entry.TrimEnd('*');
            for (var cut = 0; cut <= Math.Min(3, word.Length); cut++)
            {
                foreach (var tail in new[] { "", "s", "ed", "ment", "0", "\u00e9" })
                {
                    var probe = word[..^cut] + tail;
                    Assert.Equal(StanceCues.ClassifyReference(probe), StanceCues.Classify(probe));
                }
            }
        }
    }

    [Theory]
    [InlineData("welcomed", StanceCues.Endorse)]
    [InlineData("unconstitutional", StanceCues.Reject)]
    [InlineData("inquietude", StanceCues.Doubt)]
    [InlineData("unless", StanceCues.Condition)]
    [InlineData("not", StanceCues.Negation)]
    [InlineData("lakini", StanceCues.Contrast)]
    [InlineData("kenya", StanceCues.None)]
    [InlineData("committee", StanceCues.None)]
    public void Classify_KnownWords(string word, byte expected) => Assert.Equal(expected, StanceCues.Classify(word));
}
