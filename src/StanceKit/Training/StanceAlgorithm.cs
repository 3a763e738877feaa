namespace StanceKit;

/// <summary>The ML.NET trainer behind a model.</summary>
public enum StanceAlgorithm
{
    /// <summary>Multiclass logistic regression (ML.NET <c>LbfgsMaximumEntropy</c>) with L2 regularisation. Calibrated probabilities and the allocation-free fast scorer. The default.</summary>
    MaximumEntropy = 0,

    /// <summary>One-versus-all linear support vector machines (ML.NET <c>LinearSvm</c>), with Platt-calibrated, normalised scores.</summary>
    LinearSvm = 1,

    /// <summary>One-versus-all averaged perceptrons (ML.NET <c>AveragedPerceptron</c>), with Platt-calibrated, normalised scores.</summary>
    AveragedPerceptron = 2,

    /// <summary>One-versus-all gradient-boosted trees (ML.NET <c>FastTree</c>). Slow to train on sparse text; scored through ML.NET.</summary>
    FastTree = 3,
}
