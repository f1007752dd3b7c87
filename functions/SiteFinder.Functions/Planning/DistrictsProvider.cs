using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Planning;

/// <summary>This instance's copy of the published district boundaries; refreshed by <see cref="PlanningRefreshService"/>.</summary>
public sealed class DistrictsProvider(DistrictsDocument snapshots, ILogger<DistrictsProvider> logger, TimeProvider clock)
    : PublishedSnapshot<DistrictsSnapshot>(logger, clock)
{
    protected override DistrictsSnapshot Empty => DistrictsSnapshot.Empty;

    /// <summary>Serves the boundaries this instance has just published, without reading them back.</summary>
    public Task ServeAsync(SnapshotPublication published, DistrictsSnapshot snapshot, CancellationToken cancellationToken) =>
        base.InstallAsync(published, snapshot, cancellationToken);

    protected override Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken) => snapshots.GetCurrentAsync(cancellationToken);

    protected override Task<DistrictsSnapshot> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken) => snapshots.LoadAsync(pointer, cancellationToken);
}
