using System.Text;
using System.Text.Json;
using CsvHelper;

namespace StanceKit.Cli.Tests.Commands;

public class PredictCommandTests
{
    private const string Statement = "Kenya must bring its police home from Haiti now.";

    [Fact]
    public void Predict_Statement_PrintsStanceAndProbabilities()
    {
        var result = Run.Expect(0, "predict", "--model", Fixture.Model, Statement);
        var expected = StanceClassifier.Load(Fixture.Model).Predict(Statement);
        Assert.StartsWith(StanceLabels.ToLabel(expected.Stance) + " (confidence ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("supportive 0.", result.Stdout, StringComparison.Ordinal);
        Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Predict_SeveralWords_AreJoined()
    {
        var joined = Run.Expect(0, "predict", "--model", Fixture.Model, "--json", "Kenya", "must", "leave");
        using var json = JsonDocument.Parse(joined.Stdout);
        Assert.Equal("Kenya must leave", json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void Predict_Json_HasStanceConfidenceAndProbabilities()
    {
        var result = Run.Expect(0, "predict", "--model", Fixture.Model, "--json", Statement);
        var expected = StanceClassifier.Load(Fixture.Model).Predict(Statement);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(StanceLabels.ToLabel(expected.Stance), json.RootElement.GetProperty("stance").GetString());
        Assert.Equal(expected.Confidence, json.RootElement.GetProperty("confidence").GetSingle());
        Assert.Equal(expected.Probabilities.Opposed, json.RootElement.GetProperty("probabilities").GetProperty("opposed").GetSingle());
    }

    [Fact]
    public void Predict_Stdin_WritesOneCsvRowPerLine()
    {
        var lines = new[] { "We back the mission fully.", "Recall the officers, now.", string.Empty, "Il faut \"plus\" de moyens." };
        var result = Run.WithInput(string.Join('\n', lines) + "\n", "predict", "--model", Fixture.Model);
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = ReadCsv(result.Stdout);
        Assert.Equal(["text", "stance", "confidence", "p_supportive", "p_sceptical", "p_opposed"], rows[0]);
        Assert.Equal(lines, rows.Skip(1).Select(r => r[0]));
        var model = StanceClassifier.Load(Fixture.Model);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(StanceLabels.ToLabel(model.Predict(lines[i]).Stance), rows[i + 1][1]);
        }
    }

    [Fact]
    public void Predict_StdinJson_WritesJsonLines()
    {
        var result = Run.WithInput("one\ntwo\n", "predict", "--model", Fixture.Model, "--json");
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }

    [Fact]
    public void PredictInput_KeepsEveryRowInOrderWithAllColumns()
    {
        using var folder = new TempFolder();
        var output = folder.File("scored.csv");
        var result = Run.Expect(0, "predict", "--input", Fixture.Mini, "--output", output, "--model", Fixture.Model);
        Assert.Contains("predict: 120 row(s) scored", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);

        var input = ReadCsv(File.ReadAllText(Fixture.Mini));
        var scored = ReadCsv(File.ReadAllText(output));
        Assert.Equal([.. input[0], "stance", "confidence", "p_supportive", "p_sceptical", "p_opposed", "error"], scored[0]);
        Assert.Equal(input.Count, scored.Count);
        var model = StanceClassifier.Load(Fixture.Model);
        for (var i = 1; i < input.Count; i++)
        {
            Assert.Equal(input[i], scored[i][..input[i].Length]);
            var expected = model.Predict(input[i][0]);
            Assert.Equal(StanceLabels.ToLabel(expected.Stance), scored[i][4]);
            Assert.Equal(expected.Confidence, float.Parse(scored[i][5], System.Globalization.CultureInfo.InvariantCulture), 4);
            Assert.Equal(string.Empty, scored[i][^1]);
        }

        Assert.Equal(["scored.csv"], folder.Files());
    }

    [Fact]
    public void PredictInput_QuotesLineBreaksAndOtherColumn_RoundTrip()
    {
        using var folder = new TempFolder();
        var input = folder.Write("in.csv", "id;body;note\n1;\"He said \"\"no\"\";\nthen left\";x\n2;plain text;\"a;b\"\n3;;empty text\n");
        var result = Run.Expect(0, "predict", "--input", input, "--text-column", "body", "--delimiter", ";", "--model", Fixture.Model);
        var rows = ReadCsv(result.Stdout, ';');
        Assert.Equal(4, rows.Count);
        Assert.Equal("He said \"no\";\nthen left", rows[1][1]);
        Assert.Equal("a;b", rows[2][2]);
        Assert.Equal("0.3333", rows[3][4]);
    }

    [Fact]
    public void PredictInput_ManyRows_StreamsInBatches()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("n,text\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append(i).Append(",Statement number ").Append(i).Append(i % 2 == 0 ? " backs the mission\n" : " wants the police home\n");
        }

        var input = folder.Write("many.csv", text.ToString());
        var output = folder.File("out.csv");
        Run.Expect(0, "predict", "--input", input, "--output", output, "--model", Fixture.Model);
        var lines = File.ReadAllLines(output);
        Assert.Equal(10_001, lines.Length);
        Assert.StartsWith("9999,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void PredictInput_MissingTextColumn_ExitsOneListingColumns()
    {
        var result = Run.Expect(1, "predict", "--input", Fixture.Mini, "--text-column", "body", "--model", Fixture.Model);
        Assert.Contains("mini.csv, line 1: there is no column 'body'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'text', 'label'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictInput_WrongFieldCount_KeepsTheRowWithAnError()
    {
        using var folder = new TempFolder();
        var input = folder.Write("bad.csv", "id,text\n1,fine\n2,too,many,fields\n3,fine\n");
        var output = folder.File("out.csv");
        var result = Run.Expect(0, "predict", "--input", input, "--output", output, "--model", Fixture.Model);
        var rows = ReadCsv(File.ReadAllText(output));
        Assert.Equal(["1", "2", "3"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal("too,many,fields", rows[2][1]);
        Assert.Equal(string.Empty, rows[2][2]);
        Assert.StartsWith("line 3: the row has 4 field(s) but the header has 2", rows[2][^1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, rows[3][^1]);
        Assert.Contains("bad.csv: 1 of 3 row(s) could not be scored", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["bad.csv", "out.csv"], folder.Files());
    }

    [Fact]
    public void PredictInput_ExistingScoreColumn_ExitsOne()
    {
        using var folder = new TempFolder();
        var input = folder.Write("scored.csv", "text,stance\nhello,supportive\n");
        var result = Run.Expect(1, "predict", "--input", input, "--model", Fixture.Model);
        Assert.Contains("'stance'", result.Stderr, StringComparison.Ordinal);
        var withError = folder.Write("errors.csv", "text,Error\nhello,x\n");
        Assert.Contains("'Error'", Run.Expect(1, "predict", "--input", withError, "--model", Fixture.Model).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictInput_MissingFile_ExitsOne()
    {
        var result = Run.Expect(1, "predict", "--input", "missing.csv", "--model", Fixture.Model);
        Assert.Contains("missing.csv: file not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictInput_Cancelled_LeavesNoPartialFile()
    {
        using var folder = new TempFolder();
        var input = folder.Write("in.csv", "text\n" + string.Concat(Enumerable.Repeat("a statement\n", 5000)));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var result = Run.WithToken(string.Empty, cancellation.Token, "predict", "--input", input, "--output", folder.File("out.csv"), "--model", Fixture.Model);
        Assert.Equal(130, result.ExitCode);
        Assert.Equal(["in.csv"], folder.Files());
    }

    [Fact]
    public void PredictInput_OutputReplacesExistingFileWhole()
    {
        using var folder = new TempFolder();
        var output = folder.Write("out.csv", "old content\n");
        Run.Expect(0, "predict", "--input", Fixture.Mini, "--output", output, "--model", Fixture.Model);
        Assert.StartsWith("text,label,", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "predict", "--modle", "m.zip", "some text" }, "--modle")]
    [InlineData(new[] { "predict", "--output", "out.csv", "some text" }, "--output needs --input")]
    [InlineData(new[] { "predict", "--input", "in.csv", "some text" }, "not both")]
    [InlineData(new[] { "predict", "--input", "in.csv", "--json" }, "--json cannot be used with --input")]
    public void Predict_InvalidUsage_ExitsTwo(string[] args, string message)
    {
        var result = Run.Expect(2, args);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_TextAfterDoubleDash_MayStartWithDash()
    {
        var result = Run.Expect(0, "predict", "--model", Fixture.Model, "--", "--not an option");
        Assert.Contains("(confidence", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_CorruptModel_ExitsOne()
    {
        using var folder = new TempFolder();
        var model = folder.Write("bad.zip", "PK not really");
        var result = Run.Expect(1, "predict", "--model", model, Statement);
        Assert.Contains("bad.zip", result.Stderr, StringComparison.Ordinal);
    }

    internal static List<string[]> ReadCsv(string text, char separator = ',')
    {
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = separator, HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }
}
