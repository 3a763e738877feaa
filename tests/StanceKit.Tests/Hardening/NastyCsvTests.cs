using System.Diagnostics;
using System.Text;

namespace StanceKit.Tests.Hardening;

/// <summary>
/// Issue 7: every nasty CSV fixture (Fixtures/Nasty, listed in docs/RELIABILITY.md) is read correctly or rejected with the file,
/// the line, the column where one applies, and a fix.
/// </summary>
public class NastyCsvTests
{
    private const string Supportive = "Kenya must lead the mission";

    static NastyCsvTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Nasty(string name) => Fixture.Path(Path.Combine("Nasty", name));

    private static CorpusReadResult Read(string name, CorpusCsvOptions? options = null) => StanceCorpus.ReadCsv(Nasty(name), options);

    private static CorpusFormatException Rejects(string name, long line, string? column, params string[] phrases)
    {
        var error = Assert.Throws<CorpusFormatException>(() => Read(name));
        Assert.Equal(Nasty(name), error.SourceName);
        Assert.StartsWith(Nasty(name), error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        foreach (var phrase in phrases)
        {
            Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    [Fact]
    public void ReadCsv_UnterminatedQuote_RejectsWithLineColumnAndFix() =>
        Rejects("unterminated-quote.csv", 3, "text", "line 3, column 'text'", "never closed", "Close the quote");

    [Fact]
    public void ReadCsv_StrayQuote_RejectsWithLineColumnAndCharacter() =>
        Rejects("stray-quote.csv", 3, "text", "at character 9", "Quote the whole field");

    [Fact]
    public void ReadCsv_TextAfterClosingQuote_RejectsWithLineColumnAndCharacter() =>
        Rejects("text-after-closing-quote.csv", 3, "text", "at character 18", "text follows the closing quote");

    [Fact]
    public void ReadCsv_RaggedRows_RejectsFirstAndSkipsEachWhenAsked()
    {
        Rejects("ragged-rows.csv", 3, null, "2 field(s) but the header has 3", "Quote any field");
        var result = Read("ragged-rows.csv", new CorpusCsvOptions { SkipInvalidRows = true });
        Assert.Equal([2L, 5L], result.Statements.Select(s => s.Line));
        Assert.Equal([3L, 4L], result.InvalidRows.Select(r => r.Line));
    }

    [Fact]
    public void ReadCsv_MissingHeader_SaysTheFirstLineIsData() =>
        Rejects("missing-header.csv", 1, "text", "looks like a data row", "text,label");

    [Fact]
    public void ReadCsv_DuplicateHeader_NamesBothColumns() =>
        Rejects("duplicate-header.csv", 1, "text", "appears 2 times (columns 1, 3)", "Rename the duplicates");

    [Theory]
    [InlineData("empty.csv")]
    [InlineData("bom-only.csv")]
    public void ReadCsv_EmptyFile_AsksForAHeader(string name) => Rejects(name, 1, null, "the file is empty", "header line");

    [Fact]
    public void ReadCsv_HeaderOnly_ReadsNoStatements()
    {
        var result = Read("header-only.csv");
        Assert.Empty(result.Statements);
        Assert.Empty(result.InvalidRows);
    }

    [Theory]
    [InlineData("bom-utf8.csv")]
    [InlineData("bom-utf16le.csv")]
    [InlineData("bom-utf16be.csv")]
    [InlineData("bom-utf32le.csv")]
    public void ReadCsv_ByteOrderMark_ReadsEveryEncodingAlike(string name)
    {
        var result = Read(name);
        Assert.Equal(["Sécurité d'abord pour Haïti", "Nou pa vle okipasyon", "The funding is unclear"], result.Statements.Select(s => s.Text));
        Assert.Equal([2L, 3L, 4L], result.Statements.Select(s => s.Line));
    }

    [Fact]
    public void ReadCsv_Utf16WithoutBom_SaysSoAndReadsWithTheEncoding()
    {
        Rejects("utf16le-no-bom.csv", 1, "text", "NUL characters", "UTF-16 without a byte order mark", "CorpusCsvOptions.Encoding");
        var result = Read("utf16le-no-bom.csv", new CorpusCsvOptions { Encoding = Encoding.Unicode });
        Assert.Equal("Sécurité d'abord pour Haïti", result.Statements[0].Text);
    }

    [Fact]
    public void ReadCsv_Latin1Bytes_RejectsWithColumnAndEncodingFix()
    {
        Rejects("latin1.csv", 3, "text", "character 2 are not valid UTF-8", "Latin-1", "CorpusCsvOptions.Encoding", "--encoding latin1");
        var result = Read("latin1.csv", new CorpusCsvOptions { Encoding = Encoding.Latin1 });
        Assert.Equal("Sécurité d'abord pour Haïti", result.Statements[1].Text);
    }

    [Fact]
    public void ReadCsv_Windows1252Bytes_RejectsAndReadsWithTheEncoding()
    {
        Rejects("windows-1252.csv", 3, "text", "not valid UTF-8");
        var result = Read("windows-1252.csv", new CorpusCsvOptions { Encoding = Encoding.GetEncoding(1252) });
        Assert.Equal("\u201cBring them home\u201d \u2013 now", result.Statements[1].Text);
    }

    [Theory]
    [InlineData("semicolon.csv", ';', "';'-separated")]
    [InlineData("tab.csv", '\t', "tab-separated")]
    public void ReadCsv_OtherDelimiter_NamesItAndReadsWithIt(string name, char delimiter, string phrase)
    {
        Rejects(name, 1, "text", phrase, "CorpusCsvOptions.Delimiter");
        var result = Read(name, new CorpusCsvOptions { Delimiter = delimiter });
        Assert.Equal(["Kenya must lead the mission, now", "Bring the officers home"], result.Statements.Select(s => s.Text));
    }

    [Fact]
    public void ReadCsv_CrLfLfAndCrMixed_ReadsEveryRowOnItsLine()
    {
        var result = Read("crlf-lf-mix.csv");
        Assert.Equal([Supportive, "Bring the officers home", "A statement\r\nover two lines", "Old Mac line end"], result.Statements.Select(s => s.Text));
        Assert.Equal([2L, 3L, 4L, 6L], result.Statements.Select(s => s.Line));
    }

    [Fact]
    public void ReadCsv_NulBytes_AreKeptInTheText()
    {
        var result = Read("nul-bytes.csv");
        Assert.Equal(["Kenya must\0lead the mission", "\0", "The funding is unclear"], result.Statements.Select(s => s.Text));
    }

    [Fact]
    public void ReadCsv_BinaryJunk_SaysItIsNotText()
    {
        var error = Assert.Throws<CorpusFormatException>(() => Read("binary-junk.csv"));
        Assert.Equal(1, error.Line);
        Assert.True(
            error.Message.Contains("not readable text", StringComparison.Ordinal) || error.Message.Contains("NUL characters", StringComparison.Ordinal),
            error.Message);
        Assert.DoesNotContain('\0', error.Message);
        Assert.True(error.Message.Length < 1500, $"message of {error.Message.Length} characters");
    }

    [Fact]
    public void ReadCsv_BlankLines_AreSkippedAndAWhiteSpaceLineIsARaggedRow()
    {
        Rejects("blank-lines.csv", 6, null, "1 field(s)");
        var result = Read("blank-lines.csv", new CorpusCsvOptions { SkipInvalidRows = true });
        Assert.Equal([4L, 7L], result.Statements.Select(s => s.Line));
    }

    [Fact]
    public void ReadCsv_NoFinalNewline_ReadsTheLastRow() =>
        Assert.Equal("The funding is unclear", Read("no-final-newline.csv").Statements[^1].Text);

    [Fact]
    public void ReadCsv_ControlBidiEmojiAndCombiningMarks_ReadExactly()
    {
        var texts = Read("control-and-bidi.csv").Statements.Select(s => s.Text).ToList();
        Assert.Equal("Tab\there, bell\a, escape\u001b[31m red", texts[0]);
        Assert.StartsWith("\u202eevitroppus\u202c", texts[1], StringComparison.Ordinal);
        Assert.Equal("e\u0301\u0301\u0301 \U0001F1F0\U0001F1EA \U0001F46E\u200d\u2642\ufe0f", texts[2]);
    }

    [Fact]
    public void ReadCsv_TenMegabyteField_IsReadWhole()
    {
        var path = Fixture.TempFile(".csv");
        try
        {
            File.WriteAllText(path, "text,label\n\"" + new string('x', 10_000_000) + "\",opposed\nshort,supportive\n");
            var clock = Stopwatch.StartNew();
            var result = StanceCorpus.ReadCsv(path);
            Assert.Equal(10_000_000, result.Statements[0].Text.Length);
            Assert.Equal(3, result.Statements[1].Line);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"read in {clock.Elapsed}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadCsv_ValuesKeptOutOfMessages_HidesInvalidBytesToo()
    {
        var error = Assert.Throws<CorpusFormatException>(() => Read("latin1.csv", new CorpusCsvOptions { IncludeValuesInMessages = false }));
        Assert.DoesNotContain("curit", error.Message, StringComparison.Ordinal);
    }
}
