namespace SiteFinder.Functions.Storage;

/// <summary>Table names; overridable so that tests and side-by-side deployments can share one account.</summary>
public sealed class SiteTablesOptions
{
    public const string Section = "SiteTables";

    public string Sites { get; set; } = "Sites";

    public string Catalogue { get; set; } = "Catalogue";

    public string StatusReports { get; set; } = "StatusReports";

    public string Throughput { get; set; } = "Throughput";

    public string SiteStatus { get; set; } = "SiteStatus";

    public string StatusHistory { get; set; } = "StatusHistory";

    public string StaffTokens { get; set; } = "StaffTokens";

    public string OperatorKeys { get; set; } = "OperatorKeys";

    public string Corrections { get; set; } = "Corrections";

    /// <summary>Azure Maps answers by normalised query (Geocoding/TableGeocodeCache).</summary>
    public string GeocodeCache { get; set; } = "GeocodeCache";

    /// <summary>The uploaded places (rows of each upload) and the published gazetteer document.</summary>
    public string Gazetteer { get; set; } = "Gazetteer";

    /// <summary>Every table by its setting name (Sites, Catalogue...) with the name in force: the one list the infrastructure and the tests read.</summary>
    public IReadOnlyDictionary<string, string> All() =>
        typeof(SiteTablesOptions).GetProperties()
            .Where(p => p.PropertyType == typeof(string))
            .ToDictionary(p => p.Name, p => (string)p.GetValue(this)!, StringComparer.Ordinal);
}
