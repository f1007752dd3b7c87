using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Tests;

namespace SiteFinder.Domain.Tests.Demo;

public class DemoFeedTests
{
    // Thursday 2022-04-28 08:30 in Shanghai, in the morning rush.
    private static readonly DateTimeOffset HalfPastEight = new(2022, 4, 28, 0, 30, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<Site> Catalogue = DemoCatalogue.Generate(HalfPastEight);

    /// <summary>Fed sites open around the clock, so that every minute of a test counts.</summary>
    private static IReadOnlyList<Site> AlwaysOpen(int percent) => DemoFeed.Choose(Catalogue, percent, seed: 7).Where(s => s.Hours.Always).ToArray();

    /// <summary>Runs a feed for some minutes, ticking every 20 seconds as the feeder might; everything it said, in order.</summary>
    private static (List<(DateTimeOffset At, DemoReport Report)> Reports, List<ThroughputCount> Counts) Run(DemoFeed feed, ManualClock clock, int minutes)
    {
        var reports = new List<(DateTimeOffset, DemoReport)>();
        var counts = new List<ThroughputCount>();
        for (var tick = 0; tick < minutes * 3; tick++)
        {
            counts.AddRange(feed.Advance());
            foreach (var report in feed.DueReports())
            {
                // As the feeder does once the write succeeded.
                feed.Sent(report);
                reports.Add((clock.GetUtcNow(), report));
            }

            clock.Advance(TimeSpan.FromSeconds(20));
        }

        return (reports, counts);
    }

    [Fact]
    public void A_share_of_each_districts_open_demo_sites_is_fed_the_same_on_every_start()
    {
        var other = Catalogue[0] with { Id = "00000000000000ff", SourceId = "hz:1" };
        var chosen = DemoFeed.Choose([.. Catalogue, other], 35, seed: 7);

        Assert.Equal(chosen.Select(s => s.Id), DemoFeed.Choose(Catalogue, 35, seed: 7).Select(s => s.Id));
        Assert.DoesNotContain(chosen, s => s.Id == other.Id);
        Assert.All(chosen, s => Assert.Equal(SiteState.Open, s.State));
        var open = Catalogue.Where(s => s.State == SiteState.Open).GroupBy(s => s.District).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ShanghaiDistricts.All.Count, open.Count);
        foreach (var district in chosen.GroupBy(s => s.District))
            Assert.Equal(Math.Round(open[district.Key] * 0.35), district.Count());
        Assert.Equal(open.Count, chosen.Select(s => s.District).Distinct().Count());
        Assert.NotEqual(chosen.Select(s => s.Id), DemoFeed.Choose(Catalogue, 35, seed: 8).Select(s => s.Id));
    }

    [Fact]
    public void The_same_seed_and_clock_say_the_same_and_another_seed_does_not()
    {
        var sites = AlwaysOpen(10);
        var (clockA, clockB, clockC) = (new ManualClock(HalfPastEight), new ManualClock(HalfPastEight), new ManualClock(HalfPastEight));
        var a = Run(new DemoFeed(sites, 1, clockA), clockA, 12);
        var b = Run(new DemoFeed(sites, 1, clockB), clockB, 12);
        var c = Run(new DemoFeed(sites, 2, clockC), clockC, 12);

        Assert.Equal(a.Reports, b.Reports);
        Assert.Equal(a.Counts, b.Counts);
        Assert.NotEqual(a.Reports.Select(r => r.Report.Input.QueueLength), c.Reports.Select(r => r.Report.Input.QueueLength));
    }

    [Fact]
    public void Each_site_reports_every_five_minutes_staggered_and_one_in_ten_falls_silent()
    {
        var sites = AlwaysOpen(20);
        var clock = new ManualClock(HalfPastEight);
        var feed = new DemoFeed(sites, 1, clock);
        var (reports, counts) = Run(feed, clock, 20);

        var lapsing = feed.Lapsing.ToHashSet();
        Assert.Equal(sites.Count / 10, lapsing.Count);
        var bySite = reports.GroupBy(r => r.Report.SiteId).ToDictionary(g => g.Key, g => g.Select(r => r.At).ToList());
        Assert.Equal(sites.Count, bySite.Count);
        foreach (var (site, times) in bySite)
        {
            Assert.Equal(lapsing.Contains(site) ? 1 : 4, times.Count);
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(DemoFeed.ReportEveryMinutes), pair.Second - pair.First));
        }

        // Staggered: each minute about a fifth of the sites, never all at once.
        Assert.All(reports.GroupBy(r => r.At.UtcTicks / TimeSpan.TicksPerMinute), minute => Assert.True(minute.Count() <= (sites.Count / 5) + 1, $"{minute.Count()} reports in one minute"));

        // A silent site's scan system is silent too: it would otherwise keep the status alive.
        Assert.DoesNotContain(counts, c => lapsing.Contains(c.SiteId) && c.Minute > HalfPastEight.AddMinutes(5));
    }

    [Fact]
    public void Reports_are_valid_staff_reports_with_a_client_id_per_minute()
    {
        var sites = AlwaysOpen(10);
        var clock = new ManualClock(HalfPastEight);
        var (reports, _) = Run(new DemoFeed(sites, 1, clock), clock, 10);

        Assert.NotEmpty(reports);
        Assert.All(reports, r =>
        {
            Assert.Null(r.Report.Input.Problem());
            Assert.True(StaffReportInput.IsWellFormedClientReportId(r.Report.Input.ClientReportId!));
            Assert.Equal($"demo-{r.At:yyyyMMddHHmm}", r.Report.Input.ClientReportId);
            Assert.InRange(r.Report.Input.QueueLength!.Value, 0, StaffReportInput.MaxQueueLength);
            Assert.InRange(r.Report.Input.OpenWindows!.Value, 1, 3);
        });

        // In the morning rush some queues are long enough to be busy at two samples a window a minute.
        Assert.Contains(reports, r => r.Report.Input.QueueLength / (r.Report.Input.OpenWindows * 2.0) >= 25);
        Assert.Contains(reports, r => r.Report.Input.QueueLength / (r.Report.Input.OpenWindows * 2.0) < 25);
    }

    [Fact]
    public void Throughput_counts_whole_minutes_since_the_start_only()
    {
        var sites = AlwaysOpen(10);
        var clock = new ManualClock(HalfPastEight.AddSeconds(30));
        var feed = new DemoFeed(sites, 1, clock);

        Assert.Empty(feed.Advance());
        clock.Advance(TimeSpan.FromMinutes(3));
        var counts = feed.Advance();

        Assert.Equal(3 * sites.Count, counts.Count);
        Assert.All(counts, c =>
        {
            Assert.True(ThroughputBatch.IsCountableMinute(c.Minute, clock.GetUtcNow()));
            Assert.InRange(c.Minute, HalfPastEight, HalfPastEight.AddMinutes(2));
            Assert.True(c.Samples <= Math.Floor(feed.QueueOf(c.SiteId).Capacity) + 1);
        });
        Assert.Equal(counts.Count, ThroughputBatch.LastWins(counts).Count);
        Assert.Contains(counts, c => c.Samples > 0);
    }

    [Fact]
    public void Sites_closed_by_their_hours_say_nothing()
    {
        // 03:00 in Shanghai: only the round-the-clock and the night sites are open.
        var night = new ManualClock(new DateTimeOffset(2022, 4, 27, 19, 0, 0, TimeSpan.Zero));
        var sites = DemoFeed.Choose(Catalogue, 20, seed: 7);
        var feed = new DemoFeed(sites, 1, night);
        var (reports, counts) = Run(feed, night, 6);

        var closed = sites.Where(s => s.Hours.IsOpenAt(night.GetUtcNow()) == false).Select(s => s.Id).ToHashSet();
        Assert.NotEmpty(closed);
        Assert.NotEmpty(reports);
        Assert.DoesNotContain(reports, r => closed.Contains(r.Report.SiteId));
        Assert.DoesNotContain(counts, c => closed.Contains(c.SiteId));
    }

    [Fact]
    public void A_report_not_marked_sent_is_due_again_the_next_minute_and_a_lapsing_site_whose_one_report_failed_reports_at_the_next_chance()
    {
        var sites = AlwaysOpen(20);
        var clock = new ManualClock(HalfPastEight);
        var feed = new DemoFeed(sites, 1, clock);
        feed.Advance();
        var lapsing = feed.Lapsing.ToHashSet();
        Assert.NotEmpty(lapsing);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);

        // The first report of every site fails (the write threw): none is marked sent.
        for (var minute = 0; minute < DemoFeed.ReportEveryMinutes; minute++)
        {
            var due = feed.DueReports().Select(r => r.SiteId).ToList();
            Assert.All(due, id => Assert.DoesNotContain(id, reported));
            failed.UnionWith(due);

            // A minute later every failed report is due again, of the new minute; this time it is sent.
            clock.Advance(TimeSpan.FromMinutes(1));
            feed.Advance();
            var again = feed.DueReports();
            Assert.Superset(failed, again.Select(r => r.SiteId).ToHashSet());
            Assert.All(again, r => Assert.Equal($"demo-{clock.GetUtcNow():yyyyMMddHHmm}", r.Input.ClientReportId));
            foreach (var report in again.Where(r => failed.Contains(r.SiteId)))
            {
                feed.Sent(report);
                reported.Add(report.SiteId);
            }

            failed.Clear();
        }

        Assert.Superset(lapsing, reported);

        // Sent once, each waits for its slot again, and the lapsing sites, having made their one report, say nothing more.
        var later = new List<string>();
        for (var minute = 0; minute < 3 * DemoFeed.ReportEveryMinutes; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            feed.Advance();
            foreach (var report in feed.DueReports())
            {
                feed.Sent(report);
                later.Add(report.SiteId);
            }
        }

        Assert.DoesNotContain(later, lapsing.Contains);
        Assert.All(later.GroupBy(id => id), site => Assert.InRange(site.Count(), 2, 3));
    }
}
