using System.Threading.RateLimiting;

namespace SiteFinder.Functions.Places;

/// <summary>
/// How many place queries (geocode, nearby by address) one client address may send a minute on this
/// instance. A query no local source knows costs an Azure Maps call: without a limit, random texts
/// from one client would run up the bill and trip the breaker that every resident then meets.
/// </summary>
public sealed class PlaceLimits : IDisposable
{
    /// <summary>A resident types a few places a minute; a client typing ahead sends more, not this many.</summary>
    public const int PerClientPerMinute = 30;

    private readonly PartitionedRateLimiter<string> _clients = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PerClientPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the query may go on, else how long to wait.</summary>
    public TimeSpan? Refusal(string client)
    {
        using var lease = _clients.AttemptAcquire(client);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _clients.Dispose();
}
