using SiteFinder.Domain.Import;

namespace SiteFinder.Functions.Http;

/// <summary>What a boundaries upload did: the districts now in force (names, vertices), the published version, and the refused features by field.</summary>
public sealed record PlanningDistrictsUploadView(
    bool Replaced,
    int Districts,
    IReadOnlyList<string> Names,
    int Vertices,
    long Version,
    DateTimeOffset PublishedAt,
    IReadOnlyList<ProblemRows> Problems,
    IReadOnlyList<RowReport> Refused);
