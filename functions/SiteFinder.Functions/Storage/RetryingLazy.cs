namespace SiteFinder.Functions.Storage;

/// <summary>
/// A value made once by an async factory and then shared, except that a failed attempt is
/// forgotten: the next caller starts a new one. <see cref="Lazy{T}"/> of a task keeps a faulted
/// task for ever, so a table first touched during a storage outage (or before the role assignments
/// took effect) failed every later call until the process restarted.
/// </summary>
public sealed class RetryingLazy<T>(Func<Task<T>> factory)
{
    private readonly Lock _gate = new();
    private Task<T>? _attempt;

    /// <summary>
    /// The value. Callers that arrive while an attempt runs share it and its outcome; the attempt
    /// itself ignores the callers' cancellation (another caller may still want it), only the wait stops.
    /// </summary>
    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        var attempt = Volatile.Read(ref _attempt);
        if (attempt is null || attempt.IsFaulted || attempt.IsCanceled)
        {
            lock (_gate)
            {
                attempt = _attempt;
                if (attempt is null || attempt.IsFaulted || attempt.IsCanceled)
                {
                    // Task.Run: the factory's synchronous part runs outside the lock, and a synchronous throw becomes a faulted attempt.
                    attempt = Task.Run(factory, CancellationToken.None);
                    Volatile.Write(ref _attempt, attempt);
                }
            }
        }

        return attempt.WaitAsync(cancellationToken);
    }
}
