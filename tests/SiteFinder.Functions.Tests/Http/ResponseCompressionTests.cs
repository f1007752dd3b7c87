using System.Net;
using System.Text;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Functions.Tests.OpenData;

namespace SiteFinder.Functions.Tests.Http;

public sealed class CompressionFixture : StatusFixture;

/// <summary>JSON answers are compressed when the client asks (weak mobile networks), and decode to the same JSON.</summary>
public sealed class ResponseCompressionTests(CompressionFixture host) : IClassFixture<CompressionFixture>
{
    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await host.Client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("sites/nearby?lat=31.2320&lng=121.4760&limit=10")]
    [InlineData("districts")]
    [InlineData("open/changes")]
    [InlineData("sites/nearby?lat=95&lng=121.4760")] // a problem answer (application/problem+json)
    public async Task A_json_answer_comes_back_brotli_or_gzip_encoded_as_asked_and_decodes_to_the_same_json(string url)
    {
        host.Clock.Set(StatusFixture.Start);
        var (plain, raw) = await GetAsync(url, null);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("json", plain.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);

        foreach (var encoding in new[] { "br", "gzip" })
        {
            var (response, body) = await GetAsync(url, encoding);
            Assert.Equal(plain.StatusCode, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal(Encoding.UTF8.GetString(raw), Encoding.UTF8.GetString(Compression.Decode(body, encoding)));
            response.Dispose();
        }

        plain.Dispose();
    }

    [Fact]
    public async Task An_encoding_refused_with_q0_or_unknown_is_not_used()
    {
        var (response, body) = await GetAsync("districts", "br;q=0, compress");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("{", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        response.Dispose();
    }
}
