using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace StanceKit.Cli.Tests.Samples;

/// <summary>
/// Runs each sample as a user would (from the repository root) and checks that it prints its <c>// Expected output:</c> block.
/// The text must match exactly; numbers may move a little (decimals by 0.1, counts by 5%), because the samples train on
/// data/statements.csv, which grows and is relabelled over time.
/// </summary>
public partial class SampleTests
{
    [Theory]
    [InlineData("TrainFromCsv")]
    [InlineData("BatchScoring")]
    public void Sample_Run_PrintsItsExpectedOutput(string sample)
    {
        var root = StanceKit.Tests.Data.Repository.Root;
        var source = Path.Combine(root, "samples", sample, "Program.cs");
        var expected = StanceKit.Tests.Data.SampleSource.ExpectedOutput(File.ReadAllLines(source));
        Assert.True(expected.Count > 0, $"{source} has no '// Expected output' block.");

        var actual = RunSample(root, sample);
        var hint = $"samples/{sample}/Program.cs: the '// Expected output' block no longer matches what the sample prints. " +
            $"If the change is intended, paste the new output (dotnet run --project samples/{sample}) into the block.\nActual output:\n{string.Join('\n', actual)}";
        Assert.True(expected.Count == actual.Count, $"{expected.Count} expected lines, {actual.Count} printed. {hint}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Skeleton(expected[i]) == Skeleton(actual[i]), $"line {i + 1}: expected '{expected[i]}', got '{actual[i]}'. {hint}");
            var want = Numbers(expected[i]);
            var got = Numbers(actual[i]);
            for (var k = 0; k < want.Count; k++)
            {
                var (a, b, isDecimal) = (want[k].Value, got[k].Value, want[k].IsDecimal);
                var close = isDecimal ? Math.Abs(a - b) <= 0.1 : Math.Abs(a - b) <= Math.Max(3, 0.05 * Math.Abs(a));
                Assert.True(close, $"line {i + 1}: {a} printed as {b}. {hint}");
            }
        }
    }

    private static List<string> RunSample(string root, string sample)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var assembly = Path.Combine(root, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing; build the solution (the test project builds the samples too).");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{sample} did not finish within 2 minutes.");
        }

        Assert.True(process.ExitCode == 0, $"{sample} exited with {process.ExitCode}: {error.Result}");
        return output.Result.Split('\n').Select(l => l.TrimEnd('\r', ' ')).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToList();
    }

    private static string Skeleton(string line) => NumberRegex().Replace(line.TrimEnd(), "#");

    private static List<(double Value, bool IsDecimal)> Numbers(string line) =>
        NumberRegex().Matches(line).Select(m => (double.Parse(m.Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture), m.Value.Contains('.', StringComparison.Ordinal))).ToList();

    // A number: digits with optional thousands separators and decimals (not the digits inside words such as "s0001" or "p_opposed").
    [GeneratedRegex(@"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w])")]
    private static partial Regex NumberRegex();
}
