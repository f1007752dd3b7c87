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

    /// <summary>Configuration section of the Azure Maps client (AzureMapsSettings): endpoint, the account's client ID and the identity that gets the token.</summary>
    public const string AzureMapsSection = AzureMapsSettings.Section;
    public const string AzureMapsEndpoint = "AzureMaps__endpoint";
    public const string AzureMapsClientId = "AzureMaps__clientId";
    public const string AzureMapsCredential = "AzureMaps__credential";
    public const string AzureMapsManagedIdentityClientId = "AzureMaps__managedIdentityClientId";

    /// <summary>Key the admin endpoints compare with the x-admin-key header.</summary>
    public const string AdminApiKey = "ADMIN_API_KEY";

    /// <summary>Six-field NCRONTAB schedule of the catalogue snapshot timer.</summary>
    public const string CatalogueSnapshotSchedule = "CATALOGUE_SNAPSHOT_SCHEDULE";

    /// <summary>How often each instance checks whether a newer catalogue snapshot was published.</summary>
    public const string CatalogueRefreshSeconds = "CATALOGUE_REFRESH_SECONDS";

    /// <summary>"true" loads the generated demo catalogue when the site table is empty (local runs only).</summary>
    public const string SeedDemoData = "SEED_DEMO_DATA";

    /// <summary>Optional, with SEED_DEMO_DATA=true: seconds between the demo feeder's rounds (default 60).</summary>
    public const string DemoFeedSeconds = "DEMO_FEED_SECONDS";

    /// <summary>Optional, with SEED_DEMO_DATA=true: percent of each district's open demo sites fed with demo reports (default 35).</summary>
    public const string DemoFeedPercent = "DEMO_FEED_PERCENT";

    /// <summary>Six-field NCRONTAB schedule of the status aggregation timer.</summary>
    public const string StatusSchedule = "STATUS_SCHEDULE";

    /// <summary>Minutes a status stays current without a new report (default 30).</summary>
    public const string StatusTtlMinutes = "STATUS_TTL_MINUTES";

    /// <summary>Waits below this many minutes are "idle" (default 5).</summary>
    public const string StatusIdleWaitMinutes = "STATUS_IDLE_WAIT_MINUTES";

    /// <summary>Waits from this many minutes are "busy" (default 25).</summary>
    public const string StatusBusyWaitMinutes = "STATUS_BUSY_WAIT_MINUTES";

    /// <summary>Waits from this many minutes are "congested" (default 50).</summary>
    public const string StatusCongestedWaitMinutes = "STATUS_CONGESTED_WAIT_MINUTES";

    /// <summary>Samples a window takes a minute when no throughput is counted (default 2).</summary>
    public const string StatusPerWindowSamplesPerMinute = "STATUS_PER_WINDOW_SAMPLES_PER_MINUTE";

    /// <summary>How often each instance checks for a newer status aggregate (default 15).</summary>
    public const string StatusRefreshSeconds = "STATUS_REFRESH_SECONDS";

    /// <summary>Optional box "minLat,minLng,maxLat,maxLng" (WGS-84) where imported sites are expected; unset, each list's own spread decides.</summary>
    public const string ImportExpectedArea = "IMPORT_EXPECTED_AREA";

    /// <summary>Optional: the confidence (0–1) a geocoded import row needs to be placed; below it the site is held as planned (default 0.8).</summary>
    public const string ImportGeocodeMinConfidence = "IMPORT_GEOCODE_MIN_CONFIDENCE";

    /// <summary>Optional: the city put before an import row's district and address when it is geocoded (default 上海市; empty for none).</summary>
    public const string ImportGeocodeCity = "IMPORT_GEOCODE_CITY";
    /// <summary>The city of imported sites whose row, district, address and list name none (default 上海市); optional.</summary>
    public const string DefaultCity = "DEFAULT_CITY";

    /// <summary>Optional: anonymous reads in progress at once on an instance (default 1 per core); see ServingLaneSettings.</summary>
    public const string ReadConcurrency = "READ_CONCURRENCY";

    /// <summary>Optional: anonymous reads that may wait for their turn (default 2000).</summary>
    public const string ReadQueue = "READ_QUEUE";

    /// <summary>Optional: writes and operator requests in progress at once on an instance (default 64).</summary>
    public const string WriteConcurrency = "WRITE_CONCURRENCY";

    /// <summary>Optional: writes that may wait for their turn (default 2000).</summary>
    public const string WriteQueue = "WRITE_QUEUE";

    /// <summary>Requests an anonymous reader's address may make a minute on one instance (default 1,200: a carrier NAT puts many residents behind one).</summary>
    public const string AnonymousReadsPerMinute = "ANONYMOUS_READS_PER_MINUTE";

    /// <summary>Wrong admin or operator keys and staff tokens one address may send a minute before every key it sends is refused (429) until the minute ends (default 20).</summary>
    public const string FailedAuthPerMinute = "FAILED_AUTH_PER_MINUTE";

    /// <summary>"true" answers the HTTP benchmark's floor, bench/fixed/{bytes} (BenchmarkApi); unset in Azure, so it answers 404 there.</summary>
    public const string BenchmarkEndpoints = "BENCHMARK_ENDPOINTS";

    /// <summary>The settings a deployment in Azure must set.</summary>
    public static IReadOnlyList<string> RequiredInAzure { get; } =
    [
        TablesEndpoint,
        TablesCredential,
        TablesClientId,
        AzureMapsEndpoint,
        AzureMapsClientId,
        AzureMapsCredential,
        AzureMapsManagedIdentityClientId,
        AdminApiKey,
        CatalogueSnapshotSchedule,
        CatalogueRefreshSeconds,
        SeedDemoData,
        StatusSchedule,
        StatusTtlMinutes,
        StatusIdleWaitMinutes,
        StatusBusyWaitMinutes,
        StatusCongestedWaitMinutes,
        StatusPerWindowSamplesPerMinute,
        StatusRefreshSeconds,
        ImportExpectedArea,
        AnonymousReadsPerMinute,
        FailedAuthPerMinute,
    ];
}
