namespace StanceKit.Tests.Evaluation;

public class EvaluationReportTests
{
    private static StanceScores Sure(Stance stance) => stance switch
    {
        Stance.Supportive => new(0.8f, 0.1f, 0.1f),
        Stance.Sceptical => new(0.1f, 0.8f, 0.1f),
        _ => new(0.1f, 0.1f, 0.8f),
    };

    [Fact]
    public void Metrics_KnownConfusion_MatchHandComputation()
    {
        // gold:      S S S K K O
        // predicted: S S K K O O
        Stance[] gold = [Stance.Supportive, Stance.Supportive, Stance.Supportive, Stance.Sceptical, Stance.Sceptical, Stance.Opposed];
        Stance[] predicted = [Stance.Supportive, Stance.Supportive, Stance.Sceptical, Stance.Sceptical, Stance.Opposed, Stance.Opposed];
        var report = new EvaluationReport(gold, predicted.Select(Sure).ToList());

        Assert.Equal(4.0 / 6, report.Accuracy, 10);
        var supportive = report.PerClass[0];
        Assert.Equal((1.0, 2.0 / 3, 0.8, 3), (supportive.Precision, supportive.Recall, Math.Round(supportive.F1, 10), supportive.Support));
        var sceptical = report.PerClass[1];
        Assert.Equal((0.5, 0.5, 0.5, 2), (sceptical.Precision, sceptical.Recall, sceptical.F1, sceptical.Support));
        var opposed = report.PerClass[2];
        Assert.Equal(2.0 / 3, opposed.F1, 10);
        Assert.Equal((0.8 + 0.5 + (2.0 / 3)) / 3, report.MacroF1, 10);
        Assert.Equal(1, report.Confusion(Stance.Supportive, Stance.Sceptical));
        Assert.Equal(1, report.Confusion(Stance.Sceptical, Stance.Opposed));
        Assert.Equal(0, report.Confusion(Stance.Opposed, Stance.Supportive));
        var expectedLogLoss = -((4 * Math.Log(0.8)) + (2 * Math.Log(0.1))) / 6;
        Assert.Equal(expectedLogLoss, report.LogLoss, 5);
    }

    [Fact]
    public void ToTable_ShowsEveryStanceAndTheMatrix()
    {
        var report = new EvaluationReport([Stance.Opposed, Stance.Supportive], [Sure(Stance.Opposed), Sure(Stance.Opposed)]);
        var table = report.ToTable();
        foreach (var name in StanceLabels.Names)
        {
            Assert.Contains(name, table, StringComparison.Ordinal);
        }

        Assert.Contains("macro-F1", table, StringComparison.Ordinal);
        Assert.Contains("confusion", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptySet_Throws() => Assert.Throws<StanceKitException>(() => new EvaluationReport([], []));
}
