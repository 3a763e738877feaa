using System.Text;

namespace StanceKit.Tests.Corpus;

public class StanceCorpusTests
{
    private static CorpusReadResult Read(string csv, CorpusCsvOptions? options = null) => StanceCorpus.ReadCsv(new StringReader(csv), options, "test.csv");

    private static CorpusFormatException ReadFails(string csv, CorpusCsvOptions? options = null) =>
        Assert.Throws<CorpusFormatException>(() => Read(csv, options));

    [Fact]
    public void ReadCsv_DefaultColumns_ReadsRowsInOrder()
    {
        var result = Read("text,label\nWe back the mission,supportive\nIt may fail,SCEPTICAL\nBring them home,Opposed\n");
        Assert.Equal(["We back the mission", "It may fail", "Bring them home"], result.Statements.Select(s => s.Text));
        Assert.Equal([Stance.Supportive, Stance.Sceptical, Stance.Opposed], result.Statements.Select(s => s.Label));
        Assert.Equal([2L, 3L, 4L], result.Statements.Select(s => s.Line));
        Assert.Empty(result.InvalidRows);
    }

    [Fact]
    public void ReadCsv_QuotedFields_KeepNewlinesDelimitersAndQuotes()
    {
        var result = Read("label,text\nopposed,\"Line one\nline two, with a comma and \"\"quotes\"\"\"\nsupportive,plain\n");
        Assert.Equal("Line one\nline two, with a comma and \"quotes\"", result.Statements[0].Text);
        Assert.Equal(2, result.Statements[0].Line);
        Assert.Equal(4, result.Statements[1].Line);
    }

    [Fact]
    public void ReadCsv_CustomColumnsAndDelimiter_AreUsed()
    {
        var options = new CorpusCsvOptions { TextColumn = "Tweet", LabelColumn = "Stance", Delimiter = ';' };
        var result = Read("ID;Tweet;Stance\n1;Send them, now;supportive\n", options);
        Assert.Equal("Send them, now", result.Statements.Single().Text);
        Assert.Equal("1", result.Statements.Single().Id);
    }

    [Fact]
    public void ReadCsv_LabelAliases_MapOtherCorpora()
    {
        var options = new CorpusCsvOptions { LabelAliases = CorpusCsvOptions.ParseLabelMap("FAVOR=supportive,AGAINST=opposed,NONE=sceptical") };
        var result = Read("text,label\na,favor\nb,AGAINST\nc,None\nd,opposed\n", options);
        Assert.Equal([Stance.Supportive, Stance.Opposed, Stance.Sceptical, Stance.Opposed], result.Statements.Select(s => s.Label));
    }

    [Fact]
    public void ReadCsv_Utf8Bom_IsIgnored()
    {
        var path = Fixture.TempFile(".csv");
        try
        {
            File.WriteAllText(path, "text,label\nSécurité d'abord,supportive\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var result = StanceCorpus.ReadCsv(path);
            Assert.Equal("Sécurité d'abord", result.Statements.Single().Text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadCsv_OptionalMetadataColumns_AreRead()
    {
        var result = Read("id,text,label,stakeholder_group,register,language,split\nx1,Hello,opposed,haiti_gangs,interview,ht,test\n");
        var s = result.Statements.Single();
        Assert.Equal(("x1", "haiti_gangs", "interview", "ht", "test"), (s.Id, s.Stakeholder, s.Register, s.Language, s.Split));
    }

    [Fact]
    public void ReadCsv_MissingColumn_ListsColumnsFound()
    {
        var error = ReadFails("statement,label\nx,opposed\n");
        Assert.Equal(1, error.Line);
        Assert.Equal("text", error.Column);
        Assert.Contains("test.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("'statement', 'label'", error.Message, StringComparison.Ordinal);
        Assert.Contains("TextColumn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_DuplicateColumn_Throws()
    {
        var error = ReadFails("text,Text,label\na,b,opposed\n");
        Assert.Contains("appears 2 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_EmptyFile_Throws()
    {
        var error = ReadFails(string.Empty);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_EmptyText_NamesLineAndColumn()
    {
        var error = ReadFails("text,label\nfine,opposed\n  ,supportive\n");
        Assert.Equal(3, error.Line);
        Assert.Equal("text", error.Column);
        Assert.Contains("test.csv, line 3, column 'text'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_UnknownLabel_ListsAcceptedLabelsAndAliases()
    {
        var options = new CorpusCsvOptions { LabelAliases = CorpusCsvOptions.ParseLabelMap("FAVOR=supportive") };
        var error = ReadFails("text,label\na,supportive\nb,neutral\n", options);
        Assert.Equal(3, error.Line);
        Assert.Equal("label", error.Column);
        Assert.Contains("'neutral'", error.Message, StringComparison.Ordinal);
        Assert.Contains("supportive, sceptical, opposed", error.Message, StringComparison.Ordinal);
        Assert.Contains("FAVOR=supportive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ValuesOutOfMessages_HidesLabel()
    {
        var error = ReadFails("text,label\nb,secret-value\n", new CorpusCsvOptions { IncludeValuesInMessages = false });
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text,label\nok,opposed\n\"never closed,opposed\nmore,supportive\n", 3)]
    [InlineData("text,label\nab\"c,opposed\n", 2)]
    [InlineData("text,label\n\"ab\"c,opposed\n", 2)]
    public void ReadCsv_MalformedQuoting_NamesLine(string csv, long line)
    {
        var error = ReadFails(csv);
        Assert.Equal(line, error.Line);
        Assert.Contains("quote", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ReadCsv_TooManyFields_SaysToQuote()
    {
        var error = ReadFails("text,label\nhello, world,opposed\n");
        Assert.Equal(2, error.Line);
        Assert.Contains("3 field(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_SkipInvalidRows_CollectsEveryBadRowWithLineAndReason()
    {
        var csv = "text,label\ngood one,opposed\n,supportive\nbad label,maybe\n\"x\"y,opposed\nlast good,sceptical\n";
        var result = Read(csv, new CorpusCsvOptions { SkipInvalidRows = true });
        Assert.Equal(["good one", "last good"], result.Statements.Select(s => s.Text));
        Assert.Equal([3L, 4L, 5L], result.InvalidRows.Select(r => r.Line));
        Assert.Equal(["text", "label", "text"], result.InvalidRows.Select(r => r.Column)); // a quoting fault names its column too
    }

    [Fact]
    public void ReadCsv_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => StanceCorpus.ReadCsv(Fixture.TempFile(".csv")));

    [Fact]
    public void ReadCsv_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => StanceCorpus.ReadCsv((string)null!));
        Assert.Throws<ArgumentNullException>(() => StanceCorpus.ReadCsv((TextReader)null!));
    }

    [Theory]
    [InlineData("FAVOR")]
    [InlineData("FAVOR=neutral")]
    [InlineData("=supportive")]
    public void ParseLabelMap_BadEntry_Throws(string map) => Assert.Throws<StanceKitException>(() => CorpusCsvOptions.ParseLabelMap(map));

    [Fact]
    public void Validate_ManyProblems_ListsAll()
    {
        var options = new CorpusCsvOptions
        {
            TextColumn = " ",
            LabelColumn = "",
            Delimiter = '"',
            LabelAliases = new Dictionary<string, Stance> { ["opposed"] = Stance.Supportive },
        };
        var error = Assert.Throws<StanceKitException>(options.Validate);
        Assert.Equal(4, error.Message.Split('\n').Count(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)));
    }

    [Fact]
    public void SplitStratified_SameSeed_SameSplitAndLabelProportions()
    {
        var corpus = Fixture.Mini;
        var (train, test) = StanceCorpus.SplitStratified(corpus, 0.25, seed: 3);
        var (train2, test2) = StanceCorpus.SplitStratified(corpus, 0.25, seed: 3);
        var (_, test3) = StanceCorpus.SplitStratified(corpus, 0.25, seed: 4);
        Assert.Equal(test, test2);
        Assert.Equal(train, train2);
        Assert.NotEqual(test, test3);
        Assert.Equal(corpus.Count, train.Count + test.Count);
        foreach (var stance in StanceLabels.All)
        {
            Assert.Equal(10, test.Count(s => s.Label == stance));
        }
    }

    [Fact]
    public void SplitStratified_BadFraction_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StanceCorpus.SplitStratified(Fixture.Mini, 1.0));
}
