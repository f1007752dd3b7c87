namespace SiteFinder.Domain.Import;

/// <summary>How one import runs: its id, the deployment's expected area (null: derived from the list) and whether it closes missing sites.</summary>
public sealed record ImportOptions
{
    /// <summary>12 hex digits; the service draws a random one per import.</summary>
    public string ImportId { get; init; } = "000000000000";

    public ExpectedArea? ExpectedArea { get; init; }

    /// <summary>The city of a site whose row, district and address name none and whose list names no city of its own (<see cref="Sites.SiteCity"/>).</summary>
    public string DefaultCity { get; init; } = Sites.SiteCity.Shanghai;

    /// <summary>Close the stored sites of the file's districts that the file does not list.</summary>
    public bool CloseMissing { get; init; }
}
