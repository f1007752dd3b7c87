namespace SiteFinder.Domain.Planning;

/// <summary>The gaps of one coverage (the city's or a district's places): clusters, largest weight first, and up to ten suggested sites.</summary>
public sealed record GapsResult(CoverageResult Coverage, string? District, IReadOnlyList<GapCluster> Clusters, IReadOnlyList<SuggestedSite> Suggested)
{
    /// <summary>The covered shares of the places in scope before any suggestion.</summary>
    public required double CoveredShare { get; init; }

    public required double CoveredWeightShare { get; init; }
}
