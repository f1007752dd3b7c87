using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Gazetteer;

/// <summary>This instance's copy of the published gazetteer, with its matcher; refreshed by <see cref="SnapshotRefreshService"/>.</summary>
public sealed class GazetteerProvider(GazetteerDocument snapshots, ILogger<GazetteerProvider> logger, TimeProvider clock)
    : PublishedSnapshot<ServedGazetteer>(logger, clock)
{
    protected override ServedGazetteer Empty => ServedGazetteer.Empty;

    /// <summary>Serves the gazetteer this instance has just published, without reading it back.</summary>
    public Task InstallAsync(SnapshotPublication published, GazetteerSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(snapshot);
        return published.Ours && published.Pointer.Version == Health.Version
            ? Task.CompletedTask
            : InstallAsync(published, new ServedGazetteer(snapshot), cancellationToken);
    }

    protected override Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken) => snapshots.GetCurrentAsync(cancellationToken);

    protected override async Task<ServedGazetteer> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken) =>
        new(await snapshots.LoadAsync(pointer, cancellationToken));
}
