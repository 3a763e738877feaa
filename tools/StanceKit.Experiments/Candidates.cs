using StanceKit;

/// <summary>The models compared by `sweep`, and the one chosen as the default.</summary>
internal sealed record Candidate(string Name, StanceTrainerOptions Options);

internal static class Candidates
{
    public static StanceTrainerOptions Default { get; } = new();

    public static IReadOnlyList<Candidate> All { get; } =
    [
        new("maxent-default", new StanceTrainerOptions()),
        new("maxent-l2-0.01", new StanceTrainerOptions { L2Regularization = 0.01f }),
        new("maxent-l2-0.1", new StanceTrainerOptions { L2Regularization = 0.1f }),
        new("maxent-l2-0.3", new StanceTrainerOptions { L2Regularization = 0.3f }),
        new("maxent-words-only", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { CharNgramMaxLength = 0 } }),
        new("maxent-chars-2-4", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { CharNgramMinLength = 2, CharNgramMaxLength = 4 } }),
        new("maxent-words-1-3", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { WordNgramLength = 3 } }),
        new("maxent-bits-20", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { HashBits = 20 } }),
        new("svm", new StanceTrainerOptions { Algorithm = StanceAlgorithm.LinearSvm }),
        new("perceptron", new StanceTrainerOptions { Algorithm = StanceAlgorithm.AveragedPerceptron }),
        new("fasttree-bits-14", new StanceTrainerOptions { Algorithm = StanceAlgorithm.FastTree, Featurizer = new FeaturizerOptions { HashBits = 14 } }),
    ];
}
