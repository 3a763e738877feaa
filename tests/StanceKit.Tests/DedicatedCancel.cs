namespace StanceKit.Tests;

/// <summary>
/// Cancels a token after a delay from a dedicated thread. <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>
/// fires on the thread pool, which tests running in parallel on two cores can starve for longer than the work under
/// test takes (CI once saw a 300 ms timer fire only after a 77 s training run had finished); a test that checks
/// prompt cancellation must not depend on it.
/// </summary>
internal static class DedicatedCancel
{
    public static void After(CancellationTokenSource source, TimeSpan delay)
    {
        var thread = new Thread(() =>
        {
            Thread.Sleep(delay);
            source.Cancel();
        })
        {
            IsBackground = true,
            Name = "test canceller",
        };
        thread.Start();
    }
}
