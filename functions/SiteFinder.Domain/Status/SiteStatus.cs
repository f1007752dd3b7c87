namespace SiteFinder.Domain.Status;

/// <summary>
/// The aggregated status of one site as the aggregator keeps it: what the board serves (level, wait,
/// source; when the value was reported, last confirmed by a later report or throughput count, and
/// last changed level), plus what the next run needs to refine it.
/// </summary>
public sealed record SiteStatus : BoardStatus
{
    /// <summary>The report the value comes from, kept so that new throughput can refine the wait without a new report.</summary>
    public required StatusReport Report { get; init; }

    /// <summary>Samples a minute the wait was computed with, and where that rate came from.</summary>
    public double? ServiceRate { get; init; }

    public string? RateSource { get; init; }

    /// <summary>The board's part alone, as a plain <see cref="BoardStatus"/> (not this record typed as its base), so the board holds nothing more.</summary>
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
