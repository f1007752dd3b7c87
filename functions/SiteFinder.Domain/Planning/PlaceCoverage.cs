namespace SiteFinder.Domain.Planning;

/// <summary>
/// One place's walk to its nearest covering site: the site's index in <see cref="CoveringSites.Sites"/>
/// (-1 and ∞ minutes when no site is open anywhere) and whether the walk is within the limit.
/// </summary>
public readonly record struct PlaceCoverage(int Site, double Meters, double Minutes, bool Covered);
