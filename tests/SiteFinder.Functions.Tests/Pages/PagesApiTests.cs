using System.Net;
using System.Text.Json;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>The pages as files over HTTP, through the local host on Azurite: types, caching, redirects, refusals.</summary>
public sealed class PagesApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>, IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Client.BaseAddress };

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("app/resident/")]
    [InlineData("app/console/")]
    public async Task A_page_is_html_from_this_origin_only_with_a_strong_etag_and_no_cache(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal(PagesApi.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.StartsWith("<!doctype html>", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_etag_again_is_a_304_without_a_body()
    {
        using var first = await _client.GetAsync("app/resident/");
        using var again = new HttpRequestMessage(HttpMethod.Get, "app/resident/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("app", "/api/app/resident/", HttpStatusCode.Redirect)]
    [InlineData("app/", "/api/app/resident/", HttpStatusCode.Redirect)]
    [InlineData("app/console", "/api/app/console/", HttpStatusCode.MovedPermanently)]
    [InlineData("app/resident", "/api/app/resident/", HttpStatusCode.MovedPermanently)]
    public async Task A_folder_without_its_slash_leads_to_it_so_that_relative_module_paths_resolve(string path, string location, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_query_is_ignored_since_wechat_appends_one_to_shared_links()
    {
        using var response = await _client.GetAsync("app/resident/?from=singlemessage&isappinstalled=0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("app/resident/nothing.js")]
    [InlineData("app/Resident/")]
    [InlineData("app/resident/%2e%2e/nothing.js")]
    public async Task A_file_that_is_not_there_is_a_404_problem(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.GetProperty("code").GetString(), new[] { "not-found", "no-endpoint" });
    }

    [Fact]
    public async Task A_page_is_sent_compressed_when_asked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "app/resident/");
        request.Headers.AcceptEncoding.ParseAdd("br");

        using var response = await _client.SendAsync(request);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public void Every_embedded_page_file_has_a_content_type_and_both_pages_are_there()
    {
        var files = new PageFiles();

        Assert.Contains("resident/index.html", files.Paths);
        Assert.Contains("console/index.html", files.Paths);
        Assert.All(files.Paths, p => Assert.False(string.IsNullOrEmpty(files.Find(p)!.ContentType)));
    }
}
