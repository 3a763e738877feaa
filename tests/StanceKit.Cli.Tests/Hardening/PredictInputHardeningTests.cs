using System.Globalization;
using System.Text;
using StanceKit.Cli.Tests.Commands;

namespace StanceKit.Cli.Tests.Hardening;

/// <summary>
/// Issue 7, CSV scoring: <c>predict --input</c> never drops or reorders rows (rows out = rows in; a row that cannot be scored
/// is kept with the reason in the <c>error</c> column), rejects what it cannot read row by row with the file, line and a fix,
/// and leaves no partial output file after a failure or cancellation. Counts: docs/RELIABILITY.md.
/// </summary>
public class PredictInputHardeningTests
{
    /// <summary>Rows of the fault-injection file.</summary>
    public const int MixedRows = 3_000;

    private static string Nasty(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nasty", name);

    private static (CliResult Result, List<string[]> Rows, TempFolder Folder) Score(string fixture, params string[] extra)
    {
        var folder = new TempFolder();
        var input = folder.File(fixture);
        File.Copy(Nasty(fixture), input);
        var output = folder.File("out.csv");
        var result = Run.Cli(["predict", "--input", input, "--output", output, "--model", Fixture.Model, .. extra]);
        var separator = extra.Contains(";") ? ';' : extra.Contains("tab") ? '\t' : ',';
        var rows = File.Exists(output) ? PredictCommandTests.ReadCsv(File.ReadAllText(output), separator) : [];
        return (result, rows, folder);
    }

    public static TheoryData<string, string[], int, int[], string> Accepted() => new()
    {
        { "stray-quote.csv", [], 3, [2], "line 3, column 'text', character 9: a quote appears inside a field" },
        { "text-after-closing-quote.csv", [], 3, [2], "line 3, column 'text', character 18: text follows the closing quote" },
        { "ragged-rows.csv", [], 4, [2, 3], "line 3: the row has 2 field(s) but the header has 3" },
        { "header-only.csv", [], 0, [], string.Empty },
        { "bom-utf8.csv", [], 3, [], string.Empty },
        { "bom-utf16le.csv", [], 3, [], string.Empty },
        { "bom-utf16be.csv", [], 3, [], string.Empty },
        { "bom-utf32le.csv", [], 3, [], string.Empty },
        { "utf16le-no-bom.csv", ["--encoding", "utf-16"], 3, [], string.Empty },
        { "latin1.csv", [], 3, [2], "line 3, column 'text': the bytes are not valid UTF-8" },
        { "latin1.csv", ["--encoding", "latin1"], 3, [], string.Empty },
        { "windows-1252.csv", [], 2, [2], "line 3, column 'text': the bytes are not valid UTF-8" },
        { "windows-1252.csv", ["--encoding", "windows-1252"], 2, [], string.Empty },
        { "semicolon.csv", ["--delimiter", ";"], 2, [], string.Empty },
        { "tab.csv", ["--delimiter", "tab"], 2, [], string.Empty },
        { "crlf-lf-mix.csv", [], 4, [], string.Empty },
        { "nul-bytes.csv", [], 3, [], string.Empty },
        { "blank-lines.csv", [], 3, [2], "line 6: the row has 1 field(s)" },
        { "no-final-newline.csv", [], 2, [], string.Empty },
        { "control-and-bidi.csv", [], 3, [], string.Empty },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void PredictInput_NastyFile_EveryRowOutInOrder(string fixture, string[] extra, int rowsIn, int[] errorRows, string firstError)
    {
        var (result, rows, folder) = Score(fixture, extra);
        using (folder)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(rowsIn + 1, rows.Count);
            Assert.Equal(["stance", "confidence", "p_supportive", "p_sceptical", "p_opposed", "error"], rows[0][^6..]);
            for (var i = 1; i < rows.Count; i++)
            {
                var error = rows[i][^1];
                if (errorRows.Contains(i))
                {
                    Assert.True(error.Length > 0, $"row {i} should carry an error");
                    Assert.All(rows[i][^6..^1], field => Assert.Equal(string.Empty, field));
                }
                else
                {
                    Assert.Equal(string.Empty, error);
                    Assert.True(StanceLabels.TryParse(rows[i][^6], out _), $"row {i}: '{rows[i][^6]}'");
                }
            }

            if (errorRows.Length > 0)
            {
                Assert.StartsWith(firstError, rows[errorRows[0]][^1], StringComparison.Ordinal);
                Assert.Contains($"{errorRows.Length} of {rowsIn} row(s) could not be scored", result.Stderr, StringComparison.Ordinal);
            }

            Assert.Equal(new[] { fixture, "out.csv" }.Order(StringComparer.Ordinal), folder.Files());
        }
    }

    [Fact]
    public void PredictInput_CleanNastyFiles_KeepTheTextExactly()
    {
        foreach (var fixture in new[] { "bom-utf16be.csv", "crlf-lf-mix.csv", "nul-bytes.csv", "control-and-bidi.csv" })
        {
            var expected = StanceCorpus.ReadCsv(Nasty(fixture)).Statements.Select(s => s.Text);
            var (_, rows, folder) = Score(fixture);
            using (folder)
            {
                Assert.Equal(expected, rows.Skip(1).Select(r => r[0]));
            }
        }
    }

    public static TheoryData<string, string[], string> Rejected() => new()
    {
        { "unterminated-quote.csv", [], "line 3, column 'text': the quote that opens this field at character 1 is never closed" },
        { "missing-header.csv", [], "line 1: there is no column 'text'" },
        { "duplicate-header.csv", [], "the column 'text' appears 2 times (columns 1, 3)" },
        { "empty.csv", [], "the file is empty" },
        { "bom-only.csv", [], "the file is empty" },
        { "utf16le-no-bom.csv", [], "UTF-16 without a byte order mark" },
        { "binary-junk.csv", [], "line 1: there is no column 'text'" },
        { "semicolon.csv", [], "';'-separated. Set --delimiter to ';'" },
        { "tab.csv", [], "tab-separated. Set --delimiter to tab" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void PredictInput_UnreadableFile_ExitsOneNamingFileAndLineWithNoOutput(string fixture, string[] extra, string phrase)
    {
        var (result, _, folder) = Score(fixture, extra);
        using (folder)
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains(fixture, result.Stderr, StringComparison.Ordinal);
            Assert.Contains(phrase, result.Stderr, StringComparison.Ordinal);
            Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("stancekit: error:", StringComparison.Ordinal));
            Assert.DoesNotContain('\0', result.Stderr);
            Assert.Equal([fixture], folder.Files());
        }
    }

    [Fact]
    public void PredictInput_InjectedFaults_RowsOutEqualRowsInInOrder()
    {
        // Seeded mix of good rows and every row-level fault: ragged rows, stray quotes, invalid UTF-8, over-long text,
        // empty text, quoted line breaks and delimiters. Each row carries its id; faulty ids are known in advance.
        var random = new Random(23);
        var bytes = new MemoryStream();
        void Write(string text) => bytes.Write(Encoding.UTF8.GetBytes(text));
        Write("id,text,note\n");
        var faulty = new HashSet<int>();
        for (var id = 1; id <= MixedRows; id++)
        {
            switch (random.Next(12))
            {
                case 0:
                    Write($"{id},short row\n");
                    faulty.Add(id);
                    break;
                case 1:
                    Write($"{id},Kenya must, lead,x,y\n");
                    faulty.Add(id);
                    break;
                case 2:
                    Write($"{id},He said \"no\" today,x\n");
                    faulty.Add(id);
                    break;
                case 3:
                    Write($"{id},S");
                    bytes.WriteByte(0xE9);
                    Write("curit\u00e9,x\n");
                    faulty.Add(id);
                    break;
                case 4:
                    Write($"{id},\"{new string('w', 25_000)} support\",x\n");
                    break;
                case 5:
                    Write($"{id},,empty text\n");
                    break;
                case 6:
                    Write($"{id},\"Line one\r\nline, two \"\"quoted\"\"\",x\n");
                    break;
                default:
                    Write($"{id},Statement {id} {(id % 2 == 0 ? "backs the mission" : "wants the police home")},x\n");
                    break;
            }
        }

        using var folder = new TempFolder();
        var input = folder.File("mixed.csv");
        File.WriteAllBytes(input, bytes.ToArray());
        var output = folder.File("out.csv");
        var result = Run.Cli("predict", "--input", input, "--output", output, "--model", Fixture.Model);
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = PredictCommandTests.ReadCsv(File.ReadAllText(output));
        Assert.Equal(MixedRows + 1, rows.Count);
        Assert.Equal(Enumerable.Range(1, MixedRows).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        Assert.Equal(faulty.Order(), rows.Skip(1).Where(r => r[^1].Length > 0).Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)));
        Assert.All(rows.Skip(1).Where(r => r[^1].Length == 0), r => Assert.True(StanceLabels.TryParse(r[^6], out _)));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{faulty.Count:N0} of {MixedRows:N0} row(s) could not be scored"), result.Stderr, StringComparison.Ordinal);
        Assert.Contains("longer than 20,000 characters were scored on their first 20,000", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictInput_TenMegabyteField_IsScoredOnItsStartAndKeptWhole()
    {
        using var folder = new TempFolder();
        var input = folder.Write("big.csv", "id,text\n1,\"" + string.Concat(Enumerable.Repeat("Kenya must bring its police home. ", 300_000)) + "\"\n2,short\n");
        var output = folder.File("out.csv");
        var result = Run.Expect(0, "predict", "--input", input, "--output", output, "--model", Fixture.Model);
        var rows = PredictCommandTests.ReadCsv(File.ReadAllText(output));
        Assert.Equal(3, rows.Count);
        Assert.Equal(10_200_000, rows[1][1].Length);
        Assert.Equal(string.Empty, rows[1][^1]);
        Assert.Contains("1 statement(s) longer than 20,000 characters", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictInput_UnterminatedQuoteAfterManyRows_ExitsOneWithNoOutputFile()
    {
        using var folder = new TempFolder();
        var input = folder.Write("late.csv", "text\n" + string.Concat(Enumerable.Repeat("a good statement\n", 20_000)) + "\"never closed\nmore\n");
        var result = Run.Expect(1, "predict", "--input", input, "--output", folder.File("out.csv"), "--model", Fixture.Model);
        Assert.Contains("late.csv, line 20002, column 'text'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["late.csv"], folder.Files());
    }

    [Fact]
    public async Task PredictInput_CancelledMidRun_ExitsWithNoOutputFile()
    {
        using var folder = new TempFolder();
        var input = folder.Write("long.csv", "id,text\n" + string.Concat(Enumerable.Range(0, 400_000).Select(i => $"{i},statement {i} backs the mission\n")));
        using var cancellation = new CancellationTokenSource();
        var run = Task.Run(() => Run.WithToken(string.Empty, cancellation.Token, "predict", "--input", input, "--output", folder.File("out.csv"), "--model", Fixture.Model));

        // Cancel once the temporary output exists, that is while rows are being scored and written.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!run.IsCompleted && !folder.Files().Any(f => f.EndsWith(".tmp", StringComparison.Ordinal)) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(5);
        }

        await cancellation.CancelAsync();
        var result = await run;
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal(["long.csv"], folder.Files());
    }

    [Fact]
    public void Predict_LongStatement_SaysItWasTruncated()
    {
        var text = string.Concat(Enumerable.Repeat("We back the mission. ", 2_000));
        Assert.Contains("[truncated: only the first 20,000 characters were read]", Run.Expect(0, "predict", "--model", Fixture.Model, text).Stdout, StringComparison.Ordinal);
        Assert.Contains("\"truncated\": true", Run.Expect(0, "predict", "--model", Fixture.Model, "--json", text).Stdout, StringComparison.Ordinal);
        Assert.Contains("\"truncated\": false", Run.Expect(0, "predict", "--model", Fixture.Model, "--json", "short").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_UnknownEncoding_ExitsTwo() =>
        Assert.Contains("--encoding 'klingon'", Run.Expect(2, "predict", "--input", Fixture.Mini, "--encoding", "klingon", "--model", Fixture.Model).Stderr, StringComparison.Ordinal);

    [Fact]
    public void Train_Latin1CorpusWithEncoding_Trains()
    {
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(Fixture.Mini, Encoding.UTF8).Where(l => l.All(c => c < 128)).Append("Sécurité d'abord pour Haïti,supportive,haiti_government,speech");
        var input = folder.File("latin1.csv");
        File.WriteAllLines(input, lines, Encoding.Latin1);
        var failed = Run.Cli("train", "--data", input, "--output", folder.File("m.zip"), "--hash-bits", "12", "--folds", "0", "--quiet");
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("not valid UTF-8", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("--encoding latin1", failed.Stderr, StringComparison.Ordinal);
        Assert.Equal(["latin1.csv"], folder.Files());
        Run.Expect(0, "train", "--data", input, "--encoding", "latin1", "--output", folder.File("m.zip"), "--hash-bits", "12", "--folds", "0", "--quiet");
    }
}
