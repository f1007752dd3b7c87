using Microsoft.Extensions.Logging;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Status;

/// <summary>This instance's copy of the published status board.</summary>
public sealed class StatusProvider(StatusBoardDocument board, StatusOptions options, ILogger<StatusProvider> logger, TimeProvider clock)
    : PublishedSnapshot<StatusBoard>(logger, clock)
{
    private readonly StatusBoard _empty = StatusBoard.Empty(options);

    protected override StatusBoard Empty => _empty;

    /// <summary>Serves the board this instance's aggregator has just published, without reading it back.</summary>
    public Task InstallAsync(SnapshotPublication published, PublishedBoard value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        return InstallAsync(published, new StatusBoard(value.Sites, options), cancellationToken);
    }

    protected override Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken) => board.GetCurrentAsync(cancellationToken);

    protected override async Task<StatusBoard> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken) =>
        new((await board.LoadAsync(pointer, cancellationToken)).Sites, options);
}
