using StanceKit;

/// <summary>The real development set of ../shared/realdev: read for scoring only, never for training.</summary>
internal static class RealDev
{
    public static IReadOnlyList<LabeledStatement>? Load()
    {
        var path = Path.Combine("..", "shared", "realdev", "real_dev.csv");
        return File.Exists(path) ? StanceCorpus.ReadCsv(path).Statements : null;
    }
}
