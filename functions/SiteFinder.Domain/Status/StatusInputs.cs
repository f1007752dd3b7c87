namespace SiteFinder.Domain.Status;

/// <summary>
/// One report about a site's queue: from staff (a level, or a queue length with the open windows)
/// or from another source. Kept as received; the aggregate is derived from reports, never the reverse.
/// </summary>
public sealed record StatusReport
{
    public required string SiteId { get; init; }
    public required string ReportId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string Source { get; init; } = StatusSources.Staff;
    public string? Reporter { get; init; }
    public BusyLevel? Level { get; init; }
    public int? QueueLength { get; init; }
    public int? OpenWindows { get; init; }

    /// <summary>Total order for "latest": time first, id to settle equal times the same way on every run.</summary>
    public static int Compare(StatusReport a, StatusReport b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byTime = a.ReceivedAt.CompareTo(b.ReceivedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.ReportId, b.ReportId);
    }
}

/// <summary>Samples a site's scan system counted in one UTC minute.</summary>
public sealed record ThroughputCount(string SiteId, DateTimeOffset Minute, int Samples);
