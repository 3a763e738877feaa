using Microsoft.AspNetCore.Builder;
using StanceKit.Samples.WebApi;

namespace StanceKit.Samples.Tests.WebApi;

/// <summary>Starts the WebApi sample in-process on a free loopback port (Kestrel, port 0) once for a test class, and stops it.</summary>
public sealed class WebApiFixture : IAsyncLifetime
{
    private WebApplication? app;

    /// <summary>Gets the address the app listens on, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = ClassifyApi.Build(["--port", "0"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await app.StartAsync(timeout.Token);
        BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        Assert.True(BaseAddress.IsLoopback, $"The app listens on {BaseAddress}, not on loopback.");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    /// <summary>Creates a client for the app, with a timeout so that no request can hang a test run.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
