using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Catalogue;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions;

/// <summary>Everything the app registers, in one place, so that the Functions host and the local host build the same app.</summary>
public static class SiteFinderServiceCollectionExtensions
{
    public static IServiceCollection AddSiteFinder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // "Tables" is a connection string locally and endpoint + credential=managedidentity + clientId in Azure.
        services.AddAzureClients(clients => clients.AddTableServiceClient(configuration.GetSection(AppSettingNames.TablesSection)));
        services.Configure<SiteTablesOptions>(configuration.GetSection(SiteTablesOptions.Section));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ISiteStore, TableSiteStore>();
        services.AddSingleton<ICatalogueSnapshotStore, TableSnapshotStore>();
        services.AddSingleton<CatalogueProvider>();
        services.AddSingleton<CataloguePublisher>();
        services.AddSingleton<SiteImportService>();
        services.AddSingleton<AdminKey>();

        services.AddSingleton(StatusSettings.FromConfiguration(configuration));
        services.AddSingleton<IStatusInputStore, TableStatusInputStore>();
        services.AddSingleton<IStatusStateStore, TableStatusStateStore>();
        services.AddSingleton<IStaffTokenStore, TableStaffTokenStore>();
        services.AddSingleton<StatusProvider>();
        services.AddSingleton<StatusAggregator>();

        services.AddHostedService<SnapshotRefreshService>();
        return services;
    }
}
