namespace SiteFinder.Domain.Status;

/// <summary>
/// The aggregated status of one site. Three times: when the value was reported, when it was last
/// confirmed (a later report or throughput count agreeing with it), and when the level last changed.
/// </summary>
public sealed record SiteStatus
{
    public required string SiteId { get; init; }
    public required BusyLevel Level { get; init; }
    public double? WaitMinutes { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public required DateTimeOffset ConfirmedAt { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The report the value comes from, kept so that new throughput can refine the wait without a new report.</summary>
    public required StatusReport Report { get; init; }

    /// <summary>Samples a minute the wait was computed with, and where that rate came from.</summary>
    public double? ServiceRate { get; init; }

    public string? RateSource { get; init; }

    public BoardStatus ToBoardStatus() => new()
    {
        SiteId = SiteId,
        Level = Level,
        WaitMinutes = WaitMinutes,
        Source = Source,
        ReportedAt = ReportedAt,
        ConfirmedAt = ConfirmedAt,
        ChangedAt = ChangedAt,
    };
}
