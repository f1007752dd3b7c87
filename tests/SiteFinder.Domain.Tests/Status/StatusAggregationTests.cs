using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Tests.Status;

public class StatusAggregationTests
{
    // 10:00 Thursday in Shanghai; every demo site with hours "24小时" is open.
    private static readonly DateTimeOffset Minute = new(2022, 4, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly StatusOptions Options = new();
    private static readonly Site[] Sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch)
        .Where(s => s.State == SiteState.Open && s.Hours.Always).Take(3).ToArray();

    private static StatusReport Report(Site site, int queue, DateTimeOffset at, string id) =>
        new() { SiteId = site.Id, ReportId = id, ReceivedAt = at, QueueLength = queue, OpenWindows = 2 };

    [Fact]
    public void The_latest_report_wins_whatever_order_reports_arrive_in()
    {
        var reports = new[] { Report(Sites[0], 100, Minute.AddSeconds(50), "b"), Report(Sites[0], 4, Minute.AddSeconds(10), "a") };
        var (state, _) = StatusAggregation.Run(null, Sites, reports, [], Minute, Options);
        var (reversed, _) = StatusAggregation.Run(null, Sites, reports.Reverse().ToArray(), [], Minute, Options);
        Assert.Equal(BusyLevel.Busy, Assert.Single(state.Sites).Level);
        Assert.Equal(state.Sites, reversed.Sites);
    }

    [Fact]
    public void Running_twice_on_the_same_inputs_gives_the_same_state()
    {
        var reports = Sites.Select((s, i) => Report(s, 10 * i, Minute.AddSeconds(5), "r" + i)).ToArray();
        var first = StatusAggregation.Run(null, Sites, reports, [], Minute, Options);
        var second = StatusAggregation.Run(null, Sites, reports, [], Minute, Options);
        Assert.Equal(first.State.Sites, second.State.Sites);
        Assert.Equal(first.State.Hours, second.State.Hours);
    }

    [Fact]
    public void Re_reading_an_old_report_after_a_newer_one_changes_nothing()
    {
        var old = Report(Sites[0], 100, Minute.AddMinutes(-1), "old");
        var (afterOld, _) = StatusAggregation.Run(null, Sites, [old], [], Minute.AddMinutes(-1), Options);
        var fresh = Report(Sites[0], 2, Minute.AddSeconds(3), "new");
        var (afterNew, _) = StatusAggregation.Run(afterOld, Sites, [fresh], [], Minute, Options);
        var (overlap, _) = StatusAggregation.Run(afterNew, Sites, [old, fresh], [], Minute.AddMinutes(1), Options);
        Assert.Equal("new", Assert.Single(overlap.Sites).Report.ReportId);
        Assert.Equal(BusyLevel.Idle, overlap.Sites[0].Level);
    }

    [Fact]
    public void Hour_tallies_count_live_minutes_and_restart_each_local_hour()
    {
        var report = Report(Sites[0], 120, Minute, "r");
        StatusState? state = null;
        for (var m = 0; m < 3; m++)
            (state, _) = StatusAggregation.Run(state, Sites, m == 0 ? [report] : [], [], Minute.AddMinutes(m), Options);

        var tally = Assert.Single(state!.Hours);
        Assert.Equal((new DateOnly(2022, 4, 28), 10), (tally.Date, tally.Hour));
        Assert.Equal(3, tally.Minutes);
        Assert.Equal(3 * 30, tally.WaitSum);
        Assert.Equal(3, tally.BusyMinutes);

        var (nextHour, changed) = StatusAggregation.Run(state, Sites, [Report(Sites[0], 60, Minute.AddMinutes(60), "r2")], [], Minute.AddMinutes(60), Options);
        Assert.Equal(11, Assert.Single(nextHour.Hours).Hour);
        Assert.Equal(1, nextHour.Hours[0].Minutes);
        Assert.Single(changed);
    }

    [Fact]
    public void A_status_past_its_ttl_stops_counting_and_is_served_as_no_data()
    {
        var (state, _) = StatusAggregation.Run(null, Sites, [Report(Sites[0], 40, Minute, "r")], [], Minute, Options);
        var later = Minute.AddMinutes(Options.TtlMinutes + 1);
        var (stale, changed) = StatusAggregation.Run(state, Sites, [], [], later, Options);
        Assert.Empty(changed);
        var board = new StatusBoard(stale.ToBoard().Sites, Options);
        Assert.Equal(BusyLevel.NoData, board.Current(Sites[0], later).Level);
        Assert.Equal(BusyLevel.Normal, board.Current(Sites[0], Minute.AddMinutes(5)).Level);
        Assert.Equal(BusyLevel.NoData, board.Current(Sites[1], Minute).Level);
    }

    [Fact]
    public void Outside_opening_hours_a_site_is_closed_whatever_was_reported()
    {
        var dayOnly = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).First(s => s.State == SiteState.Open && s.Hours.Raw == "周一至周日 9:00-21:00");
        var (state, _) = StatusAggregation.Run(null, [dayOnly], [Report(dayOnly, 40, Minute, "r")], [], Minute, Options);
        var board = new StatusBoard(state.ToBoard().Sites, Options);
        Assert.Equal(BusyLevel.Normal, board.Current(dayOnly, Minute.AddMinutes(5)).Level);

        // 21:30 in Shanghai.
        var closed = board.Current(dayOnly, new DateTimeOffset(2022, 4, 28, 13, 30, 0, TimeSpan.Zero));
        Assert.Equal(BusyLevel.Closed, closed.Level);
        Assert.Null(closed.WaitMinutes);
    }

    [Fact]
    public void Typical_busyness_averages_each_hour_over_days()
    {
        var tallies = new[]
        {
            new HourTally("s", new DateOnly(2022, 4, 27), 8, 60, 600, 60, 30),
            new HourTally("s", new DateOnly(2022, 4, 28), 8, 30, 600, 30, 30),
            new HourTally("s", new DateOnly(2022, 4, 28), 9, 60, 0, 0, 0),
        };
        var hours = TypicalBusyness.FromTallies(tallies);
        Assert.Equal([8, 9], hours.Select(h => h.Hour));
        Assert.Equal(2, hours[0].Days);
        Assert.Equal(13.3, hours[0].AverageWaitMinutes);
        Assert.Equal(Math.Round(60.0 / 90, 3), hours[0].BusyShare);
        Assert.Null(hours[1].AverageWaitMinutes);
    }

    [Fact]
    public void Typical_busyness_reads_the_fourteen_local_dates_ending_today()
    {
        // 2022-04-28 17:00 UTC is already the 29th in Shanghai.
        var (first, last) = TypicalBusyness.DatesEndingAt(new DateTimeOffset(2022, 4, 28, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal((new DateOnly(2022, 4, 16), new DateOnly(2022, 4, 29)), (first, last));
    }
}
