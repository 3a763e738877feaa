namespace StanceKit.Tests.Prediction;

public class StanceClassifierTests
{
    [Fact]
    public void Predict_Null_Throws() => Assert.Throws<ArgumentNullException>(() => Fixture.Model.Predict((string)null!));

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("\n\t")]
    [InlineData("!!! ??? ...")]
    public void Predict_NoWords_ReturnsNoSignal(string text)
    {
        var prediction = Fixture.Model.Predict(text);
        Assert.Equal(StancePrediction.NoSignal, prediction);
        Assert.True(prediction.IsLowConfidence);
        Assert.Equal(1f, prediction.Probabilities.Supportive + prediction.Probabilities.Sceptical + prediction.Probabilities.Opposed, 5);
    }

    [Fact]
    public void Predict_Statement_ProbabilitiesSumToOneAndStanceIsArgmax()
    {
        foreach (var statement in Fixture.Mini.Take(30))
        {
            var p = Fixture.Model.Predict(statement.Text);
            Assert.Equal(1f, p.Probabilities.Supportive + p.Probabilities.Sceptical + p.Probabilities.Opposed, 5);
            Assert.Equal(p.Probabilities.MostLikely, p.Stance);
            Assert.Equal(p.Probabilities[p.Stance], p.Confidence);
        }
    }

    [Fact]
    public void Predict_TrainingStatements_MostlyRight()
    {
        var report = Fixture.Model.Evaluate(Fixture.Mini);
        Assert.True(report.Accuracy > 0.9, $"training accuracy {report.Accuracy:F3}");
    }

    [Fact]
    public void Predict_FastScorer_MatchesMlNetPredictionEngine()
    {
        var model = Fixture.Model;
        Assert.True(model.HasFastScorer);
        var maxDifference = 0f;
        foreach (var statement in Fixture.Mini)
        {
            var fast = model.Predict(statement.Text);
            var reference = model.PredictWithMlNet(statement.Text);
            Assert.Equal(reference.Stance, fast.Stance);
            maxDifference = Math.Max(maxDifference, Math.Abs(fast.Probabilities.Supportive - reference.Probabilities.Supportive));
            maxDifference = Math.Max(maxDifference, Math.Abs(fast.Probabilities.Sceptical - reference.Probabilities.Sceptical));
            maxDifference = Math.Max(maxDifference, Math.Abs(fast.Probabilities.Opposed - reference.Probabilities.Opposed));
        }

        Assert.True(maxDifference <= 1e-5f, $"max |fast - ML.NET| = {maxDifference}");
    }

    [Fact]
    public void PredictBatch_ReturnsSequentialResultsInOrder()
    {
        var texts = Fixture.Mini.Select(s => s.Text).ToList();
        var batch = Fixture.Model.PredictBatch(texts);
        Assert.Equal(texts.Select(Fixture.Model.Predict), batch);
    }

    [Fact]
    public void PredictBatch_NullItem_ThrowsWithIndex()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Fixture.Model.PredictBatch(["a", null!, "c"]));
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_ManyThreadsShareOneClassifier_ExactlySequentialResults()
    {
        var model = Fixture.Model;
        var texts = Fixture.Mini.Select(s => s.Text).ToArray();
        var expected = texts.Select(model.Predict).ToArray();
        var failures = 0;
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var round = 0; round < 25; round++)
            {
                for (var i = 0; i < texts.Length; i++)
                {
                    var index = (i + (t * 17)) % texts.Length;
                    if (model.Predict(texts[index]) != expected[index])
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Predict_SlowPathModel_ManyThreadsGetSequentialResults()
    {
        // One-versus-all models score through pooled ML.NET prediction engines.
        var model = new StanceTrainer(new StanceTrainerOptions { Algorithm = StanceAlgorithm.AveragedPerceptron }).Train(Fixture.Mini);
        Assert.False(model.HasFastScorer);
        var texts = Fixture.Mini.Select(s => s.Text).ToArray();
        var expected = texts.Select(model.Predict).ToArray();
        var results = new StancePrediction[4][];
        Parallel.For(0, 4, t => results[t] = texts.Select(model.Predict).ToArray());
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void SaveLoad_RoundTrip_IdenticalProbabilities()
    {
        var model = Fixture.Model.WithMetrics(new ModelMetrics("unit test", 3, 1, 1, 0.1, [1, 1, 1]));
        var path = Fixture.TempFile(".zip");
        try
        {
            model.Save(path);
            var loaded = StanceClassifier.Load(path);
            Assert.Equal(model.Card.CorpusSha256, loaded.Card.CorpusSha256);
            Assert.Equal("unit test", loaded.Card.Metrics!.EvaluatedOn);
            Assert.Equal(model.Card.Trainer, loaded.Card.Trainer with { Featurizer = loaded.Card.Trainer.Featurizer });
            Assert.Equal(model.Card.Trainer.Featurizer, loaded.Card.Trainer.Featurizer);
            foreach (var statement in Fixture.Mini)
            {
                Assert.Equal(model.Predict(statement.Text), loaded.Predict(statement.Text));
            }

            // The ML.NET model inside the file scores the same too.
            Assert.Equal(model.PredictWithMlNet(Fixture.Mini[0].Text), loaded.PredictWithMlNet(Fixture.Mini[0].Text));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Save_SameModelTwice_SameBytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        Fixture.Model.Save(first);
        Fixture.Model.Save(second);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Evaluate_NullItem_ThrowsArgumentNull()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Fixture.Model.Evaluate([Fixture.Mini[0], null!]));
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Empty_Throws() => Assert.Throws<StanceKitException>(() => Fixture.Model.Evaluate([]));
}

public class StanceExplanationTests
{
    [Fact]
    public void Explain_Statement_CentredContributionsStrongestFirst()
    {
        var model = Fixture.Model;
        var text = Fixture.Mini[0].Text;
        var explanation = model.Explain(text);
        Assert.Equal(model.Predict(text), explanation.Prediction);
        Assert.NotEmpty(explanation.Contributions);
        Assert.Contains(explanation.Contributions, c => c.Kind == "word");
        Assert.Contains(explanation.Contributions, c => c.Kind == "chars");
        Assert.All(explanation.Contributions, c => Assert.Equal(0f, c.Weights.Supportive + c.Weights.Sceptical + c.Weights.Opposed, 4));
        var top = explanation.Toward(explanation.Prediction.Stance, 5);
        Assert.InRange(top.Count, 1, 5);
        Assert.True(top.Zip(top.Skip(1)).All(p => p.First.Weights[explanation.Prediction.Stance] >= p.Second.Weights[explanation.Prediction.Stance]));
    }

    [Fact]
    public void Describe_EveryNgramSlot_IsAFeaturizedSlot()
    {
        var featurizer = Fixture.Model.Featurizer;
        var text = "Nou pa vle okipasyon — we reject the deployment, 2024!";
        var buffer = new StanceKit.Features.FeatureBuffer();
        var count = featurizer.Featurize(text, buffer);
        var slots = buffer.Indices[..count].ToHashSet();
        // With IDF (the default), n-grams no training statement had weigh 0 and are left out of the vector.
        var idf = featurizer.InverseDocumentFrequency;
        Assert.NotNull(idf);
        var described = featurizer.Describe(text).Where(d => idf[d.Slot] > 0).ToList();
        Assert.Contains(featurizer.Describe(text), d => idf[d.Slot] == 0);
        Assert.All(described, d => Assert.Contains(d.Slot, slots));
        Assert.Equal(slots, described.Select(d => d.Slot).ToHashSet());
    }

    [Fact]
    public void Explain_NonLinearModel_Throws()
    {
        var model = new StanceTrainer(new StanceTrainerOptions { Algorithm = StanceAlgorithm.AveragedPerceptron, Featurizer = new FeaturizerOptions { HashBits = 12 } }).Train(Fixture.Mini);
        Assert.Throws<NotSupportedException>(() => model.Explain("anything"));
    }
}
