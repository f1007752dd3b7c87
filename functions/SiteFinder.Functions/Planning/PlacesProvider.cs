using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Planning;

/// <summary>This instance's copy of the published places; refreshed by <see cref="PlanningRefreshService"/>.</summary>
public sealed class PlacesProvider(PlacesDocument snapshots, ILogger<PlacesProvider> logger, TimeProvider clock)
    : PublishedSnapshot<PlacesSnapshot>(logger, clock)
{
    protected override PlacesSnapshot Empty => PlacesSnapshot.Empty;

    /// <summary>Serves the places this instance has just published, without reading them back.</summary>
    public Task ServeAsync(SnapshotPublication published, PlacesSnapshot snapshot, CancellationToken cancellationToken) =>
        base.InstallAsync(published, snapshot, cancellationToken);

    protected override Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken) => snapshots.GetCurrentAsync(cancellationToken);

    protected override Task<PlacesSnapshot> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken) => snapshots.LoadAsync(pointer, cancellationToken);
}
