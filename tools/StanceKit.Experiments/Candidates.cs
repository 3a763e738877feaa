using StanceKit;

/// <summary>The models compared by `sweep`, and the one chosen as the default.</summary>
internal sealed record Candidate(string Name, StanceTrainerOptions Options);

internal static class Candidates
{
    /// <summary>The default model's options: the library defaults (see the README's model section for why).</summary>
    public static StanceTrainerOptions Default { get; } = new();

    // Every candidate spells out its featurization, so that changing the library defaults does not change the candidates.
    private static FeaturizerOptions Features(int words = 2, int charMin = 5, int charMax = 5, float cues = 3, int bits = 18, bool idf = false) =>
        new() { WordNgramLength = words, CharNgramMinLength = charMin, CharNgramMaxLength = charMax, StanceCueWeight = cues, HashBits = bits, InverseDocumentFrequency = idf };

    private static Candidate MaxEnt(string name, FeaturizerOptions features, float l2 = 0.03f) =>
        new(name, new StanceTrainerOptions { Featurizer = features, L2Regularization = l2 });

    public static IReadOnlyList<Candidate> All { get; } =
    [
        new("default", new StanceTrainerOptions()),

        // The foundation's featurization: words 1-2 + chars 3-5, no cues (the tweets experiment's best).
        MaxEnt("w12-c35", Features(charMin: 3, charMax: 5, cues: 0)),
        MaxEnt("w12-c35-l2-0.01", Features(charMin: 3, charMax: 5, cues: 0), 0.01f),
        MaxEnt("w12-c35-l2-0.3", Features(charMin: 3, charMax: 5, cues: 0), 0.3f),
        MaxEnt("w12-c35-bits20", Features(charMin: 3, charMax: 5, cues: 0, bits: 20)),
        MaxEnt("w12", Features(charMax: 0, cues: 0)),
        MaxEnt("w13-c35", Features(words: 3, charMin: 3, charMax: 5, cues: 0)),

        // Stance cues.
        MaxEnt("w12-c35-cues1", Features(charMin: 3, charMax: 5, cues: 1)),
        MaxEnt("w12-cues1", Features(charMax: 0, cues: 1)),
        MaxEnt("w12-cues3", Features(charMax: 0, cues: 3)),
        MaxEnt("w1-cues1", Features(words: 1, charMax: 0, cues: 1)),
        MaxEnt("w13-cues1", Features(words: 3, charMax: 0, cues: 1)),
        MaxEnt("w12-c5-cues1", Features(cues: 1)),
        MaxEnt("w12-c5-cues2", Features(cues: 2)),
        MaxEnt("w12-c5-cues3", Features(cues: 3)),
        MaxEnt("w12-c5-cues5", Features(cues: 5)),
        MaxEnt("w12-c45-cues2", Features(charMin: 4, cues: 2)),
        MaxEnt("w12-c5-cues3-l2-0.01", Features(cues: 3), 0.01f),
        MaxEnt("w12-c5-cues3-l2-0.1", Features(cues: 3), 0.1f),
        MaxEnt("w12-c5-cues3-l2-0.003", Features(cues: 3), 0.003f),
        MaxEnt("w12-c5-cues1-l2-0.003", Features(cues: 1), 0.003f),

        // TF-IDF (benchmarks/results/peers.md: IDF is what scikit-learn has and StanceKit had not).
        MaxEnt("w12-c5-cues3-idf", Features(cues: 3, idf: true)),
        MaxEnt("w12-c5-cues3-l2-0.01-idf", Features(cues: 3, idf: true), 0.01f),
        MaxEnt("w12-c5-cues3-l2-0.003-idf", Features(cues: 3, idf: true), 0.003f),
        MaxEnt("w12-c5-cues3-l2-0.02-idf", Features(cues: 3, idf: true), 0.02f),
        MaxEnt("w12-c5-cues3-bits16", Features(cues: 3, bits: 16)),
        MaxEnt("w12-c5-cues3-bits17", Features(cues: 3, bits: 17)),
        MaxEnt("w12-c5-cues3-bits20", Features(cues: 3, bits: 20)),

        // Other trainers.
        new("svm-w12-c5-cues3", new StanceTrainerOptions { Algorithm = StanceAlgorithm.LinearSvm, Featurizer = Features(cues: 3) }),
        new("perceptron-w12-c5-cues3", new StanceTrainerOptions { Algorithm = StanceAlgorithm.AveragedPerceptron, Featurizer = Features(cues: 3) }),
        new("svm-w12-c35", new StanceTrainerOptions { Algorithm = StanceAlgorithm.LinearSvm, Featurizer = Features(charMin: 3, cues: 0) }),
        new("perceptron-w12-c35", new StanceTrainerOptions { Algorithm = StanceAlgorithm.AveragedPerceptron, Featurizer = Features(charMin: 3, cues: 0) }),
        new("fasttree-w12-c5-cues3-bits14", new StanceTrainerOptions { Algorithm = StanceAlgorithm.FastTree, Featurizer = Features(cues: 3, bits: 14) }),
    ];
}
