using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;

namespace StanceKit.Cli.Tests.Reports;

/// <summary>A fact that runs only where headless Chromium is installed; elsewhere it is reported as skipped, with the reason.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "Chromium is not installed (Debian: apt-get install chromium), so the HTML report is not rendered; the structure test still runs.";
        }
    }
}

public static class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => folders.Select(folder => System.IO.Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}

public class HtmlReportRenderTests
{
    /// <summary>Renders the report the way a person would see it and checks the screenshot shows the charts.</summary>
    [ChromiumFact]
    public void EvaluateReport_RendersInHeadlessChromium()
    {
        using var folder = new TempFolder();
        var report = folder.File("report.html");
        Run.Expect(0, "evaluate", "--data", Fixture.SplitCorpus, "--split", "test", "--model", Fixture.Model, "--report", report);
        var screenshot = folder.File("report.png");

        var start = new ProcessStartInfo(Chromium.Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + folder.File("profile"), "--screenshot=" + screenshot,
            "--window-size=1200,2000", new Uri(report).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using (var chromium = Process.Start(start)!)
        {
            var errors = chromium.StandardError.ReadToEndAsync();
            _ = chromium.StandardOutput.ReadToEndAsync();
            if (!chromium.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                chromium.Kill(entireProcessTree: true);
                Assert.Fail("Chromium did not finish within 90 s.");
            }

            Assert.True(File.Exists(screenshot), "no screenshot; chromium said: " + errors.Result);
        }

        var image = Png.Read(screenshot);
        Assert.Equal(1200, image.Width);
        Assert.Equal(2000, image.Height);

        // Something is drawn: a good share of the pixels is not the page background.
        var background = image.Pixel(5, 5);
        var drawn = image.Count(p => Distance(p, background) > 30);
        Assert.True(drawn > image.Width * image.Height / 20, $"only {drawn} pixels differ from the background");

        // The per-class bars: precision (#2b6cb0) and F1 (#1a365d) are drawn as solid bars.
        Assert.True(image.Count(p => Distance(p, (0x2b, 0x6c, 0xb0)) < 12) > 2000, "no precision bars (#2b6cb0) in the screenshot");
        Assert.True(image.Count(p => Distance(p, (0x1a, 0x36, 0x5d)) < 12) > 2000, "no F1 bars (#1a365d) in the screenshot");

        // The reliability bars (#bee3f8).
        Assert.True(image.Count(p => Distance(p, (0xbe, 0xe3, 0xf8)) < 8) > 2000, "no reliability bars (#bee3f8) in the screenshot");
    }

    private static int Distance((byte R, byte G, byte B) a, (byte R, byte G, byte B) b) =>
        Math.Abs(a.R - b.R) + Math.Abs(a.G - b.G) + Math.Abs(a.B - b.B);
}

/// <summary>A minimal PNG reader (8-bit RGB or RGBA, not interlaced): enough to look at a screenshot's pixels.</summary>
internal sealed class Png
{
    private readonly byte[] pixels;
    private readonly int channels;

    private Png(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var i = ((y * Width) + x) * channels;
        return (pixels[i], pixels[i + 1], pixels[i + 2]);
    }

    public int Count(Func<(byte R, byte G, byte B), bool> predicate)
    {
        var count = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                count += predicate(Pixel(x, y)) ? 1 : 0;
            }
        }

        return count;
    }

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), "not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var data = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var chunk = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                Assert.Equal(8, chunk[8]);
                channels = chunk[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {chunk[9]}") };
                Assert.Equal(0, chunk[12]);
            }
            else if (type == "IDAT")
            {
                data.Write(chunk);
            }

            offset += 12 + length;
        }

        data.Position = 0;
        using var inflater = new ZLibStream(data, CompressionMode.Decompress);
        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        inflater.ReadExactly(raw);
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int value = raw[(y * (stride + 1)) + 1 + x];
                int left = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int up = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int corner = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                value += filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, corner),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                };
                pixels[(y * stride) + x] = (byte)value;
            }
        }

        return new Png(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
