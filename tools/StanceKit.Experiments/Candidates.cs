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
        new("maxent-cues", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 1 } }),
        new("maxent-cues-l2-0.01", new StanceTrainerOptions { L2Regularization = 0.01f, Featurizer = new FeaturizerOptions { StanceCueWeight = 1 } }),
        new("maxent-cues-bits-20", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 1, HashBits = 20 } }),
        new("maxent-cues-words-only", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0 } }),
        new("maxent-cues-words-l2-0.01", new StanceTrainerOptions { L2Regularization = 0.01f, Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0 } }),
        new("maxent-cues-words-l2-0.1", new StanceTrainerOptions { L2Regularization = 0.1f, Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0 } }),
        new("maxent-cues-words-l2-0.3", new StanceTrainerOptions { L2Regularization = 0.3f, Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0 } }),
        new("maxent-cues-unigrams", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0, WordNgramLength = 1 } }),
        new("maxent-cues-words-1-3", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0, WordNgramLength = 3 } }),
        new("maxent-cues-words-chars-5", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMinLength = 5, CharNgramMaxLength = 5 } }),
        new("maxent-cues-words-bits-16", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0, HashBits = 16 } }),
        new("svm-cues-words", new StanceTrainerOptions { Algorithm = StanceAlgorithm.LinearSvm, Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0 } }),
        new("perceptron-cues-words", new StanceTrainerOptions { Algorithm = StanceAlgorithm.AveragedPerceptron, Featurizer = new FeaturizerOptions { StanceCueWeight = 1, CharNgramMaxLength = 0 } }),
        new("cues2-words", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 2, CharNgramMaxLength = 0 } }),
        new("cues3-words", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 3, CharNgramMaxLength = 0 } }),
        new("cues2-words-chars-5", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 2, CharNgramMinLength = 5, CharNgramMaxLength = 5 } }),
        new("cues3-words-chars-5", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 3, CharNgramMinLength = 5, CharNgramMaxLength = 5 } }),
        new("cues2-words-chars-4-5", new StanceTrainerOptions { Featurizer = new FeaturizerOptions { StanceCueWeight = 2, CharNgramMinLength = 4, CharNgramMaxLength = 5 } }),
        new("svm", new StanceTrainerOptions { Algorithm = StanceAlgorithm.LinearSvm }),
        new("perceptron", new StanceTrainerOptions { Algorithm = StanceAlgorithm.AveragedPerceptron }),
        new("fasttree-bits-14", new StanceTrainerOptions { Algorithm = StanceAlgorithm.FastTree, Featurizer = new FeaturizerOptions { HashBits = 14 } }),
    ];
}
