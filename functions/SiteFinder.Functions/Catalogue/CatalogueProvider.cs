using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Storage;
using DomainCatalogue = SiteFinder.Domain.Sites.Catalogue;

namespace SiteFinder.Functions.Catalogue;

/// <summary>
/// This instance's copy of the published catalogue. Requests read <see cref="GetAsync"/>, which
/// only waits for the very first load; later refreshes build a new catalogue aside and swap the
/// reference, so a reader never waits for a refresh or sees half of one.
/// </summary>
public sealed partial class CatalogueProvider(ICatalogueSnapshotStore snapshots, ILogger<CatalogueProvider> logger)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DomainCatalogue _current = DomainCatalogue.Empty;

    /// <summary>The catalogue now in use, or the empty one if none is published yet.</summary>
    public DomainCatalogue Current => Volatile.Read(ref _current);

    /// <summary>
    /// The catalogue to answer from; null only when none could be loaded since this instance started
    /// (storage unreachable), which callers report as "unavailable" rather than as an empty city.
    /// </summary>
    public async ValueTask<DomainCatalogue?> GetAsync(CancellationToken cancellationToken)
    {
        if (_firstLoad.Task.IsCompleted)
            return Current;

        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            return Current;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFirstLoadFailed(e);
            return null;
        }
    }

    /// <summary>Reads the snapshot pointer and loads the snapshot if it is newer than ours. One entity read when nothing changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pointer = await snapshots.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
            if (pointer is not null && pointer.Version != Current.Version)
            {
                var records = await snapshots.LoadAsync(pointer, cancellationToken).ConfigureAwait(false);
                var catalogue = new DomainCatalogue(records.Select(r => r.ToSite()), pointer.Version);
                Volatile.Write(ref _current, catalogue);
                LogLoaded(pointer.Version, catalogue.Sites.Count);
            }

            _firstLoad.TrySetResult();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No catalogue could be loaded yet")]
    private partial void LogFirstLoadFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue snapshot {Version} loaded: {Sites} sites")]
    private partial void LogLoaded(long version, int sites);
}
