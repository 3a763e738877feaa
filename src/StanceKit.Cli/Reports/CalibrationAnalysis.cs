namespace StanceKit.Cli.Reports;

/// <summary>One statement of an evaluation set with the model's prediction for it.</summary>
/// <param name="Statement">The labelled statement.</param>
/// <param name="Prediction">The prediction.</param>
internal sealed record ScoredStatement(LabeledStatement Statement, StancePrediction Prediction)
{
    /// <summary>Gets a value indicating whether the predicted stance is the labelled one.</summary>
    public bool IsCorrect => Prediction.Stance == Statement.Label;
}

/// <summary>A bin of the reliability diagram: the statements whose confidence falls in [<paramref name="Lower"/>, <paramref name="Upper"/>).</summary>
/// <param name="Lower">The lower bound of the bin.</param>
/// <param name="Upper">The upper bound of the bin (the last bin includes 1).</param>
/// <param name="Count">The number of statements in the bin.</param>
/// <param name="MeanConfidence">Their mean confidence (0 when the bin is empty).</param>
/// <param name="Accuracy">The share of them predicted right (0 when the bin is empty).</param>
internal sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>A point of the accuracy-versus-threshold curve.</summary>
/// <param name="Threshold">Only predictions with at least this confidence are kept.</param>
/// <param name="Coverage">The share of statements kept.</param>
/// <param name="Accuracy">The accuracy on the kept statements (0 when none is kept).</param>
/// <param name="Kept">The number of statements kept.</param>
internal sealed record ThresholdPoint(double Threshold, double Coverage, double Accuracy, int Kept);

/// <summary>How well confidence matches accuracy: reliability bins, expected calibration error, accuracy at each confidence threshold.</summary>
internal sealed class CalibrationAnalysis
{
    public CalibrationAnalysis(IReadOnlyList<ScoredStatement> scored, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfZero(scored.Count);
        var result = new List<ReliabilityBin>();
        for (var b = 0; b < bins; b++)
        {
            double lower = (double)b / bins, upper = (double)(b + 1) / bins;
            var members = scored.Where(s => BinOf(s.Prediction.Confidence, bins) == b).ToList();
            result.Add(members.Count == 0
                ? new ReliabilityBin(lower, upper, 0, 0, 0)
                : new ReliabilityBin(lower, upper, members.Count, members.Average(s => (double)s.Prediction.Confidence), members.Count(s => s.IsCorrect) / (double)members.Count));
        }

        Bins = result;
        ExpectedCalibrationError = result.Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / scored.Count;

        var points = new List<ThresholdPoint>();
        for (var step = 33; step <= 99; step++)
        {
            var threshold = step / 100.0;
            var kept = scored.Where(s => s.Prediction.Confidence >= threshold).ToList();
            points.Add(new ThresholdPoint(
                threshold,
                kept.Count / (double)scored.Count,
                kept.Count == 0 ? 0 : kept.Count(s => s.IsCorrect) / (double)kept.Count,
                kept.Count));
        }

        Thresholds = points;
    }

    /// <summary>Gets the reliability bins, equal-width over [0, 1].</summary>
    public IReadOnlyList<ReliabilityBin> Bins { get; }

    /// <summary>Gets the expected calibration error: the count-weighted mean gap between accuracy and confidence over the bins.</summary>
    public double ExpectedCalibrationError { get; }

    /// <summary>Gets the accuracy and coverage at thresholds 0.33, 0.34, ..., 0.99.</summary>
    public IReadOnlyList<ThresholdPoint> Thresholds { get; }

    /// <summary>Gets the bin of a confidence: equal-width bins, the last one closed.</summary>
    /// <param name="confidence">The confidence, from 0 to 1.</param>
    /// <param name="bins">The number of bins.</param>
    /// <returns>The bin index.</returns>
    public static int BinOf(float confidence, int bins) => Math.Clamp((int)(confidence * bins), 0, bins - 1);
}
