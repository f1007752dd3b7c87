using SiteFinder.Domain.Planning;

namespace SiteFinder.Functions.Planning;

/// <summary>The published district boundaries (WGS-84), in name order.</summary>
public sealed record DistrictsSnapshot(IReadOnlyList<DistrictBoundary> Districts)
{
    public static DistrictsSnapshot Empty { get; } = new([]);
}
