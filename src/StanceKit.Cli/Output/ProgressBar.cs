using System.Diagnostics;
using System.Globalization;

namespace StanceKit.Cli.Output;

/// <summary>How progress is shown.</summary>
internal enum ProgressMode
{
    /// <summary>Nothing is shown (<c>--quiet</c>).</summary>
    Off,

    /// <summary>One line per stage and per tenth of the work: for logs and pipes.</summary>
    Lines,

    /// <summary>A bar redrawn in place with a carriage return: for a terminal.</summary>
    Bar,
}

/// <summary>A progress display on standard error, fed with fractions or with the library's <see cref="TrainingProgress"/> reports.</summary>
/// <remarks>
/// Thread-safe: reports may come from any thread. A bar redraws at most ten times a second, and once a second on its own so
/// that its clock keeps moving through a long stage that reports nothing (an ML.NET fit).
/// </remarks>
internal sealed class ProgressBar : IProgress<TrainingProgress>, IDisposable
{
    private const int Width = 30;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter writer;
    private readonly string title;
    private readonly ProgressMode mode;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private readonly Timer? ticker;
    private TimeSpan lastDraw = TimeSpan.MinValue;
    private string stage = string.Empty;
    private double fraction;
    private int lastTenth = -1;
    private int drawnLength;
    private bool disposed;

    public ProgressBar(TextWriter writer, string title, ProgressMode mode)
    {
        this.writer = writer;
        this.title = title;
        this.mode = mode;
        if (mode == ProgressMode.Bar)
        {
            ticker = new Timer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Gets the time since the display started.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <inheritdoc/>
    /// <remarks>The library weighs the stages itself: featurizing fills the first tenth, the model fits share the rest.</remarks>
    public void Report(TrainingProgress value) => Update(value.Fraction, value.Stage);

    /// <summary>Shows progress.</summary>
    /// <param name="done">The share of the work done, from 0 to 1.</param>
    /// <param name="what">What is happening now.</param>
    public void Update(double done, string what)
    {
        if (mode == ProgressMode.Off)
        {
            return;
        }

        done = double.IsFinite(done) ? Math.Clamp(done, 0, 1) : 0;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var changed = what != stage;
            stage = what;
            fraction = done;
            if (mode == ProgressMode.Lines)
            {
                var tenth = (int)(done * 10);
                if (changed || tenth > lastTenth)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {done * 100,3:F0}% {what}"));
                    lastTenth = tenth;
                }

                return;
            }

            var now = clock.Elapsed;
            if (changed || now - lastDraw >= RedrawInterval || done >= 1)
            {
                Draw(now);
            }
        }
    }

    /// <summary>Ends the bar's line so that later output starts on a fresh line.</summary>
    public void Dispose()
    {
        ticker?.Dispose();
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            if (mode == ProgressMode.Bar && drawnLength > 0)
            {
                writer.Write("\r" + new string(' ', drawnLength) + "\r");
                writer.Flush();
            }
        }
    }

    private void Tick()
    {
        lock (gate)
        {
            if (!disposed && drawnLength > 0)
            {
                Draw(clock.Elapsed);
            }
        }
    }

    private void Draw(TimeSpan now)
    {
        lastDraw = now;
        var filled = (int)Math.Round(fraction * Width);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"\r{title} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:F0}% {stage} ({now.TotalSeconds:F0}s)");
        writer.Write(line + new string(' ', Math.Max(0, drawnLength - line.Length)));
        drawnLength = line.Length;
        writer.Flush();
    }
}
