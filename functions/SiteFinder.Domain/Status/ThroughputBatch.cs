namespace SiteFinder.Domain.Status;

/// <summary>The rules for scan-system counts: which minutes may be counted, and what a repeated minute means.</summary>
public static class ThroughputBatch
{
    public const int MaxCounts = 1000;
    public const int MaxSamples = 10_000;

    /// <summary>How far back a count may be sent: the rate window needs minutes, not days.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    /// <summary>
    /// A whole UTC minute (no seconds, nor any fraction of one: 16:30:00.0001 is not 16:30) that has
    /// begun, within the last day.
    /// </summary>
    public static bool IsCountableMinute(DateTimeOffset minute, DateTimeOffset now) =>
        minute.UtcTicks % TimeSpan.TicksPerMinute == 0 && minute <= now && minute >= now - MaxAge;

    /// <summary>A (site, minute) sent twice in one batch counts once, the later value winning, as a resend would.</summary>
    public static IReadOnlyList<ThroughputCount> LastWins(IEnumerable<ThroughputCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var latest = new Dictionary<(string, DateTimeOffset), ThroughputCount>();
        var order = new List<(string, DateTimeOffset)>();
        foreach (var count in counts)
        {
            var key = (count.SiteId, count.Minute.ToUniversalTime());
            if (!latest.ContainsKey(key))
                order.Add(key);
            latest[key] = count with { Minute = count.Minute.ToUniversalTime() };
        }

        return order.Select(k => latest[k]).ToArray();
    }
}
