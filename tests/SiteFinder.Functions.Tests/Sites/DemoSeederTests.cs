using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Tests.Sites;

/// <summary>
/// The hosts construct every hosted service as they start; without seeding (as in Azure) the seeder must not bring
/// the Azure Maps client, its HTTP handlers and resilience pipeline, with it onto the first answer's cores.
/// </summary>
public sealed class DemoSeederTests
{
    [Fact]
    public void Without_seeding_the_hosted_services_are_built_without_the_Azure_Maps_client()
    {
        var handlers = new RecordedHandlers();
        using var services = Services(handlers);

        var hosted = services.GetServices<IHostedService>().ToList();

        Assert.Contains(hosted, s => s is DemoSeeder);
        Assert.Empty(handlers.Built);
        // The recorder sees the client when something does ask for it (else the check above could not fail).
        _ = services.GetRequiredService<IAddressGeocoder>();
        Assert.NotEmpty(handlers.Built);
    }

    private static ServiceProvider Services(RecordedHandlers handlers)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Nothing is sent: constructing the services needs only a well-formed account.
                ["Tables:connectionString"] = "UseDevelopmentStorage=true",
                [AppSettingNames.SeedDemoData] = "false",
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSiteFinder(settings);
        services.AddSingleton<IHttpMessageHandlerBuilderFilter>(handlers);
        return services.BuildServiceProvider();
    }

    /// <summary>Records the name of every HTTP client whose handler chain is built.</summary>
    private sealed class RecordedHandlers : IHttpMessageHandlerBuilderFilter
    {
        public List<string> Built { get; } = [];

        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            lock (Built)
                Built.Add(builder.Name ?? string.Empty);
            next(builder);
        };
    }
}
