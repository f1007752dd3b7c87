using System.Globalization;
using System.Net;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>Both real lists imported through the admin endpoint, then queried over HTTP in all three coordinate systems.</summary>
public sealed class RealDataApiTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<LocalHostFixture, List<Site>> Imported = [];

    private async Task<List<Site>> ImportBothAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (Imported.TryGetValue(host, out var done))
                return done;

            var sites = new List<Site>();
            foreach (var file in new[] { RealData.HangzhouSites, RealData.DalianSites })
            {
                var bytes = await File.ReadAllBytesAsync(RealData.PathOf(file));
                var (response, report) = await host.ImportAsync(bytes, "text/csv; charset=utf-8");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                output.WriteLine($"{file}: {report.GetProperty("summary")}");

                using var reader = new StreamReader(RealData.PathOf(file));
                var plan = SiteImporter.Plan(SiteInput.FromCsv(reader, out _), DateTimeOffset.UtcNow);
                Assert.Equal(plan.Report.Summary.Accepted, report.GetProperty("summary").GetProperty("accepted").GetInt32());
                Assert.Equal(plan.Report.Summary.Rejected, report.GetProperty("summary").GetProperty("rejected").GetInt32());
                sites.AddRange(plan.Sites);
            }

            Imported[host] = sites;
            return sites;
        }
        finally
        {
            Once.Release();
        }
    }

    [RealDataFact]
    public async Task Import_reports_every_row_with_the_known_faults_of_the_hangzhou_list()
    {
        await ImportBothAsync();
        var bytes = await File.ReadAllBytesAsync(RealData.PathOf(RealData.HangzhouSites));
        var (_, report) = await host.ImportAsync(bytes, "text/csv");
        var summary = report.GetProperty("summary");
        Assert.Equal(1000, summary.GetProperty("received").GetInt32());
        Assert.Equal(1000, report.GetProperty("rows").GetArrayLength());
        Assert.True(summary.GetProperty("duplicates").GetInt32() >= 67);
        Assert.True(summary.GetProperty("outsideExpectedArea").GetInt32() >= 2);
        Assert.True(summary.GetProperty("hoursUnparsed").GetInt32() > 0);
    }

    [RealDataFact]
    public async Task Importing_a_list_twice_changes_nothing()
    {
        var sites = await ImportBothAsync();
        var before = await TotalAsync();
        var bytes = await File.ReadAllBytesAsync(RealData.PathOf(RealData.DalianSites));
        await host.ImportAsync(bytes, "text/csv");
        Assert.Equal(sites.Select(s => s.Id).Distinct().Count(), before);
        Assert.Equal(before, await TotalAsync());
    }

    [RealDataTheory]
    [InlineData(CoordinateSystem.Wgs84)]
    [InlineData(CoordinateSystem.Gcj02)]
    [InlineData(CoordinateSystem.Bd09)]
    public async Task Nearby_matches_brute_force_in_every_coordinate_system(CoordinateSystem system)
    {
        var sites = await ImportBothAsync();
        var random = new Random(17 + (int)system);
        for (var i = 0; i < 40; i++)
        {
            var anchor = sites[random.Next(sites.Count)].Location;
            var wgs = new GeoPoint(anchor.Lat + ((random.NextDouble() - 0.5) * 0.05), anchor.Lng + ((random.NextDouble() - 0.5) * 0.05));
            var asked = ChinaCoordinates.Convert(wgs, CoordinateSystem.Wgs84, system);
            var limit = random.Next(1, 51);
            // Half the queries name no audience (the sites open to all), half ask for every site.
            var everySite = i % 2 == 1;
            var url = string.Create(CultureInfo.InvariantCulture, $"sites/nearby?lat={asked.Lat:R}&lng={asked.Lng:R}&coord={system.ToLabel()}&limit={limit}") + (everySite ? "&audience=any" : string.Empty);
            var (response, body) = await host.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The server converts the asked point back to WGS-84; the brute force does the same.
            var origin = ChinaCoordinates.Convert(asked, system, CoordinateSystem.Wgs84);
            // Nearby serves open sites only: the import holds far points as planned. At an equal distance a site's own point ranks before an approximate one.
            var expected = sites
                .Where(s => s.State == SiteState.Open && (everySite || s.Audience.Kind == AudienceKind.Public))
                .Select(s => (s.Id, s.Location, D: Haversine.Meters(origin, s.Location), s.LocationApproximate))
                .Where(x => x.D <= NearbyQuery.MaxRadiusMeters)
                .OrderBy(x => x.D).ThenBy(x => x.LocationApproximate).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            var items = body.GetProperty("items").EnumerateArray().ToList();

            Assert.Equal(expected.Select(e => e.Id), items.Select(it => it.GetProperty("id").GetString()));
            foreach (var (e, item) in expected.Zip(items))
            {
                Assert.Equal(Math.Round(e.D), item.GetProperty("distanceMeters").GetDouble());
                var location = item.GetProperty("location");
                Assert.Equal(system.ToLabel(), location.GetProperty("coord").GetString());
                var shown = ChinaCoordinates.Convert(e.Location, CoordinateSystem.Wgs84, system);
                Assert.Equal(shown.Lat, location.GetProperty("lat").GetDouble(), 1e-6);
                Assert.Equal(shown.Lng, location.GetProperty("lng").GetDouble(), 1e-6);
            }
        }
    }

    [RealDataFact]
    public async Task A_site_reads_back_in_its_source_system_at_its_source_coordinates()
    {
        var sites = await ImportBothAsync();
        foreach (var site in sites.Where((_, i) => i % 97 == 0))
        {
            var system = site.SourceLocation.System;
            var (_, body) = await host.GetAsync($"sites/{site.Id}?coord={system.ToLabel()}");
            var location = body.GetProperty("location");
            Assert.Equal(site.SourceLocation.Point.Lat, location.GetProperty("lat").GetDouble(), 1e-6);
            Assert.Equal(site.SourceLocation.Point.Lng, location.GetProperty("lng").GetDouble(), 1e-6);
        }
    }

    private async Task<int> TotalAsync()
    {
        var (_, body) = await host.GetAsync("districts");
        return body.GetProperty("items").EnumerateArray().Sum(d => d.GetProperty("sites").GetInt32());
    }
}
