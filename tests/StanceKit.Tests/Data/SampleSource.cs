namespace StanceKit.Tests.Data;

/// <summary>Reads the <c>// Expected output</c> block that ends every sample's Program.cs (shared by the sample tests).</summary>
internal static class SampleSource
{
    /// <summary>The lines of the block, without their <c>// </c> prefix; empty when the source has no block.</summary>
    public static List<string> ExpectedOutput(string[] source)
    {
        var start = Array.FindIndex(source, l => l.StartsWith("// Expected output", StringComparison.Ordinal));
        return start < 0
            ? []
            : source.Skip(start + 1).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)).Select(l => l.Length > 3 ? l[3..] : string.Empty).ToList();
    }
}
