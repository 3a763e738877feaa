namespace StanceKit.Benchmarks;

/// <summary>Benchmark inputs, fixed so that every run compares the same work.</summary>
public static class Statements
{
    /// <summary>About 10 words.</summary>
    public const string ShortText = "Kenya must bring its officers home from Haiti now.";

    /// <summary>About 30 words: the length of a typical real statement.</summary>
    public const string TypicalText = "We thank Kenya and every contributing country for their courage, and we urge donors to fill the trust fund quickly so that the officers in Port-au-Prince have the equipment they need.";

    /// <summary>About 120 words.</summary>
    public const string LongText = "The committee heard that the mission had made progress around the airport and the main roads, and several members praised the discipline of the Kenyan contingent. " +
        "Yet the chair warned that the force remains far below the strength promised in New York, that the trust fund is still short of what was pledged, and that officers who speak neither French nor Creole struggle to gather the intelligence that policing depends on. " +
        "She said Parliament would not approve another rotation unless the executive tabled a budget, an exit plan and an agreement on accountability for abuses, adding that the country owed its officers clarity about how long they would serve and what success would look like before any more of them were sent abroad.";

    /// <summary>Finds the repository root (the folder with StanceKit.sln) from the working directory up.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StanceKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the StanceKit repository.");
    }

    /// <summary>Reads the texts of the corpus.</summary>
    public static IReadOnlyList<LabeledStatement> Corpus() =>
        StanceCorpus.ReadCsv(Path.Combine(RepositoryRoot(), "data", "statements.csv")).Statements;
}
