using Microsoft.Azure.Functions.Worker;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;

namespace SiteFinder.Functions.Timers;

/// <summary>
/// The app's timer functions, in one class because each is the same thin trigger: it hands the run
/// to the singleton that owns the work, and that work is safe to run late, twice or overlapping.
/// </summary>
public sealed class TimerFunctions(CataloguePublisher publisher, StatusAggregator aggregator)
{
    /// <summary>
    /// Republishes the catalogue snapshot from the site rows when they changed without a publish
    /// (an import that failed halfway, an edit made straight in the table). Publishing the same
    /// rows again is a no-op, so late or overlapping runs are harmless.
    /// </summary>
    [Function("PublishCatalogueSnapshot")]
    public Task PublishCatalogueSnapshot([TimerTrigger("%CATALOGUE_SNAPSHOT_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        publisher.PublishAsync(cancellationToken);

    /// <summary>
    /// Aggregates staff reports and throughput into each site's status, every minute by default. The
    /// aggregator claims its minute first, so a repeated or overlapping run does nothing twice.
    /// </summary>
    [Function("AggregateStatus")]
    public Task AggregateStatus([TimerTrigger("%STATUS_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        aggregator.RunAsync(cancellationToken);
}
