namespace SiteFinder.Functions.Http;

/// <summary>
/// The gaps at an instant: the uncovered places of the city (or of <see cref="District"/>) grouped in
/// clusters of 500 m cells joined by 8-connectivity, the first <c>limit</c> of <see cref="ClusterCount"/>
/// by weight, and up to ten suggested sites chosen greedily for the most uncovered weight.
/// </summary>
public sealed record PlanningGapsView(
    string At,
    DateTimeOffset AtUtc,
    int Minutes,
    string? District,
    double CellMeters,
    int UncoveredPlaces,
    double UncoveredWeight,
    double CoveredShare,
    double CoveredWeightShare,
    int ClusterCount,
    IReadOnlyList<PlanningClusterView> Clusters,
    IReadOnlyList<PlanningSuggestionView> Suggested,
    PlanningSourcesView Sources,
    double ComputeMilliseconds,
    bool Cached);
