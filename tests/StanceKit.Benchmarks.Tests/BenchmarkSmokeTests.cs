using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Xunit.Abstractions;

namespace StanceKit.Benchmarks.Tests;

/// <summary>
/// Runs every BenchmarkDotNet benchmark of StanceKit.Benchmarks once, without BenchmarkDotNet's engine: instantiate the
/// suite, take the first value of each [Params]/[ParamsAllValues]/[ParamsSource] property, call [GlobalSetup], invoke each
/// [Benchmark] method once (with its first [Arguments] if any, inside [IterationSetup]/[IterationCleanup]), then [GlobalCleanup].
/// The benchmarks read data/statements.csv by walking up from the working directory to StanceKit.sln.
/// </summary>
public sealed class BenchmarkSmokeTests(ITestOutputHelper output)
{
    private static readonly Assembly BenchmarksAssembly = typeof(Statements).Assembly;

    public static TheoryData<string> Suites()
    {
        var data = new TheoryData<string>();
        foreach (var type in SuiteTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void Discovery_finds_the_known_suites()
    {
        var names = SuiteTypes().Select(t => t.Name).ToList();
        Assert.Contains("TrainBenchmarks", names);
        Assert.Contains("LoadBenchmarks", names);
        Assert.Contains("BatchBenchmarks", names);
        Assert.Contains("TypicalStatementBenchmarks", names);
        Assert.DoesNotContain("PredictBenchmarks", names); // abstract: runs through its concrete suites
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task Every_benchmark_runs_once(string suite)
    {
        var type = BenchmarksAssembly.GetType(suite, throwOnError: true)!;
        var instance = Activator.CreateInstance(type)!;
        SetFirstParameters(type, instance);
        var benchmarks = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.IsDefined(typeof(BenchmarkAttribute), true)).ToList();
        Assert.NotEmpty(benchmarks);

        // As in BenchmarkDotNet: setups and cleanups without a target apply to every benchmark of the suite (run once here),
        // targeted ones only around their own benchmarks.
        await InvokeAsync(type, instance, typeof(GlobalSetupAttribute), benchmark: null);
        try
        {
            foreach (var benchmark in benchmarks)
            {
                var watch = Stopwatch.StartNew();
                await InvokeAsync(type, instance, typeof(GlobalSetupAttribute), benchmark.Name);
                try
                {
                    await InvokeAsync(type, instance, typeof(IterationSetupAttribute), benchmark.Name, includeUntargeted: true);
                    var result = Unwrap(() => benchmark.Invoke(instance, FirstArguments(benchmark)));
                    if (result is Task task)
                    {
                        await task;
                    }

                    await InvokeAsync(type, instance, typeof(IterationCleanupAttribute), benchmark.Name, includeUntargeted: true);
                }
                finally
                {
                    await InvokeAsync(type, instance, typeof(GlobalCleanupAttribute), benchmark.Name);
                }

                output.WriteLine($"{type.Name}.{benchmark.Name}: {watch.Elapsed.TotalSeconds:F2} s");
            }
        }
        finally
        {
            await InvokeAsync(type, instance, typeof(GlobalCleanupAttribute), benchmark: null);
        }
    }

    private static IEnumerable<Type> SuiteTypes() =>
        BenchmarksAssembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && !t.ContainsGenericParameters)
            .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.IsDefined(typeof(BenchmarkAttribute), true)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static void SetFirstParameters(Type type, object instance)
    {
        const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance).Where(m => m is PropertyInfo or FieldInfo))
        {
            var memberType = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
            object? value;
            if (member.GetCustomAttribute<ParamsAttribute>(true) is { } parameters)
            {
                value = parameters.Values.First();
            }
            else if (member.IsDefined(typeof(ParamsAllValuesAttribute), true))
            {
                var underlying = Nullable.GetUnderlyingType(memberType) ?? memberType;
                value = underlying == typeof(bool) ? false : Enum.GetValues(underlying).GetValue(0);
            }
            else if (member.GetCustomAttribute<ParamsSourceAttribute>(true) is { } source)
            {
                var sourceMember = type.GetMember(source.Name, Members).Single();
                var values = sourceMember switch
                {
                    PropertyInfo property => property.GetValue(property.GetMethod!.IsStatic ? null : instance),
                    FieldInfo field => field.GetValue(field.IsStatic ? null : instance),
                    MethodInfo method => method.Invoke(method.IsStatic ? null : instance, null),
                    _ => null,
                };
                value = ((System.Collections.IEnumerable)values!).Cast<object?>().First();
            }
            else
            {
                continue;
            }

            if (member is PropertyInfo property2)
            {
                property2.SetValue(instance, value);
            }
            else
            {
                ((FieldInfo)member).SetValue(instance, value);
            }
        }
    }

    private static object?[]? FirstArguments(MethodInfo benchmark)
    {
        if (benchmark.GetParameters().Length == 0)
        {
            return null;
        }

        var arguments = benchmark.GetCustomAttributes<ArgumentsAttribute>(true).FirstOrDefault()
            ?? throw new InvalidOperationException($"{benchmark.Name} takes parameters; the smoke test supports them through [Arguments] only.");
        return arguments.Values;
    }

    /// <summary>
    /// Calls the methods of the suite that carry the attribute: with <paramref name="benchmark"/> null, those without a target;
    /// otherwise those that target it (and, with <paramref name="includeUntargeted"/>, those without a target too).
    /// </summary>
    private static async Task InvokeAsync(Type type, object instance, Type attribute, string? benchmark, bool includeUntargeted = false)
    {
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            var markers = method.GetCustomAttributes(attribute, true).Cast<TargetedAttribute>().ToList();
            var untargeted = markers.Any(m => m.Targets is not { Length: > 0 });
            var targeted = benchmark is not null && markers.Any(m => m.Targets is { Length: > 0 } targets && targets.Contains(benchmark, StringComparer.Ordinal));
            if ((benchmark is null && untargeted) || targeted || (includeUntargeted && untargeted))
            {
                if (Unwrap(() => method.Invoke(instance, null)) is Task task)
                {
                    await task;
                }
            }
        }
    }

    /// <summary>Rethrows the benchmark's own exception rather than the reflection wrapper, so failures read plainly.</summary>
    private static object? Unwrap(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }
}
