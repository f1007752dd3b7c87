using SiteFinder.Domain.Import;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The answer to an import: the domain's report (<see cref="ImportReport"/>) with what only the HTTP
/// request knows, the flags it was sent with and the text encoding it was read in.
/// </summary>
public sealed record ImportAnswer(
    bool DryRun,
    bool CloseMissing,
    string ImportId,
    string Encoding,
    ImportSummary Summary,
    GeocodingReport? Geocoding,
    IReadOnlyList<ProblemRows> Problems,
    ImportChanges Changes,
    IReadOnlyList<RowReport> Rows)
{
    public static ImportAnswer Of(ImportReport report, bool dryRun, bool closeMissing, string encoding)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(dryRun, closeMissing, report.ImportId, encoding, report.Summary, report.Geocoding, report.Problems, report.Changes, report.Rows);
    }
}
