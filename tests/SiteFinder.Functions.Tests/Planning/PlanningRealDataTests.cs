using System.Net;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Planning;

/// <summary>The shared places and district files uploaded through the local host on Azurite, as planners would send them.</summary>
public sealed class PlanningRealDataTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>
{
    [RealDataFact]
    public async Task The_shared_places_and_districts_upload_as_they_are_and_every_place_is_counted_in_one_district()
    {
        var (imported, _) = await host.ImportCsvAsync(PlanningApiTests.SitesCsv);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var (placed, places) = await host.UploadAsync("manage/planning/places", await File.ReadAllTextAsync(RealData.PathOf(RealData.ShanghaiPlaces)), "text/csv; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        var summary = places.GetProperty("summary");
        Assert.Equal(38_042, summary.GetProperty("received").GetInt32());
        Assert.Equal(29_197, summary.GetProperty("accepted").GetInt32());
        var count = places.GetProperty("places").GetInt32();
        Assert.Equal(29_197 - summary.GetProperty("duplicates").GetInt32(), count);
        var kinds = places.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("kind").GetString()!, p => p.GetProperty("count").GetInt32());
        Assert.Equal(38_042 - 29_197, kinds.Where(k => k.Key.StartsWith("rejected:", StringComparison.Ordinal)).Sum(k => k.Value));

        var (bounded, districts) = await host.UploadAsync("manage/planning/districts?coord=gcj02", await File.ReadAllTextAsync(RealData.PathOf(RealData.ShanghaiDistricts)), "application/geo+json");
        Assert.Equal(HttpStatusCode.OK, bounded.StatusCode);
        Assert.Equal(16, districts.GetProperty("districts").GetInt32());
        Assert.Empty(districts.GetProperty("refused").EnumerateArray());

        var (response, coverage) = await host.AskAsync("planning/coverage?at=2026-12-03T09:00");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(PlanningRequests.SchemaErrors("PlanningCoverage", 200, coverage));
        var city = coverage.GetProperty("city");
        Assert.Equal(count, city.GetProperty("places").GetInt32());
        Assert.Equal(count, coverage.GetProperty("districts").EnumerateArray().Sum(d => d.GetProperty("places").GetInt32()));
        Assert.True(coverage.GetProperty("sources").GetProperty("placesInBoundary").GetInt32() > 0.97 * count);

        // Two sites in the centre cover a few compounds around them; most of the city is a gap.
        Assert.InRange(city.GetProperty("coveredShare").GetDouble(), 0.001, 0.2);
        var (gapsResponse, gaps) = await host.AskAsync("planning/gaps?at=2026-12-03T09:00&limit=5");
        Assert.Equal(HttpStatusCode.OK, gapsResponse.StatusCode);
        Assert.Empty(PlanningRequests.SchemaErrors("PlanningGaps", 200, gaps));
        Assert.Equal(10, gaps.GetProperty("suggested").GetArrayLength());
        Assert.Equal(5, gaps.GetProperty("clusters").GetArrayLength());
        // The map of the same question draws what the answers count.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("planning/coverage.svg?at=2026-12-03T09:00", UriKind.Relative));
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        request.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        using var map = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
        var svg = await map.Content.ReadAsStringAsync();
        var root = System.Xml.Linq.XDocument.Parse(svg).Root!;
        Assert.Equal(city.GetProperty("covered").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)root.Attribute("data-covered"));
        Assert.Equal(gaps.GetProperty("clusterCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)root.Attribute("data-clusters"));
        Assert.Equal("16", (string?)root.Attribute("data-districts"));
        Directory.CreateDirectory(PlanningMapTests.ArtifactsFolder);
        await File.WriteAllTextAsync(Path.Combine(PlanningMapTests.ArtifactsFolder, "coverage-shanghai-two-sites.svg"), svg);

        output.WriteLine($"coverage {coverage.GetProperty("computeMilliseconds").GetDouble()} ms, gaps {gaps.GetProperty("computeMilliseconds").GetDouble()} ms on {count} places (Debug, Azurite host)");
    }
}
