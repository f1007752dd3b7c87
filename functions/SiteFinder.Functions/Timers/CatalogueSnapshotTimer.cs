using Microsoft.Azure.Functions.Worker;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Timers;

/// <summary>
/// Republishes the catalogue snapshot from the site rows when they changed without a publish
/// (an import that failed halfway, an edit made straight in the table). Publishing the same
/// rows again is a no-op, so late or overlapping runs are harmless.
/// </summary>
public sealed class CatalogueSnapshotTimer(CataloguePublisher publisher)
{
    [Function("PublishCatalogueSnapshot")]
    public Task Run([TimerTrigger("%CATALOGUE_SNAPSHOT_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        publisher.PublishAsync(cancellationToken);
}
