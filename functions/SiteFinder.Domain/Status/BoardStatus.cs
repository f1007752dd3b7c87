namespace SiteFinder.Domain.Status;

/// <summary>
/// A site's status as the board serves it: what answers show and the serving rules read (level,
/// wait, source and the three times), without what only the next aggregation run needs (the report
/// it comes from, the service rate), so the document every instance downloads stays lean.
/// <see cref="SiteStatus"/>, the aggregator's own record, is this plus what the next run needs.
/// </summary>
public record BoardStatus
{
    public required string SiteId { get; init; }
    public required BusyLevel Level { get; init; }
    public double? WaitMinutes { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public required DateTimeOffset ConfirmedAt { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
