using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StanceKit.Samples.Tests.WebApi;

/// <summary>
/// Runs the built WebApi sample as a user would (<c>dotnet WebApi.dll --port 0</c>, from the repository root) and checks
/// its <c>// Expected output:</c> block: the line the server prints, then each <c>$ curl</c> request against the answer
/// printed below it. JSON is compared by value: strings and integers exactly, decimals within 0.1 (the default model is
/// retrained from time to time), and <c>traceId</c> is ignored. All traffic goes to 127.0.0.1.
/// </summary>
public sealed partial class WebApiSampleTests
{
    private const string DocumentedBase = "http://127.0.0.1:5080";

    [Fact]
    public async Task Program_Run_PrintsItsExpectedOutputAndAnswersItsExampleRequests()
    {
        var root = StanceKit.Tests.Data.Repository.Root;
        var source = Path.Combine(root, "samples", "WebApi", "Program.cs");
        var expected = StanceKit.Tests.Data.SampleSource.ExpectedOutput(File.ReadAllLines(source));
        Assert.True(expected.Count >= 3, $"{source} has no '// Expected output' block with a server line and curl examples.");

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var process = StartSample(root);
        try
        {
            var printed = await process.StandardOutput.ReadLineAsync(deadline.Token)
                ?? throw new InvalidOperationException("The sample ended without printing: " + await process.StandardError.ReadToEndAsync(deadline.Token));
            var address = AddressRegex().Match(printed);
            Assert.True(address.Success, $"The first line names no loopback address: '{printed}'.");
            Assert.Equal(expected[0], printed.Replace(address.Value, DocumentedBase, StringComparison.Ordinal));

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var examples = 0;
            for (var i = 1; i < expected.Count; i++)
            {
                var curl = CurlRegex().Match(expected[i]);
                if (!curl.Success)
                {
                    continue;
                }

                Assert.True(i + 1 < expected.Count, $"'{expected[i]}' has no answer below it.");
                var url = new Uri(address.Value + curl.Groups["path"].Value);
                using var request = new HttpRequestMessage(curl.Groups["body"].Success ? HttpMethod.Post : HttpMethod.Get, url);
                if (curl.Groups["body"].Success)
                {
                    request.Content = new StringContent(curl.Groups["body"].Value, Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request, deadline.Token);
                var answer = await response.Content.ReadAsStringAsync(deadline.Token);
                using var want = JsonDocument.Parse(expected[i + 1]);
                using var got = JsonDocument.Parse(answer);
                var difference = Difference(want.RootElement, got.RootElement, "$");
                Assert.True(difference is null, $"samples/WebApi/Program.cs: for '{expected[i]}' the answer differs at {difference}.\nExpected: {expected[i + 1]}\nActual:   {answer}\n" +
                    "If the change is intended, paste the new answer into the '// Expected output' block.");
                examples++;
                i++;
            }

            Assert.True(examples >= 2, "The expected output shows fewer than two curl examples.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process StartSample(string root)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var assembly = Path.Combine(root, "samples", "WebApi", "bin", configuration, "net10.0", "WebApi.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing; build the solution (this test project builds the sample).");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("STANCEKIT_PORT");
        return Process.Start(start)!;
    }

    /// <summary>Returns where two JSON values differ (a JSON path and both values), or null when they match.</summary>
    private static string? Difference(JsonElement want, JsonElement got, string path)
    {
        if (want.ValueKind != got.ValueKind)
        {
            return $"{path}: expected {want.ValueKind} {want}, got {got.ValueKind} {got}";
        }

        switch (want.ValueKind)
        {
            case JsonValueKind.Object:
                var wantNames = want.EnumerateObject().Select(p => p.Name).Where(n => n != "traceId").Order(StringComparer.Ordinal).ToList();
                var gotNames = got.EnumerateObject().Select(p => p.Name).Where(n => n != "traceId").Order(StringComparer.Ordinal).ToList();
                if (!wantNames.SequenceEqual(gotNames))
                {
                    return $"{path}: expected the keys {string.Join(", ", wantNames)}, got {string.Join(", ", gotNames)}";
                }

                return wantNames.Select(n => Difference(want.GetProperty(n), got.GetProperty(n), $"{path}.{n}")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Array:
                if (want.GetArrayLength() != got.GetArrayLength())
                {
                    return $"{path}: expected {want.GetArrayLength()} items, got {got.GetArrayLength()}";
                }

                return want.EnumerateArray().Zip(got.EnumerateArray()).Select((p, k) => Difference(p.First, p.Second, $"{path}[{k}]")).FirstOrDefault(d => d is not null);
            case JsonValueKind.Number:
                var isInteger = want.TryGetInt64(out var wantInteger);
                var close = isInteger ? got.TryGetInt64(out var gotInteger) && gotInteger == wantInteger : Math.Abs(want.GetDouble() - got.GetDouble()) <= 0.1;
                return close ? null : $"{path}: expected {want}, got {got}";
            default:
                return want.ToString() == got.ToString() ? null : $"{path}: expected {want}, got {got}";
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex AddressRegex();

    // $ curl -s http://127.0.0.1:5080/classify -H 'Content-Type: application/json' -d '{"text":"..."}'
    [GeneratedRegex(@"^\$ curl -s http://127\.0\.0\.1:5080(?<path>/\S*)(?: -H '[^']*')*(?: -d '(?<body>.*)')?$")]
    private static partial Regex CurlRegex();
}
