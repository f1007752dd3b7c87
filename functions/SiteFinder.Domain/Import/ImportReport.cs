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

public sealed record ImportReport(ImportSummary Summary, IReadOnlyList<RowReport> Rows);
