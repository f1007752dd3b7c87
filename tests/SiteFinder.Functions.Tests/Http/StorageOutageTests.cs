using System.Diagnostics;
using System.Net;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>A host whose table endpoint answers nothing: a port on loopback where no server listens. The app's own retry settings apply.</summary>
public sealed class DeadStorageFixture : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Tables:connectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "TableEndpoint=http://127.0.0.1:9/devstoreaccount1",
    };
}

public sealed class StorageOutageTests(DeadStorageFixture host) : IClassFixture<DeadStorageFixture>
{
    [Theory]
    [InlineData("sites/nearby?lat=31.2&lng=121.4")]
    [InlineData("sites?q=x")]
    [InlineData("sites/0123456789abcdef")]
    [InlineData("districts")]
    public async Task Reads_say_unavailable_instead_of_failing_or_claiming_an_empty_city(string url)
    {
        var (response, body) = await host.GetAsync(url);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("catalogue", body.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_write_answers_a_503_problem_within_the_retry_bound_not_an_empty_500()
    {
        var watch = Stopwatch.StartNew();
        var (response, body) = await host.ImportCsvAsync("source_id,name,address,district,lng,lat,coord_system,hours,type,notes\nso:1,甲,乙,黄浦区,121.47,31.23,WGS-84,24小时,,\n");
        var elapsed = watch.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/api/problems/storage-unavailable", body.GetProperty("type").GetString());
        Assert.Equal(StorageErrors.Unreachable, body.GetProperty("reason").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);

        // A refused connection costs 3 attempts 0.2 s and 0.4 s apart; the hung-storage bound is 9.7 s.
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(9.7));
    }

    [Fact]
    public async Task Liveness_stays_200_while_readiness_says_503_with_the_reason()
    {
        var (live, _) = await host.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        // The refresh loop's first attempt fails within a second of the start.
        var (ready, body) = await host.GetAsync("health/ready");
        for (var waited = 0; !body.GetProperty("storage").TryGetProperty("lastError", out _) && waited < 50; waited++)
        {
            await Task.Delay(100);
            (ready, body) = await host.GetAsync("health/ready");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("not-ready", body.GetProperty("status").GetString());
        var storage = body.GetProperty("storage");
        Assert.False(storage.GetProperty("reached").GetBoolean());
        Assert.False(storage.TryGetProperty("lastSuccessAt", out _));
        Assert.Equal(StorageErrors.Unreachable, storage.GetProperty("lastError").GetString());
        Assert.False(body.GetProperty("snapshots").GetProperty("catalogue").GetProperty("loaded").GetBoolean());
    }
}
