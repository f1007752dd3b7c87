using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Planning;

/// <summary>
/// Per instance: polls the places and boundaries pointers at the catalogue's pace, as
/// <see cref="Snapshots.SnapshotRefreshService"/> does for the catalogue (timers run on one instance
/// only, so refreshing every instance's memory is a loop, not a timer function).
/// </summary>
public sealed partial class PlanningRefreshService(PlacesProvider places, DistrictsProvider districts, RefreshPeriods periods, TimeProvider clock, ILogger<PlanningRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(periods.Catalogue, clock);
        try
        {
            do
            {
                try
                {
                    await places.RefreshAsync(stoppingToken);
                    await districts.RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Storage may be briefly unreachable: keep serving what we have, try next tick.
                    LogFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planning snapshot refresh failed; serving the previous one")]
    private partial void LogFailed(Exception e);
}
