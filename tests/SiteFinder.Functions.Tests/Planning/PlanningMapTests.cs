using System.Net;
using System.Xml.Linq;
using Microsoft.Playwright;
using SiteFinder.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>
/// The coverage map as served: its counts per layer equal the JSON answers, and it renders in headless
/// chromium without console errors; the PNG is kept under the test output folder (planning-artifacts/).
/// </summary>
public sealed class PlanningMapTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private const string Question = "at=2026-12-03T09:00";

    public static string ArtifactsFolder => Path.Combine(AppContext.BaseDirectory, "planning-artifacts");

    public async Task InitializeAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(PlanningApiTests.SitesCsv)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync("manage/planning/places", PlanningApiTests.PlacesCsv, "text/csv")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.UploadAsync("manage/planning/districts", PlanningApiTests.DistrictsGeoJson, "application/geo+json")).Response.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_map_draws_as_many_places_sites_clusters_and_suggestions_as_the_json_answers()
    {
        var (_, coverage) = await host.AskAsync("planning/coverage?" + Question);
        var (_, gaps) = await host.AskAsync("planning/gaps?" + Question);
        var svg = await GetSvgAsync("planning/coverage.svg?" + Question);
        var root = XDocument.Parse(svg).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        int Drawn(string layer) => root.Descendants(ns + "g").Single(g => (string?)g.Attribute("id") == layer).Elements().Count();

        var city = coverage.GetProperty("city");
        Assert.Equal(city.GetProperty("covered").GetInt32(), Drawn("places-covered"));
        Assert.Equal(city.GetProperty("places").GetInt32() - city.GetProperty("covered").GetInt32(), Drawn("places-uncovered"));
        Assert.Equal(coverage.GetProperty("sources").GetProperty("openSites").GetInt32(), Drawn("sites"));
        Assert.Equal(gaps.GetProperty("clusterCount").GetInt32(), Drawn("gaps"));
        Assert.Equal(gaps.GetProperty("suggested").GetArrayLength(), Drawn("suggested"));
        Assert.Equal(2, root.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "district"));
        Assert.NotNull(root.Descendants(ns + "g").SingleOrDefault(g => (string?)g.Attribute("id") == "scale-bar"));
        Assert.NotNull(root.Descendants(ns + "g").SingleOrDefault(g => (string?)g.Attribute("id") == "legend"));
        Assert.DoesNotContain("http://", svg.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var oneDistrict = XDocument.Parse(await GetSvgAsync("planning/coverage.svg?district=%E9%BB%84%E6%B5%A6%E5%8C%BA&" + Question)).Root!;
        Assert.Equal("1", (string?)oneDistrict.Attribute("data-places"));
        var (badAt, problem) = await host.AskAsync("planning/coverage.svg?at=tonight");
        Assert.Equal(HttpStatusCode.BadRequest, badAt.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("at", out _));
    }

    [ChromiumFact]
    public async Task The_map_renders_in_headless_chromium_without_errors_and_its_drawn_counts_match_the_json()
    {
        var (_, coverage) = await host.AskAsync("planning/coverage?" + Question);
        var (_, gaps) = await host.AskAsync("planning/gaps?" + Question);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Path, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new()
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["x-functions-key"] = LocalHostFixture.FunctionKey, ["x-admin-key"] = LocalHostFixture.AdminKey },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // The browser asks for /favicon.ico by itself, which no function serves: that 404 is not the map's.
            if (message.Type is "error" or "warning" && !message.Location.Contains("favicon.ico", StringComparison.Ordinal))
                errors.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => errors.Add(error);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        var response = await page.GotoAsync(new Uri(host.Client.BaseAddress!, "planning/coverage.svg?" + Question).ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/svg+xml", response.Headers["content-type"], StringComparison.Ordinal);

        async Task<int> CountAsync(string selector) => await page.EvaluateAsync<int>($"document.querySelectorAll('{selector}').length");
        var city = coverage.GetProperty("city");
        Assert.Equal(city.GetProperty("covered").GetInt32(), await CountAsync("#places-covered circle"));
        Assert.Equal(city.GetProperty("places").GetInt32() - city.GetProperty("covered").GetInt32(), await CountAsync("#places-uncovered circle"));
        Assert.Equal(gaps.GetProperty("clusterCount").GetInt32(), await CountAsync("#gaps circle.gap"));
        Assert.Equal(gaps.GetProperty("suggested").GetArrayLength(), await CountAsync("#suggested g.suggestion"));
        Assert.Equal(coverage.GetProperty("sources").GetProperty("openSites").GetInt32(), await CountAsync("#sites rect.site"));

        // Drawn, not just present: the outlines have a size on screen.
        var width = await page.EvaluateAsync<double>("document.querySelector('#districts path').getBBox().width");
        Assert.True(width > 50, $"district outline {width} px wide");

        Directory.CreateDirectory(ArtifactsFolder);
        var png = Path.Combine(ArtifactsFolder, "coverage-small-city.png");
        // Chromium cannot measure a whole SVG document as it does a page, so the viewport is sized to the drawing instead.
        var size = await page.EvaluateAsync<int[]>("[document.documentElement.width.baseVal.value, document.documentElement.height.baseVal.value]");
        await page.SetViewportSizeAsync(size[0], size[1]);
        await page.ScreenshotAsync(new() { Path = png, Timeout = 60_000 });
        Assert.True(new FileInfo(png).Length > 5_000);
        output.WriteLine($"map kept at {png}");

        Assert.Empty(errors);
        Assert.All(requests.Where(url => !url.EndsWith("/favicon.ico", StringComparison.Ordinal)), url => Assert.StartsWith(host.Client.BaseAddress!.ToString(), url, StringComparison.Ordinal));
    }

    private async Task<string> GetSvgAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        request.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
