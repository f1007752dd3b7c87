using System.Threading.RateLimiting;

namespace SiteFinder.Functions.Http;

/// <summary>
/// At most so many requests per key (a client address, a site) in a fixed window, in this instance's
/// memory, with no queue: a request over the limit is refused at once with the time until the window ends.
/// </summary>
public sealed class PerKeyLimit(int permits, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the request may go on (and counts), else how long to wait.</summary>
    public TimeSpan? Refusal(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
    }

    /// <summary>Null while the key has permits left in this window, else how long until it has: a look that takes none.</summary>
    public TimeSpan? Exhausted(string key)
    {
        // A fixed-window limiter grants a request for zero permits while any are left, without taking one.
        using var lease = _limiter.AttemptAcquire(key, 0);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
    }

    public void Dispose() => _limiter.Dispose();
}
