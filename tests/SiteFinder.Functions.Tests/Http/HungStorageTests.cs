using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>A table endpoint that accepts connections and never answers: storage that hangs rather than refuses.</summary>
public sealed class HungStorageFixture : LocalHostFixture
{
    private readonly TcpListener _blackHole = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];

    public HungStorageFixture()
    {
        _blackHole.Start();
        _ = HoldAsync();
    }

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Tables:connectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"TableEndpoint=http://127.0.0.1:{((IPEndPoint)_blackHole.LocalEndpoint).Port}/devstoreaccount1",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _blackHole.Stop();
        lock (_held)
        {
            foreach (var client in _held)
                client.Dispose();
        }
    }

    private async Task HoldAsync()
    {
        try
        {
            while (true)
            {
                var client = await _blackHole.AcceptTcpClientAsync();
                lock (_held)
                    _held.Add(client);
            }
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
        catch (SocketException)
        {
            // Stopped.
        }
    }
}

public sealed class HungStorageTests(HungStorageFixture host, ITestOutputHelper output) : IClassFixture<HungStorageFixture>
{
    /// <summary>3 attempts × 3 s network timeout + 0.2 s and 0.4 s delays (+20% jitter): see SiteFinderServiceCollectionExtensions.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(9.72);

    [Fact]
    public async Task Hung_storage_answers_503_timeout_once_the_sdk_gives_up_not_never()
    {
        var importWatch = Stopwatch.StartNew();
        var import = host.ImportCsvAsync("source_id,name,address,district,lng,lat,coord_system,hours,type,notes\nhs:1,甲,乙,黄浦区,121.47,31.23,WGS-84,24小时,,\n");
        var nearbyWatch = Stopwatch.StartNew();
        var nearby = host.GetAsync("sites/nearby?lat=31.2&lng=121.4");

        var (importResponse, importBody) = await import;
        var importLatency = importWatch.Elapsed;
        var (nearbyResponse, _) = await nearby;
        var nearbyLatency = nearbyWatch.Elapsed;
        output.WriteLine($"Hung storage: import 503 after {importLatency.TotalSeconds:F2} s, nearby 503 after {nearbyLatency.TotalSeconds:F2} s");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, importResponse.StatusCode);
        Assert.Equal(StorageErrors.Timeout, importBody.GetProperty("reason").GetString());
        Assert.InRange(importLatency, TimeSpan.FromSeconds(9), Bound + TimeSpan.FromSeconds(3));

        // A first load takes the outcome of the refresh already under way rather than queueing its own behind it.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, nearbyResponse.StatusCode);
        Assert.InRange(nearbyLatency, TimeSpan.Zero, Bound + TimeSpan.FromSeconds(3));

        var (_, ready) = await host.GetAsync("health/ready");
        Assert.Equal(StorageErrors.Timeout, ready.GetProperty("storage").GetProperty("lastError").GetString());
    }
}
