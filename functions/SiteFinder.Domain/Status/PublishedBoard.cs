namespace SiteFinder.Domain.Status;

/// <summary>
/// The status board as published for every instance: each site's served status, and the minute the
/// aggregation ran through, which moves with every run, so the board's publish time shows that the
/// aggregation is alive even when no status changed.
/// </summary>
public sealed record PublishedBoard
{
    public required DateTimeOffset ProcessedThrough { get; init; }
    public IReadOnlyList<BoardStatus> Sites { get; init; } = [];
}
