using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Tests.Status;

public class NearbyByTimeTests
{
    private static readonly Catalogue Demo = new(DemoCatalogue.Generate(DateTimeOffset.UnixEpoch));

    // 10:20 Thursday in Shanghai: some sites close at 10:30, so arrival time matters.
    private static readonly DateTimeOffset Now = new(2022, 4, 28, 2, 20, 0, TimeSpan.Zero);

    private static StatusBoard RandomBoard(int seed)
    {
        var random = new Random(seed);
        var statuses = new List<BoardStatus>();
        foreach (var site in Demo.Sites.Where(_ => random.Next(3) > 0))
        {
            var report = random.Next(4) == 0
                ? new StatusReport { SiteId = site.Id, ReportId = "r", ReceivedAt = Now.AddMinutes(-random.Next(0, 45)), Level = (BusyLevel)random.Next(0, 5) }
                : new StatusReport { SiteId = site.Id, ReportId = "r", ReceivedAt = Now.AddMinutes(-random.Next(0, 45)), QueueLength = random.Next(0, 150), OpenWindows = random.Next(1, 4) };
            statuses.Add(StatusEstimator.Estimate(report, [], null, Now, new StatusOptions()).ToBoardStatus());
        }

        return new StatusBoard(statuses, new StatusOptions());
    }

    [Fact]
    public void Ordering_by_time_equals_a_brute_force_over_every_site()
    {
        var random = new Random(9);
        for (var i = 0; i < 60; i++)
        {
            var board = RandomBoard(i);
            var origin = new GeoPoint(31.0 + (random.NextDouble() * 0.5), 121.2 + (random.NextDouble() * 0.5));
            var query = new NearbyQuery(origin, random.Next(1, 20), random.Next(1_000, 50_000)) { NotBusy = random.Next(2) == 0 };

            var expected = Demo.Sites
                .Where(s => s.State == SiteState.Open && s.Audience.Kind == AudienceKind.Public)
                .Where(s => !query.NotBusy || !board.Current(s, Now).IsBusy)
                .Where(s => board.Current(s, Now).Level != BusyLevel.Paused)
                .Select(s => (Site: s, D: GreatCircle.DistanceMeters(origin, s.Location)))
                .Where(x => x.D <= query.RadiusMeters)
                .Select(x => (x.Site, x.D, Walk: GreatCircle.WalkingMinutes(x.D)))
                .Where(x => x.Site.IsOpenAt(Now.AddMinutes(x.Walk)) == true)
                .Select(x => (x.Site, x.D, Total: x.Walk + board.PlanningWait(board.Current(x.Site, Now))))
                .OrderBy(x => x.Total).ThenBy(x => x.D).ThenBy(x => x.Site.Id, StringComparer.Ordinal)
                .Take(query.Limit)
                .ToList();

            var actual = Demo.NearbyByTime(query, Now, board);
            Assert.Equal(expected.Select(e => e.Site.Id), actual.Select(a => a.Site.Id));
            Assert.Equal(expected.Select(e => e.Total), actual.Select(a => a.TotalMinutes!.Value));
        }
    }

    [Fact]
    public void Not_busy_leaves_out_busy_congested_paused_and_closed_but_keeps_no_data()
    {
        var board = RandomBoard(1);
        var origin = new GeoPoint(31.23, 121.47);
        var hits = Demo.Nearby(new NearbyQuery(origin, 50, 50_000) { NotBusy = true }, Now, board);
        Assert.Equal(50, hits.Count);
        Assert.All(hits, h => Assert.False(board.Current(h.Site, Now).IsBusy));
        Assert.Contains(hits, h => board.Current(h.Site, Now).Level == BusyLevel.NoData);
        var all = Demo.Nearby(new NearbyQuery(origin, 50, 50_000), Now, board);
        Assert.Contains(all, h => board.Current(h.Site, Now).IsBusy);
    }
}
