using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Status;

/// <summary>A site's level as of a given instant, and the board status it rests on (null when there is none).</summary>
public readonly record struct CurrentStatus(BusyLevel Level, BoardStatus? Basis)
{
    /// <summary>The wait is shown only while the level is a live queue level.</summary>
    public double? WaitMinutes => Level is BusyLevel.Idle or BusyLevel.Normal or BusyLevel.Busy or BusyLevel.Congested ? Basis?.WaitMinutes : null;

    public bool IsBusy => Level is BusyLevel.Busy or BusyLevel.Congested or BusyLevel.Paused or BusyLevel.Closed;
}

/// <summary>
/// The published status board as one instance serves it. Staleness and opening hours are applied
/// when asked, not when aggregated, so a status never outlives its TTL between two aggregation runs.
/// </summary>
public sealed class StatusBoard(IEnumerable<BoardStatus> statuses, StatusOptions options)
{
    private readonly Dictionary<string, BoardStatus> _statuses = statuses.ToDictionary(s => s.SiteId, StringComparer.Ordinal);

    public static StatusBoard Empty(StatusOptions options) => new([], options);

    public StatusOptions Options { get; } = options;

    public CurrentStatus Current(Site site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(site);
        return CurrentOf(site, _statuses.GetValueOrDefault(site.Id), now, Options);
    }

    /// <summary>
    /// The same, for a caller that has already asked the site whether it is open: <paramref name="openNow"/> must be
    /// <c>site.IsOpenAt(now)</c> (the nearby answer shows both, and the hours were read twice a site).
    /// </summary>
    public CurrentStatus Current(Site site, DateTimeOffset now, bool? openNow)
    {
        ArgumentNullException.ThrowIfNull(site);
        return CurrentOf(openNow == false, _statuses.GetValueOrDefault(site.Id), now, Options);
    }

    /// <summary>The rule itself: closed outside service or hours, no data past the TTL, else the aggregated level.</summary>
    public static CurrentStatus CurrentOf(Site site, BoardStatus? basis, DateTimeOffset now, StatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(site);
        return CurrentOf(site.IsOpenAt(now) == false, basis, now, options);
    }

    /// <summary><paramref name="closed"/>: out of service or outside its hours (<see cref="Site.IsOpenAt"/> is false).</summary>
    private static CurrentStatus CurrentOf(bool closed, BoardStatus? basis, DateTimeOffset now, StatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (closed)
            return new CurrentStatus(BusyLevel.Closed, basis);
        // Doubt raised by residents outlives the TTL: it ends when staff or an operator speak, not with time.
        if (basis?.Level == BusyLevel.Unconfirmed)
            return new CurrentStatus(BusyLevel.Unconfirmed, basis);
        if (basis is null || now - basis.ReportedAt > TimeSpan.FromMinutes(options.TtlMinutes))
            return new CurrentStatus(BusyLevel.NoData, basis);
        return new CurrentStatus(basis.Level, basis);
    }

    /// <summary>The wait a resident should plan for: the estimate, else the level's typical wait, else (no data) the busy threshold.</summary>
    public double PlanningWait(CurrentStatus status) =>
        status.WaitMinutes ?? Options.TypicalWait(status.Level) ?? Options.BusyFromMinutes;
}
