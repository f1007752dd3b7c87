using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Tests.Status;

public class StatusBoardTests
{
    /// <summary>
    /// The nearby answer asks a site whether it is open once and gives that to the board: the status is the one
    /// the board finds by itself, for every demo site (planned, open, suspended, closed; hours of every kind), with
    /// and without a report, inside and outside the hours.
    /// </summary>
    [Fact]
    public void Status_given_the_sites_open_now_is_the_status_the_board_finds()
    {
        var now = new DateTimeOffset(2022, 4, 28, 2, 20, 0, TimeSpan.Zero);
        var random = new Random(3);
        var sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch)
            .Select((s, i) => i % 50 == 0 ? s with { State = SiteState.Suspended, SuspendedUntil = now.AddHours(random.Next(-3, 4)) } : s)
            .ToArray();
        var statuses = sites.Where(_ => random.Next(2) == 0).Select(s => StatusEstimator.Estimate(
            new StatusReport { SiteId = s.Id, ReportId = "r", ReceivedAt = now.AddMinutes(-random.Next(90)), QueueLength = random.Next(100), OpenWindows = 2, Level = random.Next(5) == 0 ? BusyLevel.Unconfirmed : null },
            [],
            null,
            now,
            new StatusOptions()).ToBoardStatus());
        var board = new StatusBoard(statuses, new StatusOptions());
        var levels = new HashSet<BusyLevel>();
        foreach (var hours in new[] { 0, 3, 7, 12, 18, 23 })
        {
            var at = now.AddHours(hours).AddMinutes(random.Next(60));
            foreach (var site in sites)
            {
                var expected = board.Current(site, at);
                Assert.Equal(expected, board.Current(site, at, site.IsOpenAt(at)));
                levels.Add(expected.Level);
            }
        }

        Assert.Superset(new HashSet<BusyLevel> { BusyLevel.Closed, BusyLevel.NoData, BusyLevel.Unconfirmed, BusyLevel.Idle }, levels);
    }
}
