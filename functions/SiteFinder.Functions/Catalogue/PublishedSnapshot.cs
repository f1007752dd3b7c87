using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Catalogue;

/// <summary>
/// This instance's copy of a published document (the catalogue, the status aggregate). Requests
/// read <see cref="GetAsync"/>, which only waits for the very first load; later refreshes build the
/// new value aside and swap the reference, so a reader never waits for a refresh or sees half of one.
/// </summary>
public abstract partial class PublishedSnapshot<T>(ILogger logger)
    where T : class
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _current;
    private long _version;

    /// <summary>The value now in use (the empty value until something was published).</summary>
    public T Current => Volatile.Read(ref _current) ?? Empty;

    protected abstract T Empty { get; }

    /// <summary>The value to answer from; null only when none could be loaded since this instance started (storage unreachable).</summary>
    public async ValueTask<T?> GetAsync(CancellationToken cancellationToken)
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
            LogFirstLoadFailed(e, typeof(T).Name);
            return null;
        }
    }

    /// <summary>Reads the pointer and loads the document if it is newer than ours: one entity read when nothing changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pointer = await GetPointerAsync(cancellationToken).ConfigureAwait(false);
            if (pointer is not null && pointer.Version != _version)
            {
                var value = await LoadAsync(pointer, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, value);
                _version = pointer.Version;
                LogLoaded(typeof(T).Name, pointer.Version, pointer.Items);
            }

            _firstLoad.TrySetResult();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected abstract Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken);

    protected abstract Task<T> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Kind} could be loaded yet")]
    private partial void LogFirstLoadFailed(Exception e, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} snapshot {Version} loaded: {Items} items")]
    private partial void LogLoaded(string kind, long version, int items);
}
