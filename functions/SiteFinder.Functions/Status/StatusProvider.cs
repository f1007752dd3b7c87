using Microsoft.Extensions.Logging;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Status;

/// <summary>This instance's copy of the published status aggregate.</summary>
public sealed class StatusProvider(IStatusStateStore store, StatusOptions options, ILogger<StatusProvider> logger, TimeProvider clock)
    : PublishedSnapshot<StatusBoard>(logger, clock)
{
    private readonly StatusBoard _empty = StatusBoard.Empty(options);

    protected override StatusBoard Empty => _empty;

    protected override Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken) => store.GetCurrentAsync(cancellationToken);

    protected override async Task<StatusBoard> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken)
    {
        var state = await store.LoadAsync(pointer, cancellationToken).ConfigureAwait(false);
        return new StatusBoard(state.Sites.ToDictionary(s => s.SiteId, StringComparer.Ordinal), options);
    }
}
