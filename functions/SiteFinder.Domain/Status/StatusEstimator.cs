namespace SiteFinder.Domain.Status;

/// <summary>
/// Turns a site's latest report and its recent throughput into a level and a wait.
/// A queue report gives wait = queue ÷ service rate; the rate is the recent throughput when enough
/// minutes were counted, else open windows × the per-window rate. A level report gives the level
/// and no wait (the finder does not invent one; planning uses the level's typical wait).
/// </summary>
public static class StatusEstimator
{
    public static SiteStatus Estimate(
        StatusReport latest,
        IReadOnlyList<ThroughputCount> recentCounts,
        SiteStatus? previous,
        DateTimeOffset now,
        StatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(recentCounts);
        ArgumentNullException.ThrowIfNull(options);

        double? wait = null;
        double? rate = null;
        string? rateSource = null;
        BusyLevel level;
        if (latest.Level is { } reported)
        {
            level = reported;
        }
        else
        {
            (rate, rateSource) = ServiceRate(latest, recentCounts, now, options);
            // Whole minutes, and the level read from that same number: a resident shown 25 minutes must see
            // busy when 25 is the busy threshold (24.5 rounded for display but judged unrounded did not agree).
            wait = latest.QueueLength is { } queue && rate is > 0 ? Math.Round(queue / rate.Value, MidpointRounding.AwayFromZero) : null;
            level = wait is { } w ? options.LevelForWait(w) : BusyLevel.NoData;
        }

        var lastCount = recentCounts.Where(c => c.Samples > 0).Select(c => c.Minute.AddMinutes(1)).DefaultIfEmpty(latest.ReceivedAt).Max();
        var confirmed = level == BusyLevel.Paused ? latest.ReceivedAt : Min(Max(latest.ReceivedAt, lastCount), now);
        var changed = previous is not null && previous.Level == level && previous.ChangedAt <= latest.ReceivedAt
            ? previous.ChangedAt
            : latest.ReceivedAt;

        return new SiteStatus
        {
            SiteId = latest.SiteId,
            Level = level,
            WaitMinutes = wait,
            Source = latest.Source,
            ReportedAt = latest.ReceivedAt,
            ConfirmedAt = confirmed,
            ChangedAt = changed,
            Report = latest,
            ServiceRate = rate is { } r ? Math.Round(r, 3) : null,
            RateSource = rateSource,
        };
    }

    private static (double? Rate, string? Source) ServiceRate(StatusReport report, IReadOnlyList<ThroughputCount> counts, DateTimeOffset now, StatusOptions options)
    {
        var from = now.AddMinutes(-options.RateWindowMinutes);
        var window = counts.Where(c => c.Minute >= from && c.Minute < now).ToList();
        if (window.Count >= options.MinimumRateMinutes && window.Sum(c => c.Samples) > 0)
            return ((double)window.Sum(c => c.Samples) / window.Count, "throughput");
        if (report.OpenWindows is > 0 and var windows)
            return (windows * options.PerWindowSamplesPerMinute, "windows");
        return (null, null);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
