using System.Globalization;

namespace StanceKit.Cli.Output;

/// <summary>Number formatting for people and for files: always the invariant culture.</summary>
internal static class Format
{
    /// <summary>Formats a metric with three decimals, for example <c>0.781</c>.</summary>
    public static string Metric(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>Formats a probability with four decimals, for CSV output, for example <c>0.9312</c>.</summary>
    public static string Probability(float value) => value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>Formats a signed weight, for example <c>+0.412</c>.</summary>
    public static string Signed(float value) => value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    /// <summary>Formats an integer with thousands separators, for example <c>1,000,000</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats a mean and a standard deviation, for example <c>0.781 ± 0.012</c>.</summary>
    public static string MeanSd(double mean, double sd) => Metric(mean) + " ± " + Metric(sd);

    /// <summary>Formats a duration, for example <c>12.3s</c>.</summary>
    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + "s";

    /// <summary>Formats an integer with the invariant culture.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
