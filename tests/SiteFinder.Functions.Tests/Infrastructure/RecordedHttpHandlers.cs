using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>Records the name of every HTTP client whose handler chain is built (the Azure Maps client's brings its resilience pipeline).</summary>
public sealed class RecordedHttpHandlers : IHttpMessageHandlerBuilderFilter
{
    public List<string> Built { get; } = [];

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        lock (Built)
            Built.Add(builder.Name ?? string.Empty);
        next(builder);
    };

    /// <summary>The app's own registrations (AddSiteFinder), without seeding, with this recorder.</summary>
    public ServiceProvider AppServices()
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
        services.AddSingleton<IHttpMessageHandlerBuilderFilter>(this);
        return services.BuildServiceProvider();
    }
}
