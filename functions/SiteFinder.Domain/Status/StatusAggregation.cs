using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Status;

/// <summary>One site's tally for one local hour: minutes with a live status, their waits, and how many were busy.</summary>
public sealed record HourTally(string SiteId, DateOnly Date, int Hour, int Minutes, double WaitSum, int WaitMinutes, int BusyMinutes)
{
    /// <summary>The Asia/Shanghai date and hour an instant falls in.</summary>
    public static (DateOnly Date, int Hour) LocalHourOf(DateTimeOffset instant)
    {
        var local = ShanghaiClock.ToLocal(instant);
        return (DateOnly.FromDateTime(local), local.Hour);
    }
}

/// <summary>What one aggregation run leaves behind, and what the next one starts from.</summary>
public sealed record StatusState
{
    public required DateTimeOffset ProcessedThrough { get; init; }
    public IReadOnlyList<SiteStatus> Sites { get; init; } = [];

    /// <summary>The current hour's tally per site; past hours are already in the history table.</summary>
    public IReadOnlyList<HourTally> Hours { get; init; } = [];

    /// <summary>What instances serve of this state.</summary>
    public PublishedBoard ToBoard() => new() { ProcessedThrough = ProcessedThrough, Sites = Sites.Select(s => s.ToBoardStatus()).ToArray() };
}

/// <summary>
/// The aggregation as a pure function: previous state + reports received since + recent throughput
/// → next state and the hour tallies to write. Running it twice on the same inputs gives the same
/// result, which is what makes late and repeated timer runs harmless.
/// </summary>
public static class StatusAggregation
{
    public static (StatusState State, IReadOnlyList<HourTally> ChangedHours) Run(
        StatusState? previous,
        IReadOnlyList<Site> sites,
        IReadOnlyList<StatusReport> newReports,
        IReadOnlyList<ThroughputCount> recentCounts,
        DateTimeOffset minute,
        StatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(newReports);
        ArgumentNullException.ThrowIfNull(recentCounts);
        ArgumentNullException.ThrowIfNull(options);

        var previousStatus = (previous?.Sites ?? []).ToDictionary(s => s.SiteId, StringComparer.Ordinal);
        var previousHours = (previous?.Hours ?? []).ToDictionary(h => h.SiteId, StringComparer.Ordinal);
        var latestNew = newReports
            .Where(r => r.ReceivedAt <= minute.AddMinutes(1))
            .GroupBy(r => r.SiteId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate((a, b) => StatusReport.Compare(a, b) >= 0 ? a : b), StringComparer.Ordinal);
        var countsBySite = recentCounts.GroupBy(c => c.SiteId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<ThroughputCount>)[.. g], StringComparer.Ordinal);
        var board = new List<SiteStatus>();
        var hours = new List<HourTally>();
        var changed = new List<HourTally>();
        var (date, hour) = HourTally.LocalHourOf(minute);
        var now = minute.AddMinutes(1);

        foreach (var site in sites)
        {
            previousStatus.TryGetValue(site.Id, out var before);
            var latest = Latest(before?.Report, latestNew.GetValueOrDefault(site.Id));
            if (latest is null)
                continue;

            var status = StatusEstimator.Estimate(latest, countsBySite.GetValueOrDefault(site.Id) ?? [], before, now, options);
            board.Add(status);

            previousHours.TryGetValue(site.Id, out var tally);
            if (tally is null || tally.Date != date || tally.Hour != hour)
                tally = new HourTally(site.Id, date, hour, 0, 0, 0, 0);

            var current = StatusBoard.CurrentOf(site, status.ToBoardStatus(), minute, options);
            if (current.Level is not (BusyLevel.NoData or BusyLevel.Closed or BusyLevel.Unconfirmed))
            {
                var wait = current.WaitMinutes;
                tally = tally with
                {
                    Minutes = tally.Minutes + 1,
                    WaitSum = tally.WaitSum + (wait ?? 0),
                    WaitMinutes = tally.WaitMinutes + (wait is null ? 0 : 1),
                    BusyMinutes = tally.BusyMinutes + (current.Level is BusyLevel.Busy or BusyLevel.Congested ? 1 : 0),
                };
                changed.Add(tally);
            }

            if (tally.Minutes > 0)
                hours.Add(tally);
        }

        var state = new StatusState { ProcessedThrough = minute, Sites = board, Hours = hours };
        return (state, changed);
    }

    private static StatusReport? Latest(StatusReport? a, StatusReport? b) =>
        a is null ? b : b is null ? a : StatusReport.Compare(a, b) >= 0 ? a : b;
}

/// <summary>Typical busyness of one site by hour of day, from up to 14 days of hourly tallies.</summary>
public sealed record TypicalHour(int Hour, int Days, double? AverageWaitMinutes, double BusyShare);

public static class TypicalBusyness
{
    public const int Days = 14;

    /// <summary>The local dates (Asia/Shanghai) of the window that ends today: today and the 13 days before.</summary>
    public static (DateOnly First, DateOnly Last) DatesEndingAt(DateTimeOffset now) =>
        (HourTally.LocalHourOf(now.AddDays(1 - Days)).Date, HourTally.LocalHourOf(now).Date);

    public static IReadOnlyList<TypicalHour> FromTallies(IEnumerable<HourTally> tallies)
    {
        var byHour = tallies.Where(t => t.Minutes > 0).GroupBy(t => t.Hour).ToDictionary(g => g.Key, g => g.ToList());
        return Enumerable.Range(0, 24)
            .Where(byHour.ContainsKey)
            .Select(h =>
            {
                var list = byHour[h];
                var waitMinutes = list.Sum(t => t.WaitMinutes);
                return new TypicalHour(
                    h,
                    list.Select(t => t.Date).Distinct().Count(),
                    waitMinutes == 0 ? null : Math.Round(list.Sum(t => t.WaitSum) / waitMinutes, 1),
                    Math.Round((double)list.Sum(t => t.BusyMinutes) / list.Sum(t => t.Minutes), 3));
            })
            .ToArray();
    }
}
