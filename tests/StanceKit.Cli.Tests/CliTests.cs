namespace StanceKit.Cli.Tests;

public class CliTests
{
    public static TheoryData<string> Commands => new() { "train", "evaluate", "cv", "predict", "explain", "suggest", "info" };

    [Fact]
    public void Run_NoArguments_ExitsTwoWithHint()
    {
        var result = Run.Expect(2);
        Assert.Contains("Required command was not provided", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("stancekit --help", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Run_UnknownCommand_ExitsTwo()
    {
        var result = Run.Expect(2, "bogus");
        Assert.Equal(
            "stancekit: error: Unrecognized command or argument 'bogus'.\nRun 'stancekit --help' for usage and examples.\n",
            result.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Run_UnknownOption_ExitsTwo()
    {
        var result = Run.Expect(2, "info", Fixture.Model, "--bogus");
        Assert.Contains("--bogus", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadNumber_ExitsTwo()
    {
        var result = Run.Expect(2, "cv", "--data", Fixture.Mini, "--folds", "three");
        Assert.Contains("three", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_EveryCommand_ShowsUsageAndExamples(string command)
    {
        var result = Run.Expect(0, command, "--help");
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  stancekit " + command, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--verbose", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Root_ListsCommandsAndExitCodes()
    {
        var result = Run.Expect(0, "--help");
        foreach (var command in Commands)
        {
            Assert.Contains("  " + command, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("2 usage error", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_WithMissingRequiredOption_StillShowsHelp()
    {
        var result = Run.Expect(0, "train", "--help");
        Assert.Contains("--output", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_WithoutVerbose_IsOneLine()
    {
        var result = Run.Expect(1, "evaluate", "--data", "no-such-file.csv", "--model", Fixture.Model);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("stancekit: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("no-such-file.csv", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_WithVerbose_ShowsStackTrace()
    {
        var result = Run.Expect(1, "evaluate", "--data", "no-such-file.csv", "--model", Fixture.Model, "--verbose");
        Assert.Contains("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_SuppressesProgress()
    {
        using var folder = new TempFolder();
        var result = Run.Expect(0, "train", "--data", Fixture.Mini, "--output", folder.File("m.zip"), "--hash-bits", "10", "--folds", "0", "--quiet");
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void Run_CancelledBeforeStart_ExitsWithCancelledCode()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var result = Run.WithToken(string.Empty, cancellation.Token, "cv", "--data", Fixture.Mini, "--hash-bits", "10");
        Assert.Equal(130, result.ExitCode);
        Assert.Contains("cancelled", result.Stderr, StringComparison.Ordinal);
    }
}
