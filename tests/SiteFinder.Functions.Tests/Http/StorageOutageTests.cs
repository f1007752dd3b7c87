using System.Net;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>A host whose table endpoint answers nothing: a port on loopback where no server listens.</summary>
public sealed class DeadStorageFixture : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Tables:connectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "TableEndpoint=http://127.0.0.1:9/devstoreaccount1",
        ["Tables:Retry:MaxRetries"] = "0",
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
    }
}
