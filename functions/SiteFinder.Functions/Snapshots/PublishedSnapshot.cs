using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Snapshots;

/// <summary>
/// This instance's copy of a published document (the catalogue, the status board). Requests
/// read <see cref="GetAsync"/>, which only waits for the very first load; later refreshes build the
/// new value aside and swap the reference, so a reader never waits for a refresh or sees half of one.
/// Every refresh also records whether storage answered (<see cref="Health"/>, for the readiness probe).
/// </summary>
public abstract partial class PublishedSnapshot<T>
    where T : class
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    // Requests that find nothing loaded yet share one attempt (not one each, queued behind each other
    // while storage hangs); a failed attempt is forgotten, so the next request or refresh tries again.
    private readonly RetryingLazy<bool> _firstLoad;
    private T? _current;
    private SnapshotHealth _health = SnapshotHealth.Initial;
    private ExceptionDispatchInfo? _lastFailure;

    protected PublishedSnapshot(ILogger logger, TimeProvider clock)
    {
        _logger = logger;
        _clock = clock;
        _firstLoad = new RetryingLazy<bool>(async () =>
        {
            await FirstLoadAsync();
            return true;
        });
    }

    /// <summary>The value now in use (the empty value until something was published).</summary>
    public T Current => Volatile.Read(ref _current) ?? Empty;

    public SnapshotHealth Health => Volatile.Read(ref _health);

    protected abstract T Empty { get; }

    /// <summary>The value to answer from; null only when none could be loaded since this instance started (storage unreachable).</summary>
    public async ValueTask<T?> GetAsync(CancellationToken cancellationToken)
    {
        if (Health.Loaded)
            return Current;

        try
        {
            await _firstLoad.GetAsync(cancellationToken);
            return Current;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFirstLoadFailed(e, typeof(T).Name);
            return null;
        }
    }

    /// <summary>
    /// Starts the first load on the thread pool without waiting for it: what <see cref="GetAsync"/> would start,
    /// started before a request (or the refresh loop) asks. A failure is recorded in <see cref="Health"/> and
    /// logged, and the next request or refresh tries again.
    /// </summary>
    public void StartFirstLoad()
    {
        if (Health.Loaded)
            return;
        _ = _firstLoad.GetAsync(CancellationToken.None).ContinueWith(
            (attempt, state) => ((PublishedSnapshot<T>)state!).LogFirstLoadFailed(attempt.Exception!.GetBaseException(), typeof(T).Name),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Reads the pointer and loads the document if it is newer than ours: one entity read when nothing changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await RefreshLockedAsync(cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected abstract Task<SnapshotPointer?> GetPointerAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Serves a value this instance has just published, as a refresh that loaded it would, so that
    /// the publisher does not read back what it wrote; a later refresh that finds the same version
    /// keeps it. When a concurrent publisher's document won the pointer, that one is read instead.
    /// </summary>
    protected async Task InstallAsync(SnapshotPublication published, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(value);
        if (!published.Ours)
        {
            await RefreshAsync(cancellationToken);
            return;
        }

        // Under the refresh lock, so that a refresh that read the previous pointer cannot swap its
        // older value in after this one.
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            // Only forward: of two publishes of this instance that finish out of order, the older must not replace the newer.
            var health = Health;
            if (published.Pointer.Version > health.Version)
                health = Serve(published.Pointer, value, health);
            Volatile.Write(ref _health, health with { Loaded = true, LastSuccessAt = _clock.GetUtcNow() });
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected abstract Task<T> LoadAsync(SnapshotPointer pointer, CancellationToken cancellationToken);

    /// <summary>
    /// A refresh that ends while this waits for the lock (the loop's, usually) answers for it, so a
    /// request waits for one storage attempt at most, not for that one and then its own.
    /// </summary>
    private async Task FirstLoadAsync()
    {
        var before = Health;
        await _refreshing.WaitAsync();
        try
        {
            var after = Health;
            if (after.Loaded)
                return;
            if (!ReferenceEquals(after, before))
                _lastFailure?.Throw();
            await RefreshLockedAsync(CancellationToken.None);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Every refresh that ends, ends with a new <see cref="Health"/>: a success or a failure with its kind.</summary>
    private async Task RefreshLockedAsync(CancellationToken cancellationToken)
    {
        var health = Health;
        try
        {
            var pointer = await GetPointerAsync(cancellationToken);
            if (pointer is not null && pointer.Version != health.Version)
                health = Serve(pointer, await LoadAsync(pointer, cancellationToken), health);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _lastFailure = ExceptionDispatchInfo.Capture(e);
            Volatile.Write(ref _health, health with { LastFailureAt = _clock.GetUtcNow(), LastError = StorageErrors.UnavailableKind(e, cancellationToken) ?? e.GetType().Name });
            throw;
        }

        Volatile.Write(ref _health, health with { Loaded = true, LastSuccessAt = _clock.GetUtcNow() });
    }

    /// <summary>Swaps the value in; returns the health that records its version. Called under the refresh lock.</summary>
    private SnapshotHealth Serve(SnapshotPointer pointer, T value, SnapshotHealth health)
    {
        Volatile.Write(ref _current, value);
        LogLoaded(typeof(T).Name, pointer.Version, pointer.Items);
        return health with { Version = pointer.Version, Items = pointer.Items, PublishedAt = pointer.PublishedAt, LoadedAt = _clock.GetUtcNow() };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Kind} could be loaded yet")]
    private partial void LogFirstLoadFailed(Exception e, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} snapshot {Version} loaded: {Items} items")]
    private partial void LogLoaded(string kind, long version, int items);
}
