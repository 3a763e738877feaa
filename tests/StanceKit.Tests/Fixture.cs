namespace StanceKit.Tests;

/// <summary>Shared test data: a 120-row corpus we wrote (40 per stance) and a model trained on it once.</summary>
public static class Fixture
{
    private static readonly Lazy<IReadOnlyList<LabeledStatement>> MiniCorpus = new(() => StanceCorpus.ReadCsv(Path("mini.csv")).Statements);
    private static readonly Lazy<StanceClassifier> MiniModel = new(() => new StanceTrainer(new StanceTrainerOptions { Seed = 1 }).Train(Mini));

    public static IReadOnlyList<LabeledStatement> Mini => MiniCorpus.Value;

    public static StanceClassifier Model => MiniModel.Value;

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string TempFile(string extension = ".tmp") =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stancekit-tests-" + Guid.NewGuid().ToString("N") + extension);
}
