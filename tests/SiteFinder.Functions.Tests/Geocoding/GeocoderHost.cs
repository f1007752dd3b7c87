using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Geocoding;

/// <summary>
/// The app's own registration (AddSiteFinder) with the Azure Maps settings pointed at the stub, a cache
/// table of its own on Azurite, the fake Entra credential, and small timeouts and breaks so the
/// resilience tests run in seconds: attempts of 0.5 s, 3 attempts, 50 ms first back-off, Retry-After
/// waited up to 2 s, a breaker that opens at half of at least 4 attempts and breaks for 1 s.
/// </summary>
public sealed class GeocoderHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private GeocoderHost(ServiceProvider services, string cacheTable)
    {
        _services = services;
        CacheTable = cacheTable;
    }

    public string CacheTable { get; }

    public IAddressGeocoder Geocoder => _services.GetRequiredService<IAddressGeocoder>();

    public IServiceProvider Services => _services;

    public static GeocoderHost Start(AzureMapsStub stub, FakeEntraCredential credential, Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stub);
        Azurite.EnsureRunning();
        var cacheTable = Azurite.UniqueTableName("geocache");
        var all = new Dictionary<string, string?>
        {
            ["Tables:connectionString"] = Azurite.ConnectionString,
            ["SiteTables:GeocodeCache"] = cacheTable,
            ["AzureMaps:endpoint"] = stub.Endpoint.ToString(),
            ["AzureMaps:clientId"] = stub.ClientId,
            ["AzureMaps:credential"] = "managedidentity",
            ["AzureMaps:managedIdentityClientId"] = "0b5a8f2e-1c47-4d7e-9a3b-7e2d4c6f8a10",
            ["AzureMaps:Resilience:AttemptTimeout"] = "00:00:00.5",
            ["AzureMaps:Resilience:TotalTimeout"] = "00:00:04",
            ["AzureMaps:Resilience:BatchAttemptTimeout"] = "00:00:02",
            ["AzureMaps:Resilience:BatchTotalTimeout"] = "00:00:08",
            ["AzureMaps:Resilience:MaxRetries"] = "2",
            ["AzureMaps:Resilience:RetryDelay"] = "00:00:00.05",
            ["AzureMaps:Resilience:MaxRetryAfter"] = "00:00:02",
            ["AzureMaps:Resilience:FailureRatio"] = "0.5",
            ["AzureMaps:Resilience:MinimumThroughput"] = "4",
            ["AzureMaps:Resilience:SamplingDuration"] = "00:00:10",
            ["AzureMaps:Resilience:BreakDuration"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? [])
            all[key] = value;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging().AddSiteFinder(configuration);
        if (clock is not null)
            services.AddSingleton(clock);
        services.AddSingleton(sp => new AzureMapsCredential(credential, sp.GetRequiredService<TimeProvider>()));
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        return new GeocoderHost(provider, cacheTable);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Azurite.Service.DeleteTableAsync(CacheTable);
    }
}
