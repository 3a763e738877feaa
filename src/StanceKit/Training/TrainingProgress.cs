namespace StanceKit;

/// <summary>A progress report of a training, cross-validation or evaluation run.</summary>
/// <param name="Stage">What is happening, for example <c>featurize</c>, <c>train</c>, <c>fold 2/5</c>.</param>
/// <param name="Completed">Units of work done in the whole run.</param>
/// <param name="Total">Units of work in the whole run (1,000: featurizing fills the first 100, the model fits share the rest).</param>
/// <remarks>Immutable. <see cref="Fraction"/> goes from 0 to 1 over a run and never goes back. ML.NET reports nothing from inside
/// a fit, so during one the fraction stands still.</remarks>
public readonly record struct TrainingProgress(string Stage, int Completed, int Total)
{
    /// <summary>Gets the fraction of the run that is done, from 0 to 1.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Completed / Total, 0, 1);
}
