using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Corrections;
using SiteFinder.Functions.Demo;
using SiteFinder.Functions.Gazetteer;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.OpenData;
using SiteFinder.Functions.Places;
using SiteFinder.Functions.Planning;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions;

/// <summary>Everything the app registers, in one place, so that the Functions host and the local host build the same app.</summary>
public static class SiteFinderServiceCollectionExtensions
{
    public static IServiceCollection AddSiteFinder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddAzureClients(clients =>
        {
            // "Tables" is a connection string locally and endpoint + credential=managedidentity + clientId in Azure.
            clients.AddTableServiceClient(configuration.GetSection(AppSettingNames.TablesSection));

            // A failing storage call must give up within a known time, so that a request answers 503
            // (StorageFailures) instead of hanging. Up to 3 attempts of at most 3 s each, 0.2 s and 0.4 s
            // apart (±20% jitter): a storage that hangs fails a call after at most 3 × 3 + 0.72 ≈ 9.7 s,
            // one that refuses connections after about 0.6 s. A request fails at its first failed call,
            // so this is also its bound. (A Retry-After that storage sends is honoured and can lengthen
            // it; "Tables:Retry:*" settings override these defaults.) The SDK's defaults, 4 attempts
            // with 0.8 s exponential delays and a 100 s network timeout, could hold a request for minutes.
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
            });
        });

        // Every group of settings is bound and checked the same way: at host start, with a message
        // naming the app setting (SettingsValidation). The admin key alone is read per request, see OperatorAccess.
        services.AddOptions<SiteTablesOptions>().Bind(configuration.GetSection(SiteTablesOptions.Section)).ValidateSettings(SiteTablesValidation.Problems).ValidateOnStart();
        services.AddOptions<TuningSettings>().Bind(configuration).ValidateSettings(s => s.Problems()).ValidateOnStart();
        services.AddOptions<DemoDataSettings>().Bind(configuration).ValidateSettings(s => s.Problems()).ValidateOnStart();
        services.AddOptions<ImportSettings>().Bind(configuration).ValidateSettings(s => s.Problems()).ValidateOnStart();
        services.AddOptions<ClientLimitSettings>().Bind(configuration).ValidateSettings(s => s.Problems()).ValidateOnStart();
        services.AddOptions<AdminKeySettings>().Bind(configuration);
        services.AddOptions<ServingLaneSettings>().Bind(configuration).ValidateSettings(s => s.Problems()).ValidateOnStart();

        // Azure Maps geocoding: settings, credential, cache and the typed HttpClient (Geocoding/).
        services.AddAzureMapsGeocoding(configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TableSiteStore>();
        services.AddSingleton<ISiteStore>(sp => sp.GetRequiredService<TableSiteStore>());
        services.AddSingleton<ISiteAuditLog>(sp => sp.GetRequiredService<TableSiteStore>());
        services.AddSingleton<CatalogueDocument>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TuningSettings>>().Value.ToRefreshPeriods());
        services.AddSingleton<CatalogueProvider>();
        services.AddSingleton<CataloguePublisher>();
        services.AddSingleton<SiteImportService>();
        services.AddSingleton<CatalogueRepublisher>();
        services.AddSingleton<SiteEditService>();
        services.AddSingleton<ICorrectionStore, TableCorrectionStore>();
        services.AddSingleton<CorrectionLimits>();
        services.AddSingleton<CorrectionService>();
        services.AddSingleton<PlaceFinder>();
        services.AddSingleton<PlaceLimits>();
        services.AddSingleton<OperatorAccess>();
        services.AddSingleton<IOperatorKeyStore, TableOperatorKeyStore>();
        services.AddSingleton<StorageFailures>();
        services.AddSingleton<ServingLanes>();
        services.AddSingleton<BenchmarkFloor>();
        services.AddSingleton<ClientLimits>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TuningSettings>>().Value.ToStatusOptions());
        services.AddSingleton<IStatusInputStore, TableStatusInputStore>();
        services.AddSingleton<IStatusHistoryStore, TableStatusHistoryStore>();
        services.AddSingleton<StatusCheckpointDocument>();
        services.AddSingleton<StatusBoardDocument>();
        services.AddSingleton<IStaffTokenStore, TableStaffTokenStore>();
        services.AddSingleton<StaffReportService>();
        services.AddSingleton<StatusProvider>();
        services.AddSingleton<StatusAggregator>();
        services.AddSingleton<InstanceReadiness>();

        // The gazetteer: uploaded rows, the published document, and each instance's matcher over it.
        services.AddSingleton<IGazetteerStore, TableGazetteerStore>();
        services.AddSingleton<GazetteerDocument>();
        services.AddSingleton<GazetteerProvider>();
        services.AddSingleton<GazetteerService>();

        // Planning: the uploaded places and boundaries, each instance's copy, and coverage from memory (Planning/).
        services.AddSingleton<PlacesDocument>();
        services.AddSingleton<DistrictsDocument>();
        services.AddSingleton<PlacesProvider>();
        services.AddSingleton<DistrictsProvider>();
        services.AddSingleton<PlanningService>();

        // The open data feed, built once per catalogue, status board and minute (OpenData/SiteFeed).
        services.AddSingleton<SiteFeed>();

        // The resident page and operator console, embedded (functions/pages, Http/PagesApi).
        services.AddSingleton<PageFiles>();

        // What answers a path or method no route takes (Http/UnmatchedRouteApi), with the host's route constraints.
        services.AddRouting();
        services.AddSingleton<RouteTable>();

        // gzip and brotli for JSON answers, on both hosts (Http/ResponseCompressionStartupFilter).
        ResponseCompressionStartupFilter.Register(services);

        services.AddHostedService<DemoSeeder>();
        services.AddHostedService<DemoFeeder>();
        services.AddHostedService<SnapshotRefreshService>();
        services.AddHostedService<PlanningRefreshService>();
        return services;
    }
}
