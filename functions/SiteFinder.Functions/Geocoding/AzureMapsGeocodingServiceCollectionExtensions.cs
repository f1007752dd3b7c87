using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Geocoding;

/// <summary>The Azure Maps geocoder's registrations, called once from AddSiteFinder.</summary>
public static class AzureMapsGeocodingServiceCollectionExtensions
{
    public static IServiceCollection AddAzureMapsGeocoding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AzureMapsSettings>().Bind(configuration.GetSection(AzureMapsSettings.Section)).ValidateSettings(s => s.Problems()).ValidateOnStart();

        // Tests register a credential of their own after AddSiteFinder; the last registration wins.
        services.TryAddSingleton(sp => new AzureMapsCredential(
            AzureMapsCredential.FromSettings(sp.GetRequiredService<IOptions<AzureMapsSettings>>().Value), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IGeocodeCache, TableGeocodeCache>();
        services.AddTransient<AzureMapsAuthenticationHandler>();

        var client = services.AddHttpClient<IAddressGeocoder, AzureMapsGeocoder>((sp, http) =>
            {
                var maps = sp.GetRequiredService<IOptions<AzureMapsSettings>>().Value;
                if (maps.IsConfigured)
                    http.BaseAddress = maps.BaseAddress;
                http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hans");

                // The pipeline's total timeouts bound every call; HttpClient's own 100 s would only cut a batch short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The geocoder is held by singletons (the import service, the finder), so its handler is
            // never rotated by the factory: connections are recycled every 5 minutes instead, which
            // picks up DNS changes of the Maps endpoint as the rotation would.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler(AzureMapsResilience.PipelineName, (builder, context) => AzureMapsResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<AzureMapsSettings>>().Value.Resilience,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));

        // Added after the resilience handler, so inside it: every attempt is signed, with a fresh token if the last one expired.
        client.AddHttpMessageHandler<AzureMapsAuthenticationHandler>();

        // For the place finder, which SitesApi holds, so it is built with the first nearby answer: making the typed
        // client builds its handlers and resilience pipeline (about 80 methods compiled at run time on a fresh
        // instance, BENCHMARKS.md, issue 16), which only a place search that Maps must answer needs. PublicationOnly:
        // a client that failed to build is tried again by the next search instead of the failure being kept for good.
        services.AddTransient(sp => new Lazy<IAddressGeocoder>(sp.GetRequiredService<IAddressGeocoder>, LazyThreadSafetyMode.PublicationOnly));
        return services;
    }
}
