using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;

namespace SiteFinder.Functions.Http;

/// <summary>What a places upload did: how many places are now in force, the published version, the encoding read, and the refused rows by field (the first 100 rows shown).</summary>
public sealed record PlanningPlacesUploadView(
    bool Replaced,
    int Places,
    double Weight,
    long Version,
    DateTimeOffset PublishedAt,
    string Encoding,
    GazetteerSummary Summary,
    IReadOnlyList<ProblemRows> Problems,
    IReadOnlyList<RowReport> Rows);
