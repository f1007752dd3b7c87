namespace SiteFinder.Domain.Import;

/// <summary>How one import runs: its id, the deployment's expected area (null: derived from the list), whether it closes missing sites, and how rows without a point are geocoded.</summary>
public sealed record ImportOptions
{
    /// <summary>12 hex digits; the service draws a random one per import.</summary>
    public string ImportId { get; init; } = "000000000000";

    public ExpectedArea? ExpectedArea { get; init; }

    /// <summary>The city of a site whose row, district and address name none and whose list names no city of its own (<see cref="Sites.SiteCity"/>).</summary>
    public string DefaultCity { get; init; } = Sites.SiteCity.Shanghai;

    /// <summary>Close the stored sites of the file's districts that the file does not list.</summary>
    public bool CloseMissing { get; init; }

    /// <summary>A geocoded point places its site at this confidence (0–1) or more; below it the site is held as planned (<see cref="ImportGeocoding.DefaultMinConfidence"/>).</summary>
    public double GeocodeMinConfidence { get; init; } = ImportGeocoding.DefaultMinConfidence;

    /// <summary>The city put before a row's district and address in a geocoding query (上海市), unless they name it; null for none.</summary>
    public string? GeocodeCity { get; init; }
}
