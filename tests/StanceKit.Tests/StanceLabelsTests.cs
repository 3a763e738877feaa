namespace StanceKit.Tests;

public class StanceLabelsTests
{
    [Theory]
    [InlineData("supportive", Stance.Supportive)]
    [InlineData("SUPPORTIVE", Stance.Supportive)]
    [InlineData(" Sceptical ", Stance.Sceptical)]
    [InlineData("skeptical", Stance.Sceptical)]
    [InlineData("opposed", Stance.Opposed)]
    public void TryParse_KnownLabel_ReturnsStance(string label, Stance expected)
    {
        Assert.True(StanceLabels.TryParse(label, out var stance));
        Assert.Equal(expected, stance);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("neutral")]
    [InlineData("favor")]
    public void TryParse_UnknownLabel_ReturnsFalse(string? label) => Assert.False(StanceLabels.TryParse(label, out _));

    [Fact]
    public void ToLabel_EveryStance_RoundTrips()
    {
        foreach (var stance in StanceLabels.All)
        {
            Assert.True(StanceLabels.TryParse(StanceLabels.ToLabel(stance), out var parsed));
            Assert.Equal(stance, parsed);
        }

        Assert.Equal(StanceLabels.Names, StanceLabels.All.Select(StanceLabels.ToLabel));
    }

    [Fact]
    public void ToLabel_UndefinedValue_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => StanceLabels.ToLabel((Stance)7));
}
