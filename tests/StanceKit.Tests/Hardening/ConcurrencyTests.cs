using System.Diagnostics;
using System.Reflection;
using StanceKit.Features;
using StanceKit.Prediction;

namespace StanceKit.Tests.Hardening;

/// <summary>
/// Issue 7, concurrency: many threads on one shared classifier get exactly the sequential results, and the types of the
/// hot path hold no mutable shared state. Counts: docs/RELIABILITY.md.
/// </summary>
public class ConcurrencyTests
{
    public const int Threads = 8;
    public const int PerThread = 50_000;
    public const int SlowPathPerThread = 500;

    /// <summary>
    /// Texts for the threads: the fixture's statements, hostile generated text, and a few over the length limit
    /// (so that threads grow their scratch buffers while others score).
    /// </summary>
    private static readonly Lazy<string[]> Pool = new(() =>
    {
        var texts = Fixture.Mini.Select(s => s.Text).ToList();
        var random = new Random(17);
        for (var i = 0; i < 1_500; i++)
        {
            texts.Add(string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => HardeningFixture.Fragments[random.Next(HardeningFixture.Fragments.Length)])));
        }

        texts.AddRange([string.Empty, "!!!", new string('a', 25_000), string.Concat(Enumerable.Repeat("Kenya must withdraw ", 2_000))]);
        return [.. texts];
    });

    private static int Run(StanceClassifier model, string[] texts, StancePrediction[] expected, int perThread)
    {
        var mismatches = 0;
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var stride = 1 + (2 * t); // odd strides walk the pool in a different order on each thread
            for (var i = 0; i < perThread; i++)
            {
                var index = (int)(((long)i * stride + (t * 7919)) % texts.Length);
                if (model.Predict(texts[index]) != expected[index])
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return mismatches;
    }

    [Fact]
    public void Predict_EightThreadsFiftyThousandEachOnDefaultModel_ExactlySequentialResults()
    {
        var model = StanceClassifier.Default;
        var texts = Pool.Value;
        var expected = texts.Select(model.Predict).ToArray();
        var clock = Stopwatch.StartNew();
        var mismatches = Run(model, texts, expected, PerThread);
        Assert.Equal(0, mismatches);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"{Threads} x {PerThread:N0} took {clock.Elapsed}");
    }

    [Fact]
    public void Predict_EightThreadsOnMlNetEnginePool_ExactlySequentialResults()
    {
        var model = HardeningFixture.SlowModel;
        var texts = Pool.Value;
        var expected = texts.Select(model.Predict).ToArray();
        Assert.Equal(0, Run(model, texts, expected, SlowPathPerThread));
    }

    [Fact]
    public void PredictBatch_FromFourThreadsAtOnce_SameAsSequential()
    {
        var model = Fixture.Model;
        var texts = Pool.Value;
        var expected = texts.Select(model.Predict).ToArray();
        var results = new IReadOnlyList<StancePrediction>[4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = model.PredictBatch(texts));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Default_FirstUseFromManyThreads_LoadsOneInstance()
    {
        var seen = new StanceClassifier[Threads];
        Parallel.For(0, Threads, i => seen[i] = StanceClassifier.Default);
        Assert.All(seen, s => Assert.Same(seen[0], s));
    }

    [Theory]
    [InlineData(typeof(StanceClassifier))]
    [InlineData(typeof(TextFeaturizer))]
    [InlineData(typeof(LinearWeights))]
    [InlineData(typeof(FeaturizerOptions))]
    [InlineData(typeof(StancePrediction))]
    [InlineData(typeof(StanceScores))]
    public void HotPathType_HasNoAssignableSharedField(Type type)
    {
        // Every field of the types a prediction reads is readonly; static fields are readonly or per thread.
        // (Readonly arrays and dictionaries are filled once, in constructors, and only read afterwards.)
        var flags = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var assignable = type.GetFields(flags)
            .Where(f => !f.IsInitOnly && !f.IsLiteral && f.GetCustomAttribute<ThreadStaticAttribute>() is null)
            .Select(f => f.Name)
            .ToList();
        Assert.Empty(assignable);
    }

    [Fact]
    public void FeatureBuffer_IsPerThread()
    {
        var field = typeof(FeatureBuffer).GetField("perThread", BindingFlags.Static | BindingFlags.NonPublic);
        Assert.NotNull(field?.GetCustomAttribute<ThreadStaticAttribute>());
        FeatureBuffer? other = null;
        var thread = new Thread(() => other = FeatureBuffer.ForCurrentThread);
        thread.Start();
        thread.Join();
        Assert.NotSame(FeatureBuffer.ForCurrentThread, other);
    }
}
