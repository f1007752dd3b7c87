using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Tests.Infrastructure;

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
        var handlers = new RecordedHttpHandlers();
        using var services = handlers.AppServices();

        var hosted = services.GetServices<IHostedService>().ToList();

        Assert.Contains(hosted, s => s is DemoSeeder);
        Assert.Empty(handlers.Built);
        // The recorder sees the client when something does ask for it (else the check above could not fail).
        _ = services.GetRequiredService<IAddressGeocoder>();
        Assert.NotEmpty(handlers.Built);
    }
}
