using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SiteFinder.Functions.Sites;

/// <summary>
/// Publishes the catalogue soon after an edit, once for a burst of edits: each publish reads every
/// site row, so 100 edits in a few seconds make a few publishes, not 100. The first request of a
/// burst starts a short wait; every edit finished before the wait ends is in that publish, and an
/// edit finished while it runs requests the next one. If this instance stops before it publishes,
/// the catalogue timer publishes the change on its next run.
/// </summary>
public sealed partial class CatalogueRepublisher(CataloguePublisher publisher, IHostApplicationLifetime lifetime, ILogger<CatalogueRepublisher> logger)
{
    /// <summary>How long a burst may gather: well under a catalogue refresh period, so an edit is served everywhere within that period plus this.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _publishing = new(1, 1);
    private int _waiting;
    private int _publishes;

    /// <summary>Publishes run by this instance since it started (a figure for tests and logs).</summary>
    public int Publishes => Volatile.Read(ref _publishes);

    public void Request()
    {
        // One publish already waiting will read this edit's row: nothing more to do.
        if (Interlocked.Exchange(ref _waiting, 1) == 1)
            return;
        _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            // Real time, whatever clock the app runs on: a burst is a burst of requests.
            await Task.Delay(Gather, stopping);
            await _publishing.WaitAsync(stopping);
            try
            {
                // Cleared before the rows are read: an edit finished from here on may not be in this
                // publish, so its request must start the next one.
                Volatile.Write(ref _waiting, 0);
                await publisher.PublishAsync(stopping);
                Interlocked.Increment(ref _publishes);
            }
            finally
            {
                _publishing.Release();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Volatile.Write(ref _waiting, 0);
            LogPublishFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the catalogue after an edit failed; the catalogue timer will publish it")]
    private partial void LogPublishFailed(Exception exception);
}
