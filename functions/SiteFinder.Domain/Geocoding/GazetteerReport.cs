using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Geocoding;

/// <summary>How many rows an upload had, kept and refused, and how many repeated an earlier row's source id (the later row is kept).</summary>
public sealed record GazetteerSummary(int Received, int Accepted, int Rejected, int Duplicates);

/// <summary>The row-by-row account of an upload, in the site importer's terms (<see cref="RowReport"/>, <see cref="ProblemRows"/>).</summary>
public sealed record GazetteerReport(GazetteerSummary Summary, IReadOnlyList<RowReport> Rows)
{
    public IReadOnlyList<ProblemRows> Problems { get; } = ProblemRows.Of(Rows);
}

/// <summary>What an upload gives: the places to store (one per source id) and the report; or, when the file as a whole cannot be read, why.</summary>
public sealed record GazetteerUpload(IReadOnlyList<GazetteerEntry> Entries, GazetteerReport Report, string? FileError = null);
