namespace SiteFinder.Domain.Planning;

/// <summary>
/// Who is covered at one instant within a walking limit: each place's walk (in <see cref="PlanningArea.Places"/>
/// order), the figures of the city and of each district, and the sites that counted.
/// </summary>
public sealed record CoverageResult(
    DateTimeOffset At,
    int Minutes,
    PlanningArea Area,
    CoveringSites Sites,
    IReadOnlyList<PlaceCoverage> Places,
    CoverageFigures City,
    IReadOnlyList<CoverageFigures> Districts)
{
    public CoverageFigures? District(string name) => Districts.FirstOrDefault(d => string.Equals(d.District, name, StringComparison.Ordinal));
}
