using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Places;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Places;

/// <summary>
/// The first nearby answer builds SitesApi and with it the place finder; the Azure Maps client (its handlers and
/// resilience pipeline, compiled at run time on a fresh instance) must wait for a place search that needs it.
/// </summary>
public sealed class PlaceFinderTests
{
    [Fact]
    public void The_place_finder_and_the_sites_api_are_built_without_the_Azure_Maps_client_which_comes_on_first_use()
    {
        var handlers = new RecordedHttpHandlers();
        using var services = handlers.AppServices();

        _ = services.GetRequiredService<PlaceFinder>();
        _ = ActivatorUtilities.CreateInstance<SitesApi>(services);
        Assert.Empty(handlers.Built);

        // What the finder is given: asked for its value (as a search Maps must answer does), it is the Azure Maps client,
        // whose handler chain is built then.
        var maps = services.GetRequiredService<Lazy<SiteFinder.Functions.Geocoding.IAddressGeocoder>>();
        Assert.Empty(handlers.Built);
        Assert.IsType<SiteFinder.Functions.Geocoding.AzureMapsGeocoder>(maps.Value);
        Assert.NotEmpty(handlers.Built);
    }
}
