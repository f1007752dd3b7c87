using System.Text.Json;
using System.Text.Json.Nodes;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>The hand-written nearby answer must be exactly what the view serializer gives.</summary>
public class NearbyJsonTests
{
    private static readonly ServedCatalogue Served = new(new Catalogue(DemoCatalogue.Generate(DateTimeOffset.UnixEpoch)));
    private static readonly Catalogue Demo = Served.Catalogue;

    [Fact]
    public void Fast_writer_and_view_serializer_give_the_same_json()
    {
        var random = new Random(4);
        var statuses = Demo.Sites.Where(_ => random.Next(2) == 0).Select(
            s => StatusEstimator.Estimate(new StatusReport { SiteId = s.Id, ReportId = "r", ReceivedAt = new DateTimeOffset(2022, 4, 28, 1, 50, 0, TimeSpan.Zero), QueueLength = random.Next(80), OpenWindows = 2 }, [], null, new DateTimeOffset(2022, 4, 28, 1, 51, 0, TimeSpan.Zero), new StatusOptions()).ToBoardStatus());
        var board = new StatusBoard(statuses, new StatusOptions());
        var compared = 0;
        foreach (var hour in new[] { 0, 2, 10, 15, 23 })
        {
            var now = new DateTimeOffset(2022, 4, 28, hour, 7, 0, TimeSpan.Zero);
            foreach (var coord in Enum.GetValues<CoordinateSystem>())
            {
                // Every site, reserved or not, so that the audience labels of reserved sites are compared too.
                var query = new NearbyQuery(new GeoPoint(31.1 + (random.NextDouble() * 0.3), 121.3 + (random.NextDouble() * 0.3)), 1 + random.Next(50), 50_000) { Audience = Audience.AnyName };
                foreach (var hits in new[] { Demo.Nearby(query, now, board), Demo.NearbyByTime(query, now, board), [] })
                {
                    var fast = JsonNode.Parse(NearbyJson.Write(hits, Served, coord, now, board).Span);
                    var views = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(new ListPage<SiteView>(hits.Select(h => View(h, coord, now, board)).ToArray()), ApiJson.Options));
                    Assert.True(JsonNode.DeepEquals(fast, views), $"{fast}\n≠\n{views}");
                    compared += hits.Count;
                }
            }
        }

        Assert.True(compared > 500);
    }

    [Fact]
    public void Todays_openings_include_last_nights_that_run_past_midnight()
    {
        var site = Demo.Sites[0] with { Hours = SiteFinder.Domain.Hours.OpeningHours.Parse("周六 22:00-次日6:00") };
        var sundayThree = new DateTimeOffset(2022, 5, 1, 3, 0, 0, TimeSpan.FromHours(8));
        var parts = new SiteViewParts(site);
        var view = SiteView.Summary(site, parts, CoordinateSystem.Wgs84, sundayThree, StatusBoard.Empty(new StatusOptions()));
        Assert.True(view.OpenNow);
        var opening = Assert.Single(view.Hours.Today!);
        Assert.Equal(("sat", "22:00", "06:00", true), (opening.Day, opening.Open, opening.Close, opening.ClosesNextDay));
        Assert.Empty(SiteView.Summary(site, parts, CoordinateSystem.Wgs84, sundayThree.AddDays(1), StatusBoard.Empty(new StatusOptions())).Hours.Today!);
    }

    [Fact]
    public void Odd_date_openings_of_today_follow_the_day_of_the_month_and_qualifiers_are_shown()
    {
        var site = Demo.Sites[0] with { Hours = SiteFinder.Domain.Hours.OpeningHours.Parse("单号 20:00-次日02:00（预约检测）") };
        var served = new ServedCatalogue(new Catalogue([site]));
        var board = StatusBoard.Empty(new StatusOptions());
        var query = new NearbyQuery(site.Location, 5, 1_000);

        // Wednesday 1 June follows Tuesday 31 May: both odd, so last night's opening and tonight's both count.
        foreach (var (date, days) in new[] { ((6, 1), "tue,wed"), ((6, 2), "wed"), ((6, 3), "fri"), ((5, 1), "sun") })
        {
            var now = new DateTimeOffset(2022, date.Item1, date.Item2, 1, 0, 0, TimeSpan.FromHours(8));
            var hits = served.Catalogue.Nearby(query, now, board);
            var fast = JsonNode.Parse(NearbyJson.Write(hits, served, CoordinateSystem.Wgs84, now, board).Span)!;
            var views = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(new ListPage<SiteView>(hits.Select(h => View(h, served, CoordinateSystem.Wgs84, now, board)).ToArray()), ApiJson.Options));
            Assert.True(JsonNode.DeepEquals(fast, views), $"{fast}\n≠\n{views}");

            var hours = fast["items"]![0]!["hours"]!;
            Assert.Equal(days, string.Join(",", hours["today"]!.AsArray().Select(i => (string)i!["day"]!)));
            Assert.All(hours["today"]!.AsArray(), i => Assert.Equal("odd", (string)i!["dates"]!));
            Assert.True((bool)hours["oddEvenDates"]!);
            Assert.Equal(["appointmentOnly"], hours["qualifiers"]!.AsArray().Select(q => (string)q!));
        }
    }

    [Fact]
    public void An_approximate_location_is_written_as_the_view_writes_it()
    {
        var sites = Demo.Sites.Take(300).Select((s, i) => i % 3 == 0 ? s with { LocationApproximate = true } : s).ToArray();
        var served = new ServedCatalogue(new Catalogue(sites));
        var board = StatusBoard.Empty(new StatusOptions());
        var now = new DateTimeOffset(2022, 4, 28, 2, 0, 0, TimeSpan.Zero);
        var hits = served.Catalogue.Nearby(new NearbyQuery(sites[0].Location, 50, 50_000), now, board);
        foreach (var coord in Enum.GetValues<CoordinateSystem>())
        {
            var fast = JsonNode.Parse(NearbyJson.Write(hits, served, coord, now, board).Span)!;
            var views = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(new ListPage<SiteView>(hits.Select(h => View(h, served, coord, now, board)).ToArray()), ApiJson.Options));
            Assert.True(JsonNode.DeepEquals(fast, views), $"{fast}\n≠\n{views}");
            var items = fast["items"]!.AsArray();
            Assert.Equal(hits.Select(h => h.Site.LocationApproximate), items.Select(i => i!["location"]!["approximate"] is { } a && (bool)a));
        }

        Assert.Contains(hits, h => h.Site.LocationApproximate);
        Assert.Contains(hits, h => !h.Site.LocationApproximate);
    }

    /// <summary>A nearby item the ordinary way: the site's summary view with the hit's distance, walk and total.</summary>
    private static SiteView View(NearbyHit hit, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) => View(hit, Served, coord, now, board);

    private static SiteView View(NearbyHit hit, ServedCatalogue served, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) =>
        SiteView.Summary(hit.Site, served.PartsOf(hit.Site), coord, now, board) with
        {
            DistanceMeters = Math.Round(hit.DistanceMeters),
            WalkMinutes = hit.WalkMinutes,
            TotalMinutes = hit.TotalMinutes is { } total ? (int)Math.Ceiling(total) : null,
        };
}
