using System.Net;
using System.Net.Sockets;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Geocoding;

/// <summary>
/// The local host with Azure Maps pointed at the stub (a subscription key, as a developer runs it),
/// with the short timeouts and breaks of <see cref="GeocoderHost"/> so that failures come back in seconds.
/// </summary>
public class GeocodingHostFixture : LocalHostFixture
{
    public const string MapsKey = "test-maps-key";

    public AzureMapsStub Stub { get; private set; } = null!;

    /// <summary>Where the app sends Azure Maps calls: the stub here; a closed port in <see cref="UnreachableMapsFixture"/>.</summary>
    protected virtual Uri MapsEndpoint => Stub.Endpoint;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["AzureMaps:endpoint"] = MapsEndpoint.ToString(),
        ["AzureMaps:subscriptionKey"] = MapsKey,
        ["AzureMaps:Resilience:AttemptTimeout"] = "00:00:00.5",
        ["AzureMaps:Resilience:TotalTimeout"] = "00:00:04",
        ["AzureMaps:Resilience:BatchAttemptTimeout"] = "00:00:02",
        ["AzureMaps:Resilience:BatchTotalTimeout"] = "00:00:08",
        ["AzureMaps:Resilience:MaxRetries"] = "2",
        ["AzureMaps:Resilience:RetryDelay"] = "00:00:00.05",
        ["AzureMaps:Resilience:MaxRetryAfter"] = "00:00:02",
    };

    public override async Task InitializeAsync()
    {
        Stub = await AzureMapsStub.StartAsync();
        Stub.SubscriptionKey = MapsKey;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stub.DisposeAsync();
    }
}

/// <summary>Azure Maps at a loopback port nothing listens on: every call is refused at once.</summary>
public sealed class UnreachableMapsFixture : GeocodingHostFixture
{
    private static readonly Uri Closed = ClosedPort();

    protected override Uri MapsEndpoint => Closed;

    private static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
