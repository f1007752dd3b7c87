namespace SiteFinder.Domain.Import;

public enum RowOutcome
{
    Accepted,
    Rejected,

    /// <summary>Read, but with no point to store: geocoding found none (held:notGeocoded). Not written; import it again with a point or once Azure Maps answers.</summary>
    Held,
}

/// <summary>A field-level reason a row was rejected.</summary>
public sealed record FieldError(string Field, string Message);

public sealed record RowReport(int Row, string? SourceId, string? Id, RowOutcome Outcome)
{
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>
    /// Accepted-with-a-caveat flags, "kind: detail": hoursUnparsed, hoursMissing, duplicate, mergedInto,
    /// held:outsideExpectedArea, approximateLocation, cleared:&lt;field&gt;; for rows without a point:
    /// geocoded, held:lowGeocodeConfidence, held:notGeocoded, geocodeKept.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Row counts (received, accepted, rejected, and rows with each caveat) and site counts (what the
/// import does to the stored sites). Held counts every held row: outside the expected area, geocoded
/// below the confidence threshold (stored as planned), and not geocoded (not stored, so neither
/// accepted nor rejected).
/// </summary>
public sealed record ImportSummary(int Received, int Accepted, int Rejected, int HoursUnparsed, int Duplicates, int OutsideExpectedArea)
{
    public int Held { get; init; }

    /// <summary>Rows without a point placed at a geocoded point of enough confidence.</summary>
    public int Geocoded { get; init; }

    /// <summary>Rows geocoded below the threshold: stored at the point found, held as planned.</summary>
    public int LowGeocodeConfidence { get; init; }

    /// <summary>Rows for which no point was found: not stored.</summary>
    public int NotGeocoded { get; init; }

    /// <summary>Sites whose point is shared by so many sites that it cannot be their own (<see cref="SiteImporter.ApproximateFromSites"/>).</summary>
    public int ApproximateLocation { get; init; }

    /// <summary>Rows merged into an earlier row with the same name and address.</summary>
    public int Merged { get; init; }

    /// <summary>Rows that clear at least one stored field with an empty cell.</summary>
    public int Cleared { get; init; }

    public int Added { get; init; }

    public int Updated { get; init; }

    public int Unchanged { get; init; }

    /// <summary>Stored sites of the file's districts that the file does not list.</summary>
    public int Missing { get; init; }

    /// <summary>Missing (or merged-away) sites this import closes.</summary>
    public int Closed { get; init; }
}

/// <summary>One kind of problem (a warning, or a rejected field) with how many rows have it and the first of them.</summary>
public sealed record ProblemRows(string Kind, int Count, IReadOnlyList<int> FirstRows)
{
    /// <summary>Enough rows for an operator to find the pattern in the file, not the whole list again.</summary>
    public const int MaxRowsShown = 10;

    /// <summary>Warnings by their kind (the part before any ": detail", such as "held:outsideExpectedArea"), rejections as "rejected:field"; the most frequent kind first.</summary>
    public static IReadOnlyList<ProblemRows> Of(IEnumerable<RowReport> rows) =>
        [.. rows
            .SelectMany(r => r.Warnings.Select(KindOf).Concat(r.Errors.Select(e => "rejected:" + e.Field)).Distinct(StringComparer.Ordinal).Select(kind => (Kind: kind, r.Row)))
            .GroupBy(x => x.Kind, StringComparer.Ordinal)
            .Select(g => new ProblemRows(g.Key, g.Count(), [.. g.Select(x => x.Row).Order().Take(MaxRowsShown)]))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Kind, StringComparer.Ordinal)];

    /// <summary>A warning's kind: up to the first ": ", so that a kind may itself hold a colon (cleared:address).</summary>
    public static string KindOf(string warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var end = warning.IndexOf(": ", StringComparison.Ordinal);
        return (end < 0 ? warning : warning[..end]).Trim();
    }
}

public sealed record ImportReport(ImportSummary Summary, IReadOnlyList<RowReport> Rows)
{
    /// <summary>12 hex digits naming this import: sites it writes say "import:{id}" in UpdatedBy, and audit entries carry it.</summary>
    public string ImportId { get; init; } = string.Empty;

    public ImportChanges Changes { get; init; } = ImportChanges.None;

    /// <summary>How the rows without a point were looked up; null when the import does not geocode.</summary>
    public GeocodingReport? Geocoding { get; init; }

    /// <summary>The rows of each problem kind, so an operator sees at once what to fix and where.</summary>
    public IReadOnlyList<ProblemRows> Problems { get; } = ProblemRows.Of(Rows);
}
