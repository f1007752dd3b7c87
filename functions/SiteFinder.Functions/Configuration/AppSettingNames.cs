namespace SiteFinder.Functions.Configuration;

/// <summary>
/// Every app setting the code reads, in the form Azure app settings use (sections joined by "__").
/// The infrastructure tests check that the deployed function app sets each of them.
/// </summary>
public static class AppSettingNames
{
    /// <summary>Configuration section for the site tables: a connection string locally, endpoint + managed identity in Azure.</summary>
    public const string TablesSection = "Tables";
    public const string TablesEndpoint = "Tables__endpoint";
    public const string TablesCredential = "Tables__credential";
    public const string TablesClientId = "Tables__clientId";

    /// <summary>Key the admin endpoints compare with the x-admin-key header.</summary>
    public const string AdminApiKey = "ADMIN_API_KEY";

    /// <summary>Six-field NCRONTAB schedule of the catalogue snapshot timer.</summary>
    public const string CatalogueSnapshotSchedule = "CATALOGUE_SNAPSHOT_SCHEDULE";

    /// <summary>How often each instance checks whether a newer catalogue snapshot was published.</summary>
    public const string CatalogueRefreshSeconds = "CATALOGUE_REFRESH_SECONDS";

    /// <summary>"true" loads the generated demo catalogue when the site table is empty (local runs only).</summary>
    public const string SeedDemoData = "SEED_DEMO_DATA";

    /// <summary>The settings a deployment in Azure must set.</summary>
    public static IReadOnlyList<string> RequiredInAzure { get; } =
    [
        TablesEndpoint,
        TablesCredential,
        TablesClientId,
        AdminApiKey,
        CatalogueSnapshotSchedule,
        CatalogueRefreshSeconds,
        SeedDemoData,
    ];
}
