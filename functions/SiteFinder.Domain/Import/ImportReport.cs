namespace SiteFinder.Domain.Import;

public enum RowOutcome
{
    Accepted,
    Rejected,
}

/// <summary>A field-level reason a row was rejected.</summary>
public sealed record FieldError(string Field, string Message);

public sealed record RowReport(int Row, string? SourceId, string? Id, RowOutcome Outcome)
{
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>Accepted-with-a-caveat flags: hoursUnparsed, duplicate, outsideExpectedArea.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed record ImportSummary(int Received, int Accepted, int Rejected, int HoursUnparsed, int Duplicates, int OutsideExpectedArea);

/// <summary>One kind of problem (a warning, or a rejected field) with how many rows have it and the first of them.</summary>
public sealed record ProblemRows(string Kind, int Count, IReadOnlyList<int> FirstRows)
{
    /// <summary>Enough rows for an operator to find the pattern in the file, not the whole list again.</summary>
    public const int MaxRowsShown = 10;

    /// <summary>Warnings by their name (the part before any ": detail"), rejections as "rejected:field"; the most frequent kind first.</summary>
    public static IReadOnlyList<ProblemRows> Of(IEnumerable<RowReport> rows) =>
        [.. rows
            .SelectMany(r => r.Warnings.Select(w => w.Split(':', 2)[0].Trim()).Concat(r.Errors.Select(e => "rejected:" + e.Field)).Distinct(StringComparer.Ordinal).Select(kind => (Kind: kind, r.Row)))
            .GroupBy(x => x.Kind, StringComparer.Ordinal)
            .Select(g => new ProblemRows(g.Key, g.Count(), [.. g.Select(x => x.Row).Order().Take(MaxRowsShown)]))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Kind, StringComparer.Ordinal)];
}

public sealed record ImportReport(ImportSummary Summary, IReadOnlyList<RowReport> Rows)
{
    /// <summary>The rows of each problem kind, so an operator sees at once what to fix and where.</summary>
    public IReadOnlyList<ProblemRows> Problems { get; } = ProblemRows.Of(Rows);
}
