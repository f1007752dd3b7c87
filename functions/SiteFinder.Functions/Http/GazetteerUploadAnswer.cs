using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The answer to a gazetteer upload that replaced the gazetteer: how many places are in force, the
/// version published, the encoding read, and the report (only the refused or flagged rows, the first ones).
/// </summary>
public sealed record GazetteerUploadAnswer(
    bool Replaced,
    int Places,
    long Version,
    DateTimeOffset PublishedAt,
    string Encoding,
    GazetteerSummary Summary,
    IReadOnlyList<ProblemRows> Problems,
    IReadOnlyList<RowReport> Rows);
