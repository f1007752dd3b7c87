using Microsoft.Azure.Functions.Worker;
using SiteFinder.Functions.Status;

namespace SiteFinder.Functions.Timers;

/// <summary>Aggregates staff reports and throughput into each site's status, every minute by default.</summary>
public sealed class StatusAggregationTimer(StatusAggregator aggregator)
{
    [Function("AggregateStatus")]
    public Task Run([TimerTrigger("%STATUS_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        aggregator.RunAsync(cancellationToken);
}
