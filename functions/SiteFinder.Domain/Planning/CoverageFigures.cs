namespace SiteFinder.Domain.Planning;

/// <summary>
/// Coverage of one district (or of the city: <see cref="District"/> null). Shares are 0..1 (0 when
/// there are no places). Median and 90th percentile are of the walking minutes of the places, nearest
/// rank, unweighted; a place with no open site anywhere counts as an infinite walk, so a percentile
/// that falls among such places is null rather than a figure better than the truth.
/// <see cref="NoOpenSite"/> counts those places.
/// </summary>
public sealed record CoverageFigures(
    string? District,
    int Places,
    double Weight,
    int Covered,
    double CoveredShare,
    double CoveredWeight,
    double CoveredWeightShare,
    double? MedianMinutes,
    double? P90Minutes,
    int NoOpenSite);
