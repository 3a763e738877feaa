using System.Globalization;
using StanceKit.Cli.Output;

namespace StanceKit.Cli.Tests.Output;

public class ProgressBarTests
{
    [Fact]
    public void Update_LinesMode_WritesOneLinePerStageOrTenth()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var bar = new ProgressBar(writer, "predict", ProgressMode.Lines))
        {
            for (var i = 0; i <= 100; i++)
            {
                bar.Update(i / 100.0, "rows");
            }
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("predict:   0% rows", lines[0]);
        Assert.Equal("predict: 100% rows", lines[^1]);
    }

    [Fact]
    public void Update_BarMode_RedrawsInPlaceAndClearsOnDispose()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var bar = new ProgressBar(writer, "train", ProgressMode.Bar))
        {
            bar.Update(0.5, "featurize");
            bar.Update(1, "done");
        }

        var text = writer.ToString();
        Assert.Contains("\rtrain [###############...............]  50% featurize", text, StringComparison.Ordinal);
        Assert.Contains("100% done", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_OffMode_WritesNothing()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var bar = new ProgressBar(writer, "train", ProgressMode.Off))
        {
            bar.Update(0.5, "featurize");
        }

        Assert.Empty(writer.ToString());
    }

    [Fact]
    public void Report_ShowsTheLibrarysFraction()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var bar = new ProgressBar(writer, "cv", ProgressMode.Lines))
        {
            bar.Report(new TrainingProgress("featurize", 100, 1000));
            bar.Report(new TrainingProgress("fold 1/5", 280, 1000));
            bar.Report(new TrainingProgress("fold 5/5", 1000, 1000));
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["cv:  10% featurize", "cv:  28% fold 1/5", "cv: 100% fold 5/5"], lines);
    }
}

public class AtomicFileTests
{
    [Fact]
    public void Commit_MovesContentIntoPlace()
    {
        using var folder = new TempFolder();
        var path = folder.File("out.txt");
        using (var file = AtomicFile.Create(path))
        {
            file.Stream.Write("hello"u8);
            Assert.False(File.Exists(path));
            file.Commit();
        }

        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Equal(["out.txt"], folder.Files());
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesNothing()
    {
        using var folder = new TempFolder();
        using (var file = AtomicFile.Create(folder.File("out.txt")))
        {
            file.Stream.Write("partial"u8);
        }

        Assert.Empty(folder.Files());
    }

    [Fact]
    public void Create_MissingFolder_ThrowsDataError()
    {
        var exception = Assert.Throws<CliDataException>(() => AtomicFile.Create("/no/such/folder/out.txt"));
        Assert.Contains("does not exist", exception.Message, StringComparison.Ordinal);
    }
}

public class TextTableTests
{
    [Fact]
    public void ToString_AlignsColumns()
    {
        var text = new TextTable("name", "value", "note").AlignLeft(2).Add("a", "1", "x").Add("longer", "100", "yy").ToString();
        Assert.Equal("name    value  note\na           1  x\nlonger    100  yy\n", text);
    }
}
