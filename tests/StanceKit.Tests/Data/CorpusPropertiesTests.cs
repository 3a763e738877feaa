using System.Globalization;

namespace StanceKit.Tests.Data;

/// <summary>The committed corpus (data/statements.csv) has the properties the corpus issue promises.</summary>
public class CorpusPropertiesTests
{
    private static readonly string[] HardTags = ["negation", "conditional", "sarcasm", "implicit", "hedged", "mixed"];
    private static readonly HashSet<string> AllTags = [.. HardTags, "reported_speech"];
    private static readonly HashSet<string> Periods = ["2023H2", "2024H1", "2024H2", "2025H1", "2025H2"];
    private static readonly Lazy<List<Row>> Rows = new(Load);

    private sealed record Row(string Id, string Text, Stance Label, string Group, string Register, string Language, string Period, string Tags, string Split)
    {
        public int Words => Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static List<Row> Load()
    {
        var statements = StanceCorpus.ReadCsv(Repository.File("data", "statements.csv")).Statements;
        var extra = ReadColumns(Repository.File("data", "statements.csv"), "period", "tags");
        return statements.Select((s, i) => new Row(s.Id!, s.Text, s.Label, s.Stakeholder!, s.Register!, s.Language!, extra[i][0], extra[i][1], s.Split!)).ToList();
    }

    // period and tags are not LabeledStatement properties: read them in a second pass with CsvHelper (rows in the same order).
    private static List<string[]> ReadColumns(string path, params string[] names)
    {
        using var reader = CsvHelper.CsvReader.FromFile(path, CsvHelper.CsvReaderOptions.Default with { Separator = ',' });
        var header = reader.Headers.ToList();
        var indices = names.Select(n => header.IndexOf(n)).ToArray();
        Assert.All(indices, i => Assert.True(i >= 0, "column missing"));
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(indices.Select(reader.GetString).ToArray());
        }

        return rows;
    }

    [Fact]
    public void Corpus_HasAtLeast3000RowsAnd900PerLabel()
    {
        Assert.True(Rows.Value.Count >= 3000, $"{Rows.Value.Count} rows");
        foreach (var stance in StanceLabels.All)
        {
            var count = Rows.Value.Count(r => r.Label == stance);
            Assert.True(count >= 900, $"{stance}: {count}");
        }
    }

    [Fact]
    public void Corpus_IdsAreUniqueAndFieldsUseTheVocabularies()
    {
        Assert.Equal(Rows.Value.Count, Rows.Value.Select(r => r.Id).Distinct().Count());
        Assert.All(Rows.Value, r =>
        {
            Assert.Contains(r.Period, Periods);
            Assert.Contains(r.Split, new[] { "train", "test" });
            Assert.All(r.Tags.Split(';', StringSplitOptions.RemoveEmptyEntries), t => Assert.Contains(t, AllTags));
        });
    }

    [Fact]
    public void Corpus_EveryGroupHas40RowsAndMostHaveSeveralStances()
    {
        var groups = Rows.Value.GroupBy(r => r.Group).ToList();
        Assert.True(groups.Count >= 18, $"{groups.Count} groups");
        Assert.All(groups, g => Assert.True(g.Count() >= 40, $"{g.Key}: {g.Count()} rows"));
        var multi = groups.Count(g => g.Select(r => r.Label).Distinct().Count() > 1);
        Assert.True(multi >= groups.Count * 0.8, $"{multi} of {groups.Count} groups have more than one stance");
    }

    [Fact]
    public void Corpus_RegistersLengthsLanguagesAndHardCases()
    {
        var rows = Rows.Value;
        Assert.True(rows.Select(r => r.Register).Distinct().Count() >= 8);
        var words = rows.Select(r => r.Words).Order().ToList();
        Assert.True(words[words.Count / 2] >= 25, $"median {words[words.Count / 2]} words");
        Assert.True(words[^1] <= 110, $"longest {words[^1]} words");
        var nonEnglish = rows.Where(r => r.Language != "en").ToList();
        Assert.True(nonEnglish.Count >= rows.Count * 0.12, $"{nonEnglish.Count} non-English rows");
        foreach (var stance in StanceLabels.All)
        {
            Assert.True(nonEnglish.Count(r => r.Label == stance) >= rows.Count * 0.02, $"non-English {stance}");
        }

        var hard = rows.Count(r => r.Tags.Split(';').Intersect(HardTags).Any());
        Assert.True(hard >= rows.Count * 0.15, $"{hard} hard cases");
    }

    [Fact]
    public void Corpus_NoFourWordOpeningOnMoreThanOnePercentOfRows()
    {
        var rows = Rows.Value;
        var worst = rows.GroupBy(r => string.Join(' ', r.Text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(4)))
            .OrderByDescending(g => g.Count()).First();
        Assert.True(worst.Count() <= rows.Count * 0.01, $"'{worst.Key}' opens {worst.Count()} rows");
    }

    [Fact]
    public void Corpus_SplitIsStratifiedAbout80To20()
    {
        foreach (var stance in StanceLabels.All)
        {
            var ofLabel = Rows.Value.Where(r => r.Label == stance).ToList();
            var share = (double)ofLabel.Count(r => r.Split == "test") / ofLabel.Count;
            Assert.InRange(share, 0.17, 0.23);
        }
    }

    [Fact]
    public void Corpus_NoNearDuplicates()
    {
        // Character 5-gram Jaccard >= 0.7 anywhere (above all across train and test) is a near-duplicate.
        var rows = Rows.Value;
        var shingles = rows.Select(r => Shingles(r.Text)).ToList();
        var postings = new Dictionary<long, List<int>>();
        for (var i = 0; i < shingles.Count; i++)
        {
            foreach (var s in shingles[i])
            {
                if (!postings.TryGetValue(s, out var list))
                {
                    postings[s] = list = [];
                }

                list.Add(i);
            }
        }

        var found = new List<string>();
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < shingles.Count; i++)
        {
            counts.Clear();
            foreach (var s in shingles[i])
            {
                var list = postings[s];
                if (list.Count > 400)
                {
                    continue;
                }

                foreach (var j in list)
                {
                    if (j > i)
                    {
                        counts[j] = counts.GetValueOrDefault(j) + 1;
                    }
                }
            }

            foreach (var (j, shared) in counts)
            {
                // Only pairs sharing enough rare shingles can reach 0.7; compute their exact Jaccard.
                if (shared < 0.3 * Math.Min(shingles[i].Count, shingles[j].Count))
                {
                    continue;
                }

                var intersection = shingles[i].Count(shingles[j].Contains);
                var jaccard = (double)intersection / (shingles[i].Count + shingles[j].Count - intersection);
                if (jaccard >= 0.7)
                {
                    found.Add(string.Create(CultureInfo.InvariantCulture, $"{rows[i].Id}/{rows[j].Id} {jaccard:F2}"));
                }
            }
        }

        Assert.True(found.Count == 0, "near-duplicates: " + string.Join(", ", found.Take(10)));
    }

    [Fact]
    public void NoStance_HasAtLeast300Sentences()
    {
        var options = new CorpusCsvOptions { LabelColumn = "kind", LabelAliases = CorpusCsvOptions.ParseLabelMap("deployment_fact=sceptical,unrelated=sceptical") };
        Assert.True(StanceCorpus.ReadCsv(Repository.File("data", "no_stance.csv"), options).Statements.Count >= 300);
    }

    private static HashSet<long> Shingles(string text)
    {
        var normal = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var set = new HashSet<long>();
        for (var i = 0; i + 5 <= normal.Length; i++)
        {
            long key = 0;
            for (var k = 0; k < 5; k++)
            {
                key = (key << 16) | normal[i + k];
            }

            set.Add(key);
        }

        return set;
    }
}
