using Microsoft.Extensions.Hosting;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Planning;

/// <summary>
/// Per instance, at the catalogue's pace: reads the catalogue, places and boundaries pointers and computes
/// the planners' default answer (now, 15 minutes, the whole city) when the minute or an input changed, so
/// that every instance answers it from memory. A timer function would run on one instance only, and the
/// others would compute it inside a request.
/// </summary>
public sealed class PlanningRefreshService(PlanningService planning, RefreshPeriods periods, TimeProvider clock)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(periods.Catalogue, clock);
        try
        {
            do
            {
                // Never throws for storage: it logs, keeps what it has, and tries again on the next tick.
                await planning.RecomputeAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
