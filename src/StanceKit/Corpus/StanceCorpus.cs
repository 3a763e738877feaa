using CsvHelper;
using StanceKit.Corpus;

namespace StanceKit;

/// <summary>Reads labelled corpora from CSV, and splits them for evaluation.</summary>
/// <remarks>Members are stateless and thread-safe.</remarks>
public static class StanceCorpus
{
    /// <summary>Reads a CSV corpus file: a header, then one statement per row with its label.</summary>
    /// <param name="path">The CSV file (UTF-8 with or without BOM, or UTF-16 with BOM).</param>
    /// <param name="options">Column names, delimiter, label aliases; <see langword="null"/> means the defaults (<c>text</c>, <c>label</c>, comma).</param>
    /// <returns>The statements in file order, and the skipped rows when <see cref="CorpusCsvOptions.SkipInvalidRows"/> is on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CorpusFormatException">A column is missing or duplicated, or a row is bad (empty text, unknown label, broken quoting, wrong field count); the message names the file, the line, the column and a fix.</exception>
    /// <example><code>var corpus = StanceCorpus.ReadCsv("data/statements.csv").Statements;</code></example>
    public static CorpusReadResult ReadCsv(string path, CorpusCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Corpus file '{path}' does not exist.", path);
        }

        return new CsvCorpusReader(options ?? new CorpusCsvOptions(), path).Read(csvOptions => CsvReader.FromFile(path, csvOptions));
    }

    /// <summary>Reads a CSV corpus from a reader; the reader is not disposed.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="options">Column names, delimiter, label aliases; <see langword="null"/> means the defaults.</param>
    /// <param name="sourceName">A name for the reader in error messages. The default value is <c>corpus</c>.</param>
    /// <returns>The statements in order, and the skipped rows when <see cref="CorpusCsvOptions.SkipInvalidRows"/> is on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="CorpusFormatException">A column is missing or duplicated, or a row is bad.</exception>
    public static CorpusReadResult ReadCsv(TextReader reader, CorpusCsvOptions? options = null, string sourceName = "corpus")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new CsvCorpusReader(options ?? new CorpusCsvOptions(), sourceName).Read(csvOptions => CsvReader.Create(reader, csvOptions, leaveOpen: true));
    }

    /// <summary>Splits a corpus into training and test parts, stratified by label and repeatable for a seed.</summary>
    /// <param name="corpus">The statements.</param>
    /// <param name="testFraction">The share of each label that goes to the test part, between 0 and 1 exclusive. The default value is 0.2.</param>
    /// <param name="seed">The seed of the shuffle. The default value is 1.</param>
    /// <returns>The two parts; each keeps the corpus order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="corpus"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not between 0 and 1 exclusive.</exception>
    public static (IReadOnlyList<LabeledStatement> Train, IReadOnlyList<LabeledStatement> Test) SplitStratified(IEnumerable<LabeledStatement> corpus, double testFraction = 0.2, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Use a fraction between 0 and 1 exclusive, such as 0.2.");
        }

        var items = corpus.ToList();
        var isTest = new bool[items.Count];
        var random = new Random(seed);
        foreach (var stance in StanceLabels.All)
        {
            var members = Enumerable.Range(0, items.Count).Where(i => items[i].Label == stance).ToArray();
            random.Shuffle(members);
            var testCount = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            foreach (var index in members.Take(testCount))
            {
                isTest[index] = true;
            }
        }

        return (items.Where((_, i) => !isTest[i]).ToList(), items.Where((_, i) => isTest[i]).ToList());
    }

    /// <summary>Assigns each statement a fold from 0 to <paramref name="folds"/> - 1, stratified by label and repeatable for a seed.</summary>
    internal static int[] StratifiedFolds(IReadOnlyList<LabeledStatement> items, int folds, int seed)
    {
        var assignment = new int[items.Count];
        var random = new Random(seed);
        var next = 0;
        foreach (var stance in StanceLabels.All)
        {
            var members = Enumerable.Range(0, items.Count).Where(i => items[i].Label == stance).ToArray();
            random.Shuffle(members);
            foreach (var index in members)
            {
                assignment[index] = next;
                next = (next + 1) % folds;
            }
        }

        return assignment;
    }
}
