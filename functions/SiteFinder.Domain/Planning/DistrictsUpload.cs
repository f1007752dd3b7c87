using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// What a boundaries upload gives: the districts (one per name, the later feature kept) and each
/// refused feature with its fields (features[3].properties.name...); or, when the file cannot be read, why.
/// </summary>
public sealed record DistrictsUpload(IReadOnlyList<DistrictBoundary> Districts, IReadOnlyList<RowReport> Refused, string? FileError = null)
{
    public IReadOnlyList<ProblemRows> Problems { get; } = ProblemRows.Of(Refused);
}
