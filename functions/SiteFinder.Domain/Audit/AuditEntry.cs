namespace SiteFinder.Domain.Audit;

/// <summary>One field's value before and after a change, as stored text (null when empty).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>How a change came about.</summary>
public enum AuditAction
{
    /// <summary>An operator edited the site.</summary>
    Edit,

    /// <summary>An import added or changed the site (<see cref="AuditEntry.ImportId"/> names the import).</summary>
    Import,

    /// <summary>An import with closeMissing closed a site the file no longer lists.</summary>
    CloseMissing,

    /// <summary>An operator accepted a resident's correction (<see cref="AuditEntry.CorrectionId"/>).</summary>
    Correction,
}

/// <summary>
/// One change to one site: who (an operator key's name, "city", or a staff token id), when, what
/// changed field by field, and why. Entries are only ever appended.
/// </summary>
public sealed record AuditEntry
{
    public required string SiteId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Who { get; init; }
    public required AuditAction Action { get; init; }
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];
    public string? Reason { get; init; }
    public string? ImportId { get; init; }
    public string? CorrectionId { get; init; }
}
