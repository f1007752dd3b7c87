using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Gazetteer;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;

namespace SiteFinder.Functions.Snapshots;

/// <summary>
/// Per instance: polls the catalogue, status and gazetteer pointers (the gazetteer at the catalogue's pace). Timer triggers run on one instance only,
/// so refreshing every instance's memory is a background loop, not a timer function.
/// </summary>
public sealed partial class SnapshotRefreshService(
    CatalogueProvider catalogue,
    StatusProvider statuses,
    GazetteerProvider gazetteer,
    RefreshPeriods periods,
    TimeProvider clock,
    ILogger<SnapshotRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The catalogue's and the board's first tick joins their first load (Snapshots/FirstLoads, already under
        // way when the host starts) instead of reading the pointer again as soon as it ends: that second read and
        // the board's came while the catalogue was still loading or its first answer was being written, on the
        // first answer's path, for a pointer read a few hundred milliseconds before. When that load fails, the
        // next tick tries again (before, this tick did at once), and a request meanwhile starts an attempt of its own.
        await Task.WhenAll(
            PollAsync(() => catalogue.RefreshAsync(stoppingToken), periods.Catalogue, stoppingToken, first: async () => await catalogue.GetAsync(stoppingToken)),
            PollAsync(() => statuses.RefreshAsync(stoppingToken), periods.Status, stoppingToken, first: async () => await statuses.GetAsync(stoppingToken)),
            PollAsync(() => gazetteer.RefreshAsync(stoppingToken), periods.Catalogue, stoppingToken));
    }

    /// <summary>Runs <paramref name="first"/> (else <paramref name="refresh"/>) at once, then <paramref name="refresh"/> every period.</summary>
    private async Task PollAsync(Func<Task> refresh, TimeSpan period, CancellationToken stoppingToken, Func<Task>? first = null)
    {
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            await TryAsync(first ?? refresh, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await TryAsync(refresh, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task TryAsync(Func<Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Storage may be briefly unreachable; keep serving what we have and retry next tick. Only
            // shutting down ends the loop: an SDK timeout is a cancellation too, and must not stop the host.
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot refresh failed; serving the previous one")]
    private partial void LogFailed(Exception e);
}
